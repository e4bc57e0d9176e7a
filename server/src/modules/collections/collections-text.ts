import { formatMoney } from '../../common/money';

/** What a letter, a reminder or a dialer row says about the account. */
export interface DelinquencyFacts {
  name: string;
  accountNumber: string;
  phone: string | null;
  /** Cents. */
  pastDue: number;
  daysPastDue: number;
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

export function dialerRow(facts: DelinquencyFacts): string {
  return [facts.accountNumber, facts.name, facts.phone ?? '', formatMoney(facts.pastDue), String(facts.daysPastDue)]
    .map(csvField)
    .join(',');
}

/** The dialer file: the header, then one line per row, each ended by CRLF. */
export function dialerCsv(rows: readonly string[]): string {
  return [DIALER_HEADER, ...rows].map((line) => line + CSV_EOL).join('');
}
