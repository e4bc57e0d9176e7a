/** What a search text names: a document number (INV-/CN- and digits) or free text for accounts. */
export type SearchTerm = { kind: 'INVOICE' | 'CREDIT_NOTE'; id: string } | { kind: 'TEXT'; text: string } | { kind: 'NONE' };

const DOCUMENT = /^(INV|CN)-?0*(\d{1,15})$/i;

/** Reads a search text: "INV-00000012" (any case, leading zeros optional) names invoice 12; anything else is text. */
export function parseSearch(raw: string): SearchTerm {
  const text = raw.trim().slice(0, 128);
  if (text.length === 0) return { kind: 'NONE' };
  const doc = DOCUMENT.exec(text);
  if (doc) return { kind: doc[1].toUpperCase() === 'INV' ? 'INVOICE' : 'CREDIT_NOTE', id: doc[2] };
  return { kind: 'TEXT', text };
}

/** Escapes LIKE wildcards with '!' (a backslash means different things to MySQL and SQLite string literals). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
