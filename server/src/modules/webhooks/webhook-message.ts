import { Role, type Principal } from '../../common/auth/roles';
import { formatDecimal, formatMoney } from '../../common/money';
import type { HubEvent } from '../../events/event-types';
import type { CatalogService } from '../catalog/product.service';
import { ProductStatus, type Incentive, type Product, type PromoCode, type Rate } from '../catalog/product.entity';

/** The product as a partner reads it over GraphQL: Money and Decimal as exact strings, with its rates, promo codes and incentives. */
export function partnerProduct(product: Product, rates: Rate[], promoCodes: PromoCode[], incentives: Incentive[]): Record<string, unknown> {
  return {
    id: product.id,
    code: product.code,
    name: product.name,
    description: product.description,
    unit: product.unit,
    status: product.status,
    salesStart: product.salesStart,
    salesEnd: product.salesEnd,
    termMonths: product.termMonths,
    fixedCharge: formatMoney(product.fixedCharge),
    version: product.version,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    rates: rates.map((r) => ({
      id: r.id,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      unitPrice: formatDecimal(r.unitPrice),
      tiers: (r.tiers ?? []).map((t) => ({ upTo: t.upTo === null ? null : formatDecimal(t.upTo), unitPrice: formatDecimal(t.unitPrice) })),
      registerPrices: (r.registerPrices ?? []).map((p) => ({ register: p.register, unitPrice: formatDecimal(p.unitPrice) })),
    })),
    promoCodes: promoCodes.map((p) => ({
      id: p.id,
      code: p.code,
      description: p.description,
      percentOff: p.percentOff === null ? null : formatDecimal(p.percentOff),
      amountOff: p.amountOff === null ? null : formatMoney(p.amountOff),
      validFrom: p.validFrom,
      validTo: p.validTo,
      maxRedemptions: p.maxRedemptions,
      redemptions: p.redemptions,
    })),
    incentives: incentives.map((i) => ({ id: i.id, kind: i.kind, description: i.description, value: formatMoney(i.value) })),
  };
}

/** The event's fields, as `events` answers them. */
function eventFields(event: HubEvent): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    accountNumber: event.accountNumber,
    subjectId: event.subjectId,
    payload: event.payload,
  };
}

/**
 * A message's `data` for a key: the event's fields; for a partner, also the
 * product as the partner reads it, and null (nothing to deliver) for a
 * product partners may not see.
 */
export async function messageData(catalog: CatalogService, viewer: Principal, event: HubEvent): Promise<Record<string, unknown> | null> {
  if (viewer.role !== Role.PARTNER) return eventFields(event);
  // A change made while the product was a draft stays unseen, even when the product is published by the time it is delivered.
  if (event.payload.status === ProductStatus.DRAFT) return null;
  const seen = await catalog.productEvent(viewer, event);
  if (!seen) return null;
  const ids = [seen.product.id];
  const [rates, promoCodes, incentives] = await Promise.all([
    catalog.ratesFor(ids),
    catalog.promoCodesFor(ids),
    catalog.incentivesFor(ids),
  ]);
  return { ...eventFields(event), change: seen.change, product: partnerProduct(seen.product, rates, promoCodes, incentives) };
}
