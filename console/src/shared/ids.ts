/** A random key for one submission of a form, so a retried or double-clicked submit records one payment. */
export function newIdempotencyKey(prefix = 'console'): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return `${prefix}-${c.randomUUID()}`;
  // randomUUID exists only in secure contexts; a console served over plain HTTP on a LAN still needs keys.
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
