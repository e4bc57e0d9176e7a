/** The invoice number customers see, derived from the id so it is unique without a counter. */
export function invoiceNumber(id: string): string {
  return `INV-${id.padStart(8, '0')}`;
}

/** The id behind an invoice number, or null when it is not one. */
export function invoiceIdFromNumber(number: string): string | null {
  const m = /^INV-0*(\d{1,16})$/.exec(number.trim().toUpperCase());
  return m ? m[1] : null;
}
