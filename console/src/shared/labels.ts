/** Words of the API's enum values that stay in capitals in prose: a payment by ACH, an SLA breached. */
const ACRONYMS = new Set(['ACH', 'API', 'CSV', 'DSO', 'ID', 'PDF', 'SLA', 'URL']);

/** An enum value as lower-case words, its acronyms kept: "LATE_FEE" → "late fee", "ACH" → "ACH". */
export function enumWords(value: string): string {
  return value
    .split('_')
    .filter(Boolean)
    .map((word) => (ACRONYMS.has(word) ? word : word.toLowerCase()))
    .join(' ');
}

/** An enum value as a label: "DROP_PENDING" → "Drop pending", "ACH" → "ACH", "SLA_BREACHED" → "SLA breached". */
export function humanizeStatus(value: string): string {
  const words = enumWords(value);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
