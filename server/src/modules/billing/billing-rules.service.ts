import type { Principal } from '../../common/auth/roles';
import { badInput } from '../../common/errors/hub-error';
import { requireInt, requireText } from '../../common/validation';
import type { Database } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { BillingRules, DEFAULT_RULES_SEGMENT } from './billing.entity';
import type { BillingRulesInput } from './billing.inputs';

/** The threshold rules per segment, with the default rules for every segment without its own. */
export class BillingRulesService {
  constructor(private readonly db: Database) {}

  /** Default rules first, then segments alphabetically. */
  async list(): Promise<BillingRules[]> {
    const rows = await this.db.manager.getRepository(BillingRules).find();
    return rows.sort((a, b) =>
      a.segmentKey === DEFAULT_RULES_SEGMENT ? -1 : b.segmentKey === DEFAULT_RULES_SEGMENT ? 1 : a.segmentKey.localeCompare(b.segmentKey),
    );
  }

  /** A lookup of the rules that apply to a segment, read once per bill run. */
  async resolver(): Promise<(segment: string) => BillingRules> {
    const rows = await this.list();
    const bySegment = new Map(rows.map((r) => [r.segmentKey, r]));
    const fallback = bySegment.get(DEFAULT_RULES_SEGMENT);
    if (!fallback) throw new Error('the default billing rules are missing; the Billing migration inserts them');
    return (segment) => bySegment.get(segment) ?? fallback;
  }

  async set(actor: Principal, input: BillingRulesInput): Promise<BillingRules> {
    const segment =
      input.segment === null || input.segment === undefined || input.segment.trim() === ''
        ? DEFAULT_RULES_SEGMENT
        : requireText(input.segment, 'segment', 32, {
            pattern: /^[A-Za-z0-9_]+$/,
            hint: 'may use letters, digits and _ only',
          }).toUpperCase();
    if (input.highConsumptionFactor <= 0) throw badInput('highConsumptionFactor must be more than 0 (e.g. "2" for twice the usual use)');
    if (input.swingPercent < 0) throw badInput('swingPercent must not be negative');
    if (input.maxInvoiceAmount !== null && input.maxInvoiceAmount !== undefined && input.maxInvoiceAmount <= 0) {
      throw badInput('maxInvoiceAmount must be more than 0, or null to disable the test');
    }
    requireInt(input.paymentTermsDays, 'paymentTermsDays', 0, 365);
    if (input.returnedPaymentFee !== null && input.returnedPaymentFee !== undefined && input.returnedPaymentFee <= 0) {
      throw badInput('returnedPaymentFee must be more than 0, or null to charge none');
    }
    const values = {
      segmentKey: segment,
      highConsumptionFactor: input.highConsumptionFactor,
      swingPercent: input.swingPercent,
      maxInvoiceAmount: input.maxInvoiceAmount ?? null,
      paymentTermsDays: input.paymentTermsDays,
      returnedPaymentFee: input.returnedPaymentFee ?? null,
      updatedAt: new Date(),
    };
    const write = () => this.write(actor, segment, values);
    try {
      return await write();
    } catch (error) {
      // Two first settings of one segment at once: the second finds the first's row, and updates it.
      if (isUniqueViolation(error)) return write();
      throw error;
    }
  }

  private write(actor: Principal, segment: string, values: Partial<BillingRules>): Promise<BillingRules> {
    return this.db.transaction(async (tx) => {
      const repo = tx.em.getRepository(BillingRules);
      const before = await repo.findOneBy({ segmentKey: segment });
      if (before) await repo.update({ id: before.id }, values);
      else await repo.insert(Object.assign(new BillingRules(), values));
      const after = await repo.findOneByOrFail({ segmentKey: segment });
      tx.audit({
        actor: actor.name,
        action: 'setBillingRules',
        subjectType: 'BillingRules',
        subjectId: segment,
        before: before ? { ...before } : null,
        after: { ...after },
      });
      return after;
    });
  }
}
