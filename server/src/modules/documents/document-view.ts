/**
 * What a document shows, as plain data: the view-model builder reads the
 * database into these, and the renderers turn them into PDF bytes without
 * reading anything else. Money is in cents; dates are "YYYY-MM-DD".
 */

export interface BrandingView {
  name: string;
  addressLines: string[];
  supportPhone: string | null;
  supportEmail: string | null;
  website: string | null;
  /** #RRGGBB. */
  color: string;
  footer: string | null;
  /** PNG bytes. */
  logo: Buffer | null;
}

export interface RecipientView {
  name: string;
  number: string;
  /** Empty when the account has no postal address. */
  addressLines: string[];
}

export interface BillLineView {
  /** The line's kind as stored: USAGE, FIXED, CREDIT, FEE, CHARGE, TAX... */
  kind: string;
  description: string;
  /** "412.5 kWh x 0.1325", or null on lines without a quantity. */
  detail: string | null;
  amount: number;
  /** Priced from an estimated read. */
  estimated: boolean;
}

export interface BillLineGroup {
  title: string;
  lines: BillLineView[];
  subtotal: number;
}

export interface UsageBar {
  /** "2026-03". */
  month: string;
  /** "Mar". */
  label: string;
  /** The month's consumption, in the product's unit (for drawing only). */
  quantity: number;
}

/** What a bill says it covers (bill-view.ts `billPeriod`). */
export interface BillPeriod {
  /** "Billing period" for a period of service; "Charged on" for a charge with none (a late fee, a balance carried over). */
  label: string;
  first: string;
  /** The last day billed (inclusive, as a customer reads it); the first again for a charge with no period. */
  last: string;
}

export interface BillView {
  branding: BrandingView;
  account: RecipientView;
  serviceAddressLines: string[];
  number: string;
  /** Null on a preview of a HELD invoice. */
  issueDate: string | null;
  dueDate: string | null;
  period: BillPeriod;
  groups: BillLineGroup[];
  /** Before taxes. */
  subtotal: number;
  taxes: number;
  total: number;
  /** What the previous bill left owing (negative: in credit); 0 on a first bill. */
  previousBalance: number;
  /** Since the previous bill's figures (bill-history.ts `movesSince`): payments, payments reversed, refunds, credit notes. */
  paymentsSince: number;
  returnedSince: number;
  refundsSince: number;
  creditsSince: number;
  /**
   * What the account owes as the bill states it: previousBalance - paymentsSince + returnedSince + refundsSince
   * - creditsSince + total. Negative when the account is in credit (nothing to pay).
   */
  amountDue: number;
  estimated: boolean;
  usage: UsageBar[];
  unit: string;
  /** Printed as a watermark: the bill is not issued. */
  preview: boolean;
}

export interface LetterView {
  branding: BrandingView;
  account: RecipientView;
  date: string;
  /** "Payment reminder" or "Overdue account". */
  title: string;
  /** The step's template, filled in with the account's figures when the action was taken (the action's detail). */
  body: string;
  /**
   * The figures the body was written with, as recorded with the action, so that the box and the text agree
   * whatever was paid since; null when no record of them is left (the letter then has its text alone).
   */
  figures: LetterFigures | null;
}

/** An account's figures as a collections action saw them. */
export interface LetterFigures {
  /** Cents. */
  pastDue: number;
  daysPastDue: number;
}

export interface CreditNoteView {
  branding: BrandingView;
  account: RecipientView;
  number: string;
  invoiceNumber: string;
  issueDate: string;
  reason: string;
  lines: Array<{ description: string; amount: number }>;
  total: number;
}

/** A rendered PDF. */
export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}
