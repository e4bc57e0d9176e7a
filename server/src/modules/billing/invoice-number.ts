/** The invoice number customers see, derived from the id so it is unique without a counter. */
export function invoiceNumber(id: string): string {
  return `INV-${id.padStart(8, '0')}`;
}
