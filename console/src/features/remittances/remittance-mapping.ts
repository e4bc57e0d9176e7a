import type { RemittanceLineInput } from '../../generated/graphql';
import { isMoneyInput } from '../../shared/money';

/** The columns of a remittance file the import reads, in the order the mapping form lists them. */
export const REMITTANCE_FIELDS = [
  { key: 'reference', label: 'Reference', required: true },
  { key: 'amount', label: 'Amount', required: true },
  { key: 'receivedAt', label: 'Received on' },
  { key: 'accountNumber', label: 'Account number' },
  { key: 'invoiceNumber', label: 'Invoice number' },
  { key: 'returned', label: 'Returned (yes/no)' },
  { key: 'returnedReference', label: 'Returned payment reference' },
] as const;

export type RemittanceField = (typeof REMITTANCE_FIELDS)[number]['key'];
/** For each field, the index of the CSV column it is read from; absent: not read. */
export type RemittanceMapping = Partial<Record<RemittanceField, number>>;

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const ALIASES: Record<RemittanceField, string[]> = {
  reference: ['reference', 'ref', 'traceno', 'tracenumber', 'checknumber', 'checkno'],
  amount: ['amount', 'paid', 'amountpaid', 'payment'],
  receivedAt: ['receivedat', 'receivedon', 'received', 'date', 'depositdate', 'paymentdate'],
  accountNumber: ['accountnumber', 'account', 'accountno'],
  invoiceNumber: ['invoicenumber', 'invoice', 'invoiceno'],
  returned: ['returned', 'return', 'nsf', 'chargeback'],
  returnedReference: ['returnedreference', 'originalreference', 'returnedref'],
};

/** A first mapping from the file's header names. */
export function guessRemittanceMapping(header: string[]): RemittanceMapping {
  const mapping: RemittanceMapping = {};
  const names = header.map(squash);
  for (const { key } of REMITTANCE_FIELDS) {
    const index = names.findIndex((n) => ALIASES[key].includes(n));
    if (index >= 0) mapping[key] = index;
  }
  return mapping;
}

/** The required fields the mapping leaves out. */
export function missingRemittanceFields(mapping: RemittanceMapping): string[] {
  return REMITTANCE_FIELDS.filter((f) => 'required' in f && f.required && mapping[f.key] === undefined).map((f) => f.label);
}

const YES = new Set(['y', 'yes', 'true', '1', 'x', 'r', 'returned', 'nsf']);

/** The lines of the file as the hub takes them; blank cells are left out. A date-only cell is taken at midnight UTC. */
export function toRemittanceLines(rows: string[][], mapping: RemittanceMapping): RemittanceLineInput[] {
  const cell = (row: string[], key: RemittanceField): string | null => {
    const index = mapping[key];
    const value = index === undefined ? '' : (row[index] ?? '').trim();
    return value === '' ? null : value;
  };
  return rows.map((row) => {
    const received = cell(row, 'receivedAt');
    const line: RemittanceLineInput = {
      reference: cell(row, 'reference') ?? '',
      amount: (cell(row, 'amount') ?? '').replace(/[$,\s]/g, ''),
      accountNumber: cell(row, 'accountNumber'),
      invoiceNumber: cell(row, 'invoiceNumber'),
      receivedAt: received ? (/^\d{4}-\d{2}-\d{2}$/.test(received) ? `${received}T00:00:00Z` : received) : null,
    };
    if (YES.has((cell(row, 'returned') ?? '').toLowerCase())) {
      line.returned = true;
      line.returnedReference = cell(row, 'returnedReference');
    }
    return line;
  });
}

/**
 * Why the hub would refuse the line's values as written (an amount that is
 * not a sum of money, a date that is not one), or null. Such a value fails
 * the whole call it is sent in, not the line alone, so the page keeps the
 * line back and reports it by its line number instead.
 */
export function remittanceLineProblem(line: RemittanceLineInput): string | null {
  if (!isMoneyInput(line.amount)) return `amount "${line.amount}" is not a sum of money (digits, at most two decimals, e.g. 12.50)`;
  const received = line.receivedAt;
  if (received && !isDateTimeInRange(received)) {
    return `received on "${received}" is not a date between 1970 and 2199 (e.g. 2026-03-01)`;
  }
  return null;
}

/** An ISO-8601 time with a zone on a real calendar day (2026-02-30 is not one), in the years the hub takes. */
function isDateTimeInRange(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const real = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const time = Date.parse(text);
  return real && !Number.isNaN(time) && new Date(time).getUTCFullYear() >= 1970 && new Date(time).getUTCFullYear() <= 2199;
}
