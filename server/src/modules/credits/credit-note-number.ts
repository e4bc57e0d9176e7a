/** The credit note number customers see, derived from the id as invoice numbers are: CN- and at least 8 digits. */
export function creditNoteNumber(id: string): string {
  return `CN-${id.padStart(8, '0')}`;
}
