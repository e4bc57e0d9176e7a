import type { Account, Enrollment } from '../../accounts/account.entity';
import type { PromoCode } from '../../catalog/product.entity';
import type { UsageRead } from '../../usage/usage.entity';
import type { BillingRules, Invoice } from '../billing.entity';
import { applyCarriedCredits, type CreditUse } from '../carried-credits';
import {
  computeInvoice,
  runThresholdTests,
  testHighAmount,
  unstorable,
  type ComputedInvoice,
  type EnrollmentInput,
  type InvoiceComputation,
  type PastInvoice,
  type ProductInput,
  type ThresholdFailure,
} from '../invoice-math';
import type { ChunkCredits } from '../pending-credit.service';
import { applyPendingCharges, chargesOnlyInvoice } from '../pending-charges';
import { addTaxLines } from '../invoice-taxes';
import type { TaxRateTerms } from '../../taxes/tax-math';

/** One account's outcome in a chunk, in account order. */
export type Outcome =
  | { kind: 'BLOCKED'; account: Account; computation: Extract<InvoiceComputation, { outcome: 'BLOCKED' }> }
  | {
      kind: 'INVOICE';
      account: Account;
      reads: UsageRead[];
      computation: ComputedInvoice;
      /** The account's pending credits this invoice took, and the operators' charges and credits it billed (taken whole). */
      credits: CreditUse[];
      failures: ThresholdFailure[];
      rules: BillingRules;
      /** Set once the invoice is stored. */
      invoice?: Invoice;
    };

export type InvoiceOutcome = Extract<Outcome, { kind: 'INVOICE' }>;

/** What pricing a chunk reads: the accounts' unbilled reads and what they bought, their recent invoices and pending credits. */
export interface PricingData {
  accounts: Map<string, Account>;
  reads: Map<string, UsageRead[]>;
  enrollments: Map<string, Enrollment[]>;
  products: Map<string, ProductInput>;
  promos: Map<string, PromoCode>;
  history: Map<string, PastInvoice[]>;
  credits: Pick<ChunkCredits, 'pending' | 'carried' | 'charges'>;
  /** Every zone's tax rates. */
  taxRates: TaxRateTerms[];
}

function enrollmentInput(e: Enrollment, data: PricingData): EnrollmentInput {
  const promo = e.promoCodeId ? data.promos.get(e.promoCodeId) : undefined;
  return {
    id: e.id,
    productId: e.productId,
    startDate: e.startDate,
    endDate: e.endDate,
    firstInvoice: e.firstInvoiceId === null,
    carried: data.credits.carried.get(e.id),
    promo: promo
      ? { code: promo.code, percentOff: promo.percentOff, amountOff: promo.amountOff, validFrom: promo.validFrom, validTo: promo.validTo }
      : null,
  };
}

/**
 * Prices every account of a chunk that has unbilled reads, without touching
 * the database: an account is BLOCKED when its invoice cannot be computed,
 * else it gets an invoice with its carried credits applied, its taxes added
 * and the threshold tests of its segment's rules run (a failure holds the invoice).
 */
export function priceChunk({
  data,
  rulesFor,
  asOf,
}: {
  data: PricingData;
  rulesFor: (segment: string) => BillingRules;
  /** The run's day: the period of an invoice for pending charges alone. */
  asOf: string;
}): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const [accountId, account] of data.accounts) {
    const reads = data.reads.get(accountId) ?? [];
    const charges = data.credits.charges.get(accountId) ?? [];
    if (reads.length === 0) {
      // Pending charges alone make the account billable: an invoice of them, with no usage to weigh against past
      // invoices, so of the threshold tests only the maximum amount applies.
      const only = chargesOnlyInvoice(asOf, charges);
      if (!only) continue;
      const { invoice: credited, uses } = applyCarriedCredits(only.invoice, data.credits.pending.get(accountId) ?? []);
      const credits = [...only.billed.map((id) => ({ id, applied: 0, rest: 0 })), ...uses];
      // Taxed at the rates of its issue date, as fee invoices are.
      const computation = addTaxLines(credited, account, data.taxRates, asOf);
      const blocked = unstorable(computation);
      if (blocked) outcomes.push({ kind: 'BLOCKED', account, computation: blocked });
      else {
        const rules = rulesFor(account.segment);
        const failures = [testHighAmount(computation.total, rules.maxInvoiceAmount)].filter((f): f is ThresholdFailure => f !== null);
        outcomes.push({ kind: 'INVOICE', account, reads, computation, credits, failures, rules });
      }
      continue;
    }
    const enrollments = data.enrollments.get(accountId) ?? [];
    const priced = computeInvoice({
      reads: reads.map((r) => ({
        id: r.id,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        quantity: r.quantity,
        estimated: r.estimated,
        register: r.register,
        correction: r.correction,
      })),
      enrollments: enrollments.map((e) => enrollmentInput(e, data)),
      products: [...new Set(enrollments.map((e) => e.productId))].map((id) => data.products.get(id)).filter((p): p is ProductInput => !!p),
    });
    if (priced.outcome === 'BLOCKED') {
      outcomes.push({ kind: 'BLOCKED', account, computation: priced });
      continue;
    }
    // Operators' charges, then credits carried forward from earlier invoices, go on after the invoice's own, before
    // the threshold tests.
    const charged = applyPendingCharges(priced, charges);
    const { invoice: credited, uses } = applyCarriedCredits(charged.invoice, data.credits.pending.get(accountId) ?? []);
    const credits = [...charged.billed.map((id) => ({ id, applied: 0, rest: 0 })), ...uses];
    // Taxes last: their base may include the credits, and the tests below see the total the customer pays.
    const computation = addTaxLines(credited, account, data.taxRates);
    const blocked = unstorable(computation);
    if (blocked) {
      outcomes.push({ kind: 'BLOCKED', account, computation: blocked });
      continue;
    }
    const rules = rulesFor(account.segment);
    const failures = runThresholdTests(computation, rules, data.history.get(accountId) ?? []);
    outcomes.push({ kind: 'INVOICE', account, reads, computation, credits, failures, rules });
  }
  return outcomes;
}
