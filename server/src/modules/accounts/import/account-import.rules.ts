import { createHash } from 'node:crypto';
import { HubError } from '../../../common/errors/hub-error';
import { formatMoney } from '../../../common/money';
import { findInvalid } from '../../../common/scalars/invalid-value';
import { optionalText, parseId, requireText } from '../../../common/validation';
import { ACCOUNT_NUMBER, DEFAULT_TAX_ZONE, EMAIL, normalizeSegment, PHONE } from '../account-fields';
import { normalizeTaxKey } from '../../taxes/tax-rules';
import type { AccountImportInput, OpeningBalanceInput } from './account-import.types';
import type { DeliveryMethod } from '../delivery-method';
import { initialDelivery } from '../delivery-method';
import { addressColumns, type AddressColumns } from '../postal-address';

export const MAX_ACCOUNT_ROWS_PER_CALL = 10_000;
export const MAX_OPENING_INVOICES_PER_ROW = 100;
export const LEGACY_NUMBER_LENGTH = 40;

/** Why a row was refused; listed in AccountImportResult.rejected's description. */
export enum AccountImportCode {
  INVALID_VALUE = 'INVALID_VALUE',
  ACCOUNT_EXISTS = 'ACCOUNT_EXISTS',
  UNKNOWN_PRODUCT = 'UNKNOWN_PRODUCT',
  NOT_ON_SALE = 'NOT_ON_SALE',
  INVALID_PROMO_CODE = 'INVALID_PROMO_CODE',
  UNKNOWN_COLLECTIONS_PATH = 'UNKNOWN_COLLECTIONS_PATH',
  INVALID_OPENING_BALANCE = 'INVALID_OPENING_BALANCE',
}

export interface RowRejection {
  index: number;
  code: AccountImportCode;
  message: string;
}

export interface OpeningInvoice {
  legacyNumber: string;
  issueDate: string;
  dueDate: string;
  /** Cents, more than 0. */
  amount: number;
}

/** A row that passed every check that needs no database, its values as they will be stored. */
export interface ImportRow {
  index: number;
  number: string;
  name: string;
  email: string | null;
  phone: string | null;
  segment: string;
  address: AddressColumns;
  delivery: DeliveryMethod;
  taxZone: string;
  taxExempt: boolean;
  taxExemptionRef: string | null;
  enrollment: { productCode: string; promoCode: string | null; startDate: string } | null;
  collectionsPathId: string | null;
  openingBalance: OpeningInvoice[];
  /** sha256 of the normalised row: the same row sent again has the same one. */
  fingerprint: string;
}

/** The account columns an import row sets. */
export interface ImportedAccountFields extends AddressColumns {
  number: string;
  name: string;
  email: string | null;
  phone: string | null;
  segment: string;
  delivery: DeliveryMethod;
  collectionsPathId: string | null;
  taxZone: string;
  taxExempt: boolean;
  taxExemptionRef: string | null;
}

/** The account's columns from a validated row: the single place where an import row becomes an account. */
export function importRowToAccount(row: ImportRow): ImportedAccountFields {
  return {
    number: row.number,
    name: row.name,
    email: row.email,
    phone: row.phone,
    segment: row.segment,
    ...row.address,
    delivery: row.delivery,
    collectionsPathId: row.collectionsPathId,
    taxZone: row.taxZone,
    taxExempt: row.taxExempt,
    taxExemptionRef: row.taxExemptionRef,
  };
}

class RowProblem extends Error {
  constructor(
    readonly code: AccountImportCode,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a validation that throws BAD_USER_INPUT, turning its message into the row's rejection. */
function check<T>(code: AccountImportCode, validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof HubError) throw new RowProblem(code, error.message);
    throw error;
  }
}

/**
 * Checks a row on its own (formats, sizes, dates, amounts) and normalises it,
 * or says why it is refused. What needs the database (the number taken, the
 * product and promo code, the path) is checked by the service.
 */
export function normalizeImportRow(input: AccountImportInput, index: number, today: string): ImportRow | RowRejection {
  try {
    const invalid = findInvalid(input);
    if (invalid) throw new RowProblem(AccountImportCode.INVALID_VALUE, `${invalid.path}: ${invalid.invalid.message}`);
    const v = AccountImportCode.INVALID_VALUE;
    const fields = check(v, () => ({
      number: requireText(input.number, 'Account number', 32, { pattern: ACCOUNT_NUMBER, hint: 'may use letters, digits, _ and - only' }),
      name: requireText(input.name, 'Account name', 128),
      email: optionalText(input.email, 'email', 254, { pattern: EMAIL, hint: 'is not an email address' }),
      phone: optionalText(input.phone, 'phone', 32, { pattern: PHONE, hint: 'may use digits, spaces and +()-. only' }),
      segment: normalizeSegment(input.segment),
      address: addressColumns(input.address ?? null),
      // As createAccount reads them: the zone's letters, digits and _, DEFAULT when none is given.
      taxZone: !input.taxZone?.trim() ? DEFAULT_TAX_ZONE : normalizeTaxKey(input.taxZone, 'taxZone'),
      taxExempt: input.taxExempt ?? false,
      taxExemptionRef: optionalText(input.taxExemptionRef, 'taxExemptionRef', 64),
      collectionsPathId: input.collectionsPathId ? parseId(input.collectionsPathId.trim(), 'Collections path') : null,
    }));
    const delivery = check(v, () => initialDelivery(input.delivery, fields.email));
    const enrollment = check(v, () => enrollmentOf(input));
    const openingBalance = check(AccountImportCode.INVALID_OPENING_BALANCE, () => openingInvoices(input.openingBalance ?? [], today));
    const row = { index, ...fields, delivery, enrollment, openingBalance };
    return { ...row, fingerprint: fingerprintOf(row) };
  } catch (error) {
    if (error instanceof RowProblem) return { index, code: error.code, message: error.message };
    throw error;
  }
}

export function isRejection(row: ImportRow | RowRejection): row is RowRejection {
  return 'code' in row;
}

function enrollmentOf(input: AccountImportInput): ImportRow['enrollment'] {
  const productCode = optionalText(input.productCode, 'productCode', 32);
  const promoCode = optionalText(input.promoCode, 'promoCode', 32)?.toUpperCase() ?? null;
  const startDate = (input.startDate as string | null | undefined) ?? null;
  if (!productCode) {
    if (startDate) throw new RowProblem(AccountImportCode.INVALID_VALUE, 'startDate is given without productCode: give both, or neither');
    if (promoCode) throw new RowProblem(AccountImportCode.INVALID_VALUE, 'promoCode is given without productCode');
    return null;
  }
  if (!startDate) throw new RowProblem(AccountImportCode.INVALID_VALUE, `productCode ${productCode} needs a startDate to enroll from`);
  return { productCode, promoCode, startDate };
}

function openingInvoices(list: OpeningBalanceInput[], today: string): OpeningInvoice[] {
  const problem = (message: string) => new RowProblem(AccountImportCode.INVALID_OPENING_BALANCE, message);
  if (list.length > MAX_OPENING_INVOICES_PER_ROW)
    throw problem(`At most ${MAX_OPENING_INVOICES_PER_ROW} open invoices per account; got ${list.length}`);
  const seen = new Set<string>();
  let total = 0;
  return list.map((item, i) => {
    const where = `openingBalance[${i}]`;
    const legacyNumber = requireText(item.legacyNumber, `${where}.legacyNumber`, LEGACY_NUMBER_LENGTH, {
      pattern: /^[^\p{Cc}]+$/u,
      hint: 'has control characters',
    });
    const [issueDate, dueDate, amount] = [item.issueDate as string, item.dueDate as string, item.amount as number];
    const key = legacyNumber.toUpperCase();
    if (seen.has(key)) throw problem(`${where}: invoice ${legacyNumber} is listed twice for this account`);
    seen.add(key);
    if (issueDate > today) throw problem(`${where}: issueDate ${issueDate} is after today (${today}); carry over invoices already issued`);
    if (dueDate < issueDate) throw problem(`${where}: dueDate ${dueDate} is before issueDate ${issueDate}`);
    if (amount <= 0)
      throw problem(`${where}: amount ${formatMoney(amount)} must be more than 0 (carry over what is still open on the invoice)`);
    total += amount;
    if (!Number.isSafeInteger(total)) throw problem(`${where}: the account's opening balance is too large`);
    return { legacyNumber, issueDate, dueDate, amount };
  });
}

function fingerprintOf(row: Omit<ImportRow, 'fingerprint'>): string {
  const canonical = [
    row.number,
    row.name,
    row.email,
    row.phone,
    row.segment,
    Object.values(row.address),
    row.delivery,
    row.taxZone,
    row.taxExempt,
    row.taxExemptionRef,
    row.enrollment && [row.enrollment.productCode, row.enrollment.promoCode, row.enrollment.startDate],
    row.collectionsPathId,
    row.openingBalance.map((o) => [o.legacyNumber, o.issueDate, o.dueDate, o.amount]),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Splits a call's rows by account number: the first row of a number goes on;
 * a later identical row is a duplicate, a later different one is refused.
 */
export function firstRowPerNumber(rows: ImportRow[]): { unique: ImportRow[]; duplicates: number; rejected: RowRejection[] } {
  const byNumber = new Map<string, ImportRow>();
  const rejected: RowRejection[] = [];
  let duplicates = 0;
  for (const row of rows) {
    const first = byNumber.get(row.number);
    if (!first) byNumber.set(row.number, row);
    else if (first.fingerprint === row.fingerprint) duplicates++;
    else
      rejected.push({
        index: row.index,
        code: AccountImportCode.ACCOUNT_EXISTS,
        message: `Row ${first.index} of this call already imports account ${row.number} with other details`,
      });
  }
  return { unique: [...byNumber.values()], duplicates, rejected };
}

/** What the enrollment check needs to know of a product and a promo code. */
export interface ProductOnFile {
  code: string;
  status: string;
  salesStart: string | null;
  salesEnd: string | null;
}
export interface PromoOnFile {
  code: string;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Why a row's enrollment cannot be made, as enroll would say it, or null: the
 * product must be on sale on startDate and the promo code valid that day.
 * Redemptions left are counted by the caller.
 */
export function enrollmentProblem(
  enrollment: NonNullable<ImportRow['enrollment']>,
  product: ProductOnFile | undefined,
  promo: PromoOnFile | undefined,
): { code: AccountImportCode; message: string } | null {
  const { productCode, promoCode, startDate } = enrollment;
  if (!product) return { code: AccountImportCode.UNKNOWN_PRODUCT, message: `No product with code ${productCode}` };
  const onSale =
    product.status !== 'DRAFT' &&
    product.salesStart !== null &&
    product.salesStart <= startDate &&
    (product.salesEnd === null || startDate < product.salesEnd);
  if (!onSale) {
    const window = product.salesStart ? `from ${product.salesStart}${product.salesEnd ? ` until ${product.salesEnd}` : ''}` : 'not yet';
    return { code: AccountImportCode.NOT_ON_SALE, message: `Product ${productCode} is not on sale on ${startDate} (on sale ${window})` };
  }
  if (!promoCode) return null;
  const bad = (message: string) => ({ code: AccountImportCode.INVALID_PROMO_CODE, message });
  if (!promo) return bad(`Promo code ${promoCode} does not exist for product ${productCode}`);
  if (!promo.active) return bad(`Promo code ${promoCode} has been deactivated; import without it or with another code`);
  if ((promo.validFrom && startDate < promo.validFrom) || (promo.validTo && startDate >= promo.validTo))
    return bad(
      `Promo code ${promoCode} is not valid on ${startDate} (valid ${promo.validFrom ?? 'always'} to ${promo.validTo ?? 'open end'})`,
    );
  return null;
}
