import { Role, type Principal } from '../common/auth/roles';
import { addDays, todayIn } from '../common/dates';
import type { Services } from '../common/services';
import type { Logger } from '../common/logger';
import { Account as AccountEntity } from '../modules/accounts/account.entity';
import { Product } from '../modules/catalog/product.entity';
import { IncentiveKind } from '../modules/catalog/product.entity';
import { PaymentChannel } from '../modules/payments/payment.entity';
import { CollectionsActionType } from '../modules/collections/collections.entity';
import { InvoiceLineKind } from '../modules/billing/billing.entity';
import type { Database } from '../db/database';
import { parseDecimal, parseMoney } from '../common/money';

const DEMO: Principal = { kind: 'user', id: '0', name: 'demo-seed', role: Role.ADMIN };

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Chen',
  'Olivia',
  'Mateo',
  'Priya',
  'Liam',
  'Sofia',
  'Noah',
  'Yuki',
  'Emma',
  'Omar',
  'Ava',
  'Lucas',
  'Zoe',
  'Ethan',
  'Fatima',
  'Leo',
  'Grace',
];
const LAST = [
  'Lopez',
  'Smith',
  'Khan',
  'Wang',
  'Brown',
  'Garcia',
  'Patel',
  'Murphy',
  'Rossi',
  'Nguyen',
  'Tanaka',
  'Wilson',
  'Haddad',
  'Martin',
  'Silva',
  'Clark',
  'Young',
  'Ali',
  'Schmidt',
  'Walker',
];
const BUSINESSES = [
  'Bakery',
  'Dental Clinic',
  'Hardware',
  'Coffee Roasters',
  'Print Shop',
  'Fitness Studio',
  'Auto Repair',
  'Florist',
  'Bistro',
  'Laundromat',
];

/** A tiny deterministic generator, so every demo looks the same. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function firstOfMonth(date: string, monthsBack: number): string {
  const [y, m] = date.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}

interface Segment {
  key: string;
  count: number;
  product: string;
  /** Typical monthly kWh. */
  usage: number;
  /** Share of accounts that pay their bills. */
  payers: number;
}

const SEGMENTS: Segment[] = [
  { key: 'RESIDENTIAL', count: 110, product: 'GREEN-12', usage: 650, payers: 0.85 },
  { key: 'RESIDENTIAL', count: 10, product: 'SUMMER-SAVER', usage: 700, payers: 0.9 },
  { key: 'COMMERCIAL', count: 40, product: 'BIZ-PRO', usage: 4200, payers: 0.9 },
  { key: 'VIP', count: 20, product: 'GREEN-12', usage: 900, payers: 0.7 },
  { key: 'HIGH_RISK', count: 20, product: 'FLEX-VAR', usage: 800, payers: 0.25 },
];

/** True when the database holds nothing a retailer made: the demo only ever lands on an empty hub. */
export async function isEmptyHub(db: Database): Promise<boolean> {
  return (await db.manager.getRepository(Product).count()) === 0 && (await db.manager.getRepository(AccountEntity).count()) === 0;
}

/**
 * Seeds a believable retailer: four products (one with a rate gap), 200
 * accounts across RESIDENTIAL, COMMERCIAL, VIP and HIGH_RISK in two tax zones
 * (one account exempt), three months of
 * usage billed month by month (leaving blocked and held invoices), payments,
 * collections paths per segment and a collections run as of today.
 */
export async function seedDemo(services: Services, timezone: string, log: Logger): Promise<void> {
  const rand = random(20261122);
  const today = todayIn(timezone);
  const m0 = firstOfMonth(today, 0);
  const months = [firstOfMonth(today, 3), firstOfMonth(today, 2), firstOfMonth(today, 1), m0];
  const start = months[0];

  const product = async (input: Parameters<Services['catalog']['create']>[1]) => {
    const created = await services.catalog.create(DEMO, input);
    await services.catalog.publish(DEMO, created.id, start);
    return created;
  };
  await product({
    code: 'GREEN-12',
    name: 'Green Saver 12',
    description: '100% renewable electricity at a fixed price for 12 months.',
    unit: 'kWh',
    fixedCharge: parseMoney('9.95'),
    termMonths: 12,
    rates: [{ effectiveFrom: start, unitPrice: parseDecimal('0.1325') }],
    promoCodes: [
      { code: 'SPRING10', description: '10% off usage', percentOff: parseDecimal('10'), validFrom: start, validTo: addDays(start, 365) },
    ],
    incentives: [{ kind: IncentiveKind.GIFT_CARD, description: '$50 gift card after the first bill', value: parseMoney('50.00') }],
  });
  await product({
    code: 'FLEX-VAR',
    name: 'Flex Variable',
    description: 'Month-to-month variable rate that follows the market.',
    unit: 'kWh',
    fixedCharge: parseMoney('4.95'),
    rates: [
      { effectiveFrom: months[0], effectiveTo: months[1], unitPrice: parseDecimal('0.1410') },
      { effectiveFrom: months[1], effectiveTo: addDays(months[1], 15), unitPrice: parseDecimal('0.1480') },
      { effectiveFrom: addDays(months[1], 15), unitPrice: parseDecimal('0.1525') },
    ],
  });
  await product({
    code: 'BIZ-PRO',
    name: 'Business Pro',
    description: 'Fixed-price electricity for small businesses.',
    unit: 'kWh',
    fixedCharge: parseMoney('29.00'),
    termMonths: 24,
    rates: [{ effectiveFrom: start, unitPrice: parseDecimal('0.1150') }],
    promoCodes: [{ code: 'WELCOME25', description: '$25 off the first bill', amountOff: parseMoney('25.00') }],
    incentives: [{ kind: IncentiveKind.BILL_CREDIT, description: '$30 credit on the first bill', value: parseMoney('30.00') }],
  });
  // Its last month's rate was never entered: those invoices wait in INVOICING until someone adds it.
  await product({
    code: 'SUMMER-SAVER',
    name: 'Summer Saver',
    description: 'Seasonal fixed rate.',
    unit: 'kWh',
    fixedCharge: parseMoney('7.50'),
    rates: [{ effectiveFrom: start, effectiveTo: months[2], unitPrice: parseDecimal('0.1190') }],
  });

  // A block-tiered product (the more a home uses in 30 days, the dearer each kWh) and a time-of-use one.
  await product({
    code: 'HOME-TIERS',
    name: 'Home Tiers',
    description: 'Block-tiered home electricity: the first 500 kWh of each 30 days at the lowest price.',
    unit: 'kWh',
    fixedCharge: parseMoney('6.95'),
    rates: [
      {
        effectiveFrom: start,
        tiers: [
          { upTo: parseDecimal('500'), unitPrice: parseDecimal('0.1180') },
          { upTo: parseDecimal('1000'), unitPrice: parseDecimal('0.1390') },
          { unitPrice: parseDecimal('0.1650') },
        ],
      },
    ],
  });
  await product({
    code: 'SMART-TOU',
    name: 'Smart Time-of-Use',
    description: 'Cheaper nights and weekends: on-peak and off-peak reads priced apart.',
    unit: 'kWh',
    fixedCharge: parseMoney('8.50'),
    rates: [
      {
        effectiveFrom: start,
        unitPrice: parseDecimal('0.1400'),
        registerPrices: [
          { register: 'ON_PEAK', unitPrice: parseDecimal('0.2150') },
          { register: 'OFF_PEAK', unitPrice: parseDecimal('0.0890') },
        ],
      },
    ],
  });

  await taxRates(services, start, months[2]);

  const accounts: Array<{ id: string; number: string; segment: Segment; spike: boolean }> = [];
  let n = 0;
  for (const segment of SEGMENTS) {
    for (let i = 0; i < segment.count; i++) {
      n++;
      const first = FIRST[Math.floor(rand() * FIRST.length)];
      const last = LAST[Math.floor(rand() * LAST.length)];
      const name = segment.key === 'COMMERCIAL' ? `${last} ${BUSINESSES[i % BUSINESSES.length]}` : `${first} ${last}`;
      const account = await services.accounts.create(DEMO, {
        number: `A-${String(100000 + n)}`,
        name,
        email: `${first}.${last}${n}@example.com`.toLowerCase(),
        phone: `+1 555 ${String(1000 + n).padStart(4, '0')}`,
        segment: segment.key,
        // Customers live in one of two towns with their own utility tax; one business holds an exemption certificate.
        taxZone: TAX_ZONES[n % TAX_ZONES.length],
        ...(segment.key === 'COMMERCIAL' && i === 0 ? { taxExempt: true, taxExemptionRef: 'EXEMPT-501C3-20417' } : {}),
      });
      const promo =
        segment.product === 'GREEN-12' && rand() < 0.3 ? 'SPRING10' : segment.product === 'BIZ-PRO' && rand() < 0.5 ? 'WELCOME25' : null;
      await services.accounts.enroll(DEMO, account.id, segment.product, start, promo);
      accounts.push({ id: account.id, number: account.number, segment, spike: rand() < 0.04 });
    }
  }

  for (let month = 0; month < 3; month++) {
    const reads = accounts.map((a) => {
      const factor = 0.8 + rand() * 0.4;
      const spike = month === 2 && a.spike ? 3.5 : 1;
      const quantity = Math.round(a.segment.usage * factor * spike * 10) / 10;
      return {
        accountNumber: a.number,
        periodStart: months[month],
        periodEnd: months[month + 1],
        quantity: parseDecimal(String(quantity)),
        estimated: rand() < 0.05,
      };
    });
    await services.usage.record(DEMO, reads);
    await services.billRuns.start(DEMO, months[month + 1], true);
    // Customers pay (or don't) about two weeks after each bill.
    for (const a of accounts) {
      if (month === 2 || rand() > a.segment.payers) continue;
      const [receivable] = await services.invoices.receivables([a.id], addDays(months[month + 1], 30));
      if (receivable.open <= 0) continue;
      const partial = rand() < 0.1;
      const amount = partial ? Math.round(receivable.open / 2) : receivable.open;
      await services.payments.record(DEMO, {
        accountNumber: a.number,
        amount,
        channel: [PaymentChannel.ACH, PaymentChannel.CARD, PaymentChannel.ONLINE, PaymentChannel.CHECK][Math.floor(rand() * 4)],
        receivedAt: new Date(`${addDays(months[month + 1], 12)}T15:00:00.000Z`),
        reference: `DEMO-${a.number}-${month + 1}`,
        idempotencyKey: `demo-${a.number}-${month + 1}`,
      });
    }
  }
  await collections(
    services,
    today,
    accounts.filter((a) => a.segment.key === 'HIGH_RISK').map((a) => a.id),
  );
  log.info(
    `demo retailer seeded: 4 products, ${accounts.length} accounts in 2 tax zones, 3 months of usage and bills, collections paths and a run`,
  );
}

const TAX_ZONES = ['NORTHVILLE', 'SOUTHPORT'];

/**
 * Two towns in one state: the state sales tax on the whole bill (usage, fixed
 * charge, discounts, late fees, an operator's taxable charges) and each town's
 * utility tax on usage. Southport
 * raised its utility tax two months ago, so its history shows a change.
 */
async function taxRates(services: Services, start: string, raise: string): Promise<void> {
  const everything = [InvoiceLineKind.USAGE, InvoiceLineKind.FIXED, InvoiceLineKind.CREDIT, InvoiceLineKind.FEE, InvoiceLineKind.CHARGE];
  for (const zone of TAX_ZONES) {
    await services.taxRates.add(DEMO, {
      zone,
      code: 'STATE',
      name: 'State sales tax',
      percent: parseDecimal('6.25'),
      appliesTo: everything,
      effectiveFrom: start,
    });
  }
  const usage = [InvoiceLineKind.USAGE];
  await services.taxRates.add(DEMO, {
    zone: 'NORTHVILLE',
    code: 'CITY_UTILITY',
    name: 'Northville utility tax',
    percent: parseDecimal('4'),
    appliesTo: usage,
    effectiveFrom: start,
  });
  const southport = { zone: 'SOUTHPORT', code: 'CITY_UTILITY', name: 'Southport utility tax', appliesTo: usage };
  const first = await services.taxRates.add(DEMO, { ...southport, percent: parseDecimal('2.5'), effectiveFrom: start });
  await services.taxRates.end(DEMO, first.id, raise);
  await services.taxRates.add(DEMO, { ...southport, percent: parseDecimal('3'), effectiveFrom: raise });
}

/** A gentle path for VIP customers, a fast one for high-risk ones, a payment plan, and today's collections run. */
async function collections(services: Services, today: string, highRisk: string[]): Promise<void> {
  const money = parseMoney;
  await services.workQueues.createQueue(DEMO, { key: 'VIP_CARE', name: 'VIP care calls', slaMinutes: 240 });
  await services.collectionsPaths.create(DEMO, {
    name: 'VIP: gentle',
    segments: ['VIP'],
    steps: [
      {
        name: 'Friendly letter',
        daysPastDue: 10,
        minPastDue: money('1.00'),
        action: CollectionsActionType.LETTER,
        template:
          'Dear {{name}}, a quick note that {{pastDue}} on account {{accountNumber}} is {{daysPastDue}} days past due. Call us any time.',
      },
      {
        name: 'Personal call',
        daysPastDue: 20,
        minPastDue: money('1.00'),
        action: CollectionsActionType.CALL_REQUEST,
        queueKey: 'VIP_CARE',
      },
    ],
  });
  await services.collectionsPaths.create(DEMO, {
    name: 'High risk: fast',
    segments: ['HIGH_RISK'],
    steps: [
      {
        name: 'Past-due notice',
        daysPastDue: 3,
        minPastDue: money('1.00'),
        action: CollectionsActionType.REMINDER,
        template: '{{name}}: {{pastDue}} is past due on account {{accountNumber}}. Pay now to avoid fees.',
      },
      { name: 'Dialer', daysPastDue: 7, minPastDue: money('10.00'), action: CollectionsActionType.DIALER_EXPORT },
      {
        name: 'Late fee',
        daysPastDue: 10,
        minPastDue: money('10.00'),
        action: CollectionsActionType.LATE_FEE,
        feePercent: parseDecimal('5'),
      },
      { name: 'Market drop', daysPastDue: 15, minPastDue: money('50.00'), action: CollectionsActionType.MARKET_DROP },
    ],
  });
  // One high-risk customer agreed a plan for what is past due.
  for (const accountId of highRisk) {
    const [receivable] = await services.invoices.receivables([accountId]);
    if (receivable.pastDue <= 0) continue;
    await services.paymentPlans.create(DEMO, { accountId, installments: 3, firstDueDate: addDays(today, 7), intervalDays: 30 });
    break;
  }
  await services.collectionsRuns.start(DEMO, today, true);
}
