import { formatMoney } from '../../common/money';

/** What a letter, a reminder or a dialer row says about the account. */
export interface DelinquencyFacts {
  name: string;
  accountNumber: string;
  phone: string | null;
  /** Cents. */
  pastDue: number;
  /** Cents of pastDue on fee invoices (late and returned-payment fees). */
  feesPastDue: number;
  daysPastDue: number;
}

/**
 * What is past due for service: pastDue less the fees. A step's minimum is weighed against it, a
 * percentage late fee is charged on it (never a fee on a fee), and with nothing owed for service no
 * late fee is charged and no market drop requested: fees alone never cost a customer their supply.
 */
export function owedForService(facts: Pick<DelinquencyFacts, 'pastDue' | 'feesPastDue'>): number {
  return facts.pastDue - facts.feesPastDue;
}

export const TEMPLATE_FIELDS = ['name', 'accountNumber', 'pastDue', 'daysPastDue'] as const;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders a template uses that are not among TEMPLATE_FIELDS (a typo would otherwise reach the customer). */
export function unknownPlaceholders(template: string): string[] {
  const known: readonly string[] = TEMPLATE_FIELDS;
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.includes(name));
  return [...new Set(unknown)];
}

export function renderTemplate(template: string, facts: DelinquencyFacts): string {
  const values: Record<(typeof TEMPLATE_FIELDS)[number], string> = {
    name: facts.name,
    accountNumber: facts.accountNumber,
    pastDue: formatMoney(facts.pastDue),
    daysPastDue: String(facts.daysPastDue),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
}

export const DIALER_HEADER = 'accountNumber,name,phone,pastDue,daysPastDue';
/** RFC 4180 line breaks. */
export const CSV_EOL = '\r\n';

/** A CSV field: quoted when it holds a comma, a quote, a line break or edge spaces, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * What a spreadsheet would read as a formula (OWASP, CSV injection): a cell
 * starting with = + - @, a tab or a carriage return, also after spaces.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
/** An international phone number ("+44 20 7946 0000"): digits and separators only, nothing a formula could call. */
const PHONE_NUMBER = /^\+\d[\d ().-]*$/;

/**
 * A cell of a file meant for spreadsheets and dialers: one a spreadsheet would
 * run as a formula is prefixed with a single quote, so it shows as the text
 * it is; then quoted as csvField does. A phone number keeps its leading +.
 */
export function csvCell(value: string): string {
  return csvField(FORMULA_START.test(value) && !PHONE_NUMBER.test(value) ? `'${value}` : value);
}

/** The fields of one CSV record (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsvRecord(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

export function dialerRow(facts: DelinquencyFacts): string {
  return [facts.accountNumber, facts.name, facts.phone ?? '', formatMoney(facts.pastDue), String(facts.daysPastDue)].map(csvCell).join(',');
}

/**
 * The dialer file: the header, then one line per row, each ended by CRLF.
 * Each stored row is written again cell by cell, so a row recorded before
 * cells were neutralised is as safe to open as a new one (a neutralised cell
 * stays as it is).
 */
export function dialerCsv(rows: readonly string[]): string {
  const safe = rows.map((row) => parseCsvRecord(row).map(csvCell).join(','));
  return [DIALER_HEADER, ...safe].map((line) => line + CSV_EOL).join('');
}
