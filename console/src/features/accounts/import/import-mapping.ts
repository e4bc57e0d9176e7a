import type { AccountImportInput } from '../../../generated/graphql';

/** The import's fields, in the order the mapping form lists them. */
export const IMPORT_FIELDS = [
  { key: 'number', label: 'Account number', required: true },
  { key: 'name', label: 'Name', required: true },
  { key: 'segment', label: 'Segment', required: true },
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'taxZone', label: 'Tax zone' },
  { key: 'taxExempt', label: 'Tax exempt' },
  { key: 'taxExemptionRef', label: 'Tax exemption reference' },
  { key: 'productCode', label: 'Product code' },
  { key: 'promoCode', label: 'Promo code' },
  { key: 'startDate', label: 'Enrollment start date' },
  { key: 'collectionsPathId', label: 'Collections path id' },
  { key: 'legacyNumber', label: 'Open invoice: number' },
  { key: 'issueDate', label: 'Open invoice: issue date' },
  { key: 'dueDate', label: 'Open invoice: due date' },
  { key: 'amount', label: 'Open invoice: amount' },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];
/** For each field, the index of the CSV column it is read from; absent: not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const ALIASES: Record<ImportField, string[]> = {
  number: ['number', 'accountnumber', 'account', 'accountno', 'accountid'],
  name: ['name', 'customername', 'customer', 'fullname'],
  segment: ['segment', 'customersegment'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel'],
  taxZone: ['taxzone', 'zone'],
  taxExempt: ['taxexempt', 'exempt'],
  taxExemptionRef: ['taxexemptionref', 'exemptionref', 'taxexemptioncertificate', 'certificate'],
  productCode: ['productcode', 'product', 'plan', 'plancode'],
  promoCode: ['promocode', 'promo', 'promotion'],
  startDate: ['startdate', 'enrollmentstart', 'enrolledon', 'start'],
  collectionsPathId: ['collectionspathid', 'collectionspath', 'pathid'],
  legacyNumber: ['legacynumber', 'invoicenumber', 'openinvoice', 'invoice', 'legacyinvoice'],
  issueDate: ['issuedate', 'invoicedate', 'issued'],
  dueDate: ['duedate', 'due'],
  amount: ['amount', 'openamount', 'balance', 'amountdue'],
};

/** A first mapping from the file's header names ("Account number", "account_no", "E-mail"...). */
export function guessMapping(header: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const names = header.map(squash);
  for (const { key } of IMPORT_FIELDS) {
    const index = names.findIndex((n) => ALIASES[key].includes(n));
    if (index >= 0) mapping[key] = index;
  }
  return mapping;
}

/** The fields the mapping leaves out that every row needs. */
export function missingRequired(mapping: ColumnMapping): string[] {
  return IMPORT_FIELDS.filter((f) => 'required' in f && f.required && mapping[f.key] === undefined).map((f) => f.label);
}

/** One account of the file, the CSV lines it comes from (1 = the first line after the header) and what is wrong with it. */
export interface PreparedRow {
  input: AccountImportInput;
  lines: number[];
  problems: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function yes(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (['true', 'yes', 'y', '1', 'x'].includes(t)) return true;
  if (['false', 'no', 'n', '0'].includes(t)) return false;
  return null;
}

/**
 * The file's rows as import rows, checked as far as the console can: lines
 * with the same account number make one account, each adding its open invoice
 * to the account's opening balance (the account's fields are read from its
 * first line). The hub checks the rest.
 */
export function prepareRows(rows: string[][], mapping: ColumnMapping): PreparedRow[] {
  const byNumber = new Map<string, PreparedRow>();
  const out: PreparedRow[] = [];
  rows.forEach((cells, i) => {
    const line = i + 1;
    const get = (key: ImportField): string => {
      const col = mapping[key];
      return col === undefined ? '' : (cells[col] ?? '').trim();
    };
    const opt = (key: ImportField): string | null => get(key) || null;
    const number = get('number');
    const invoice = get('legacyNumber') || get('amount') || get('dueDate') || get('issueDate') ? openInvoice(get) : null;
    const existing = number ? byNumber.get(number) : undefined;
    if (existing) {
      existing.lines.push(line);
      if (invoice) {
        existing.input.openingBalance = [...(existing.input.openingBalance ?? []), invoice.value];
        existing.problems.push(...invoice.problems.map((p) => `line ${line}: ${p}`));
      }
      return;
    }
    const problems: string[] = [];
    if (!number) problems.push('the account number is empty');
    else if (!NUMBER.test(number)) problems.push(`account number "${number}" may use letters, digits, _ and - only (at most 32)`);
    if (!get('name')) problems.push('the name is empty');
    if (!get('segment')) problems.push('the segment is empty');
    const email = opt('email');
    if (email && !EMAIL.test(email)) problems.push(`"${email}" is not an email address`);
    const startDate = opt('startDate');
    if (startDate && !isDate(startDate)) problems.push(`start date "${startDate}" is not a date written YYYY-MM-DD`);
    const exempt = get('taxExempt');
    if (exempt && yes(exempt) === null) problems.push(`tax exempt "${exempt}" is neither yes nor no`);
    if (invoice) problems.push(...invoice.problems);
    const row: PreparedRow = {
      lines: [line],
      problems,
      input: {
        number,
        name: get('name'),
        segment: get('segment'),
        email,
        phone: opt('phone'),
        taxZone: opt('taxZone'),
        taxExempt: yes(exempt),
        taxExemptionRef: opt('taxExemptionRef'),
        productCode: opt('productCode'),
        promoCode: opt('promoCode'),
        startDate,
        collectionsPathId: opt('collectionsPathId'),
        openingBalance: invoice ? [invoice.value] : null,
      },
    };
    if (number) byNumber.set(number, row);
    out.push(row);
  });
  return out;
}

function openInvoice(get: (key: ImportField) => string) {
  const value = {
    legacyNumber: get('legacyNumber'),
    issueDate: get('issueDate'),
    dueDate: get('dueDate'),
    amount: get('amount').replace(/[$,]/g, ''),
  };
  const problems: string[] = [];
  if (!value.legacyNumber) problems.push('the open invoice has no number');
  if (!isDate(value.issueDate)) problems.push(`issue date "${value.issueDate}" is not a date written YYYY-MM-DD`);
  if (!isDate(value.dueDate)) problems.push(`due date "${value.dueDate}" is not a date written YYYY-MM-DD`);
  else if (isDate(value.issueDate) && value.dueDate < value.issueDate) problems.push('the due date is before the issue date');
  if (!MONEY.test(value.amount) || Number(value.amount) <= 0)
    problems.push(`amount "${value.amount}" is not an amount more than 0, e.g. 12.50`);
  return { value, problems };
}

/** Rows to send in calls of at most `size` rows (the hub takes up to 10,000 a call; smaller calls move the progress bar). */
export function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The file of rejected lines: the original header and lines, with the reason in a last column. */
export function rejectedCsvRows(header: string[], rows: string[][], rejected: Array<{ lines: number[]; reason: string }>): string[][] {
  const out = [[...header, 'rejection']];
  for (const r of [...rejected].sort((a, b) => a.lines[0] - b.lines[0])) {
    for (const line of r.lines) out.push([...(rows[line - 1] ?? []), r.reason]);
  }
  return out;
}
