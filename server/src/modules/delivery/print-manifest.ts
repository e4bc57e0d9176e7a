/** One line of a print batch's manifest. */
export interface ManifestRow {
  documentId: string;
  accountNumber: string;
  name: string;
  address: string;
  pages: number;
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The manifest: a header, then one line per document in batch order (CRLF, as RFC 4180). */
export function manifestCsv(rows: readonly ManifestRow[]): string {
  const lines = [['document', 'account_number', 'name', 'address', 'pages'].join(',')];
  for (const r of rows) lines.push([r.documentId, r.accountNumber, r.name, r.address, String(r.pages)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
