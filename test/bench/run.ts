/**
 * npm run bench [-- --accounts 20000] [--only billrun,read,events,payments,scale,webhooks,import,documents,delivery,remittances,ingest] [--db mariadb,sqlite]
 *   [--bill-data plain,full] [--document-accounts 1000] [--remittance-lines 10000] [--rounds 1]
 * npm run soak [-- --minutes 10]   (or --only soak: never in the default set)
 *
 * Prints each figure beside a baseline measured in the same run. It asserts
 * nothing about time: the figures depend on the machine and on what else runs.
 */
import 'reflect-metadata';
import { BILL_DATA, benchBillRun, type BillData } from './bill-run';
import { benchRead } from './read';
import { benchEvents } from './events';
import { benchPayments } from './payments';
import { benchScale } from './scale';
import { benchWebhooks } from './webhooks';
import { benchImport } from './import';
import { benchBillRunWithDelivery, benchDocuments } from './documents';
import { benchRemittances } from './remittances';
import { benchIngest } from './ingest';
import { benchSoak } from './soak';
import { heading, machine, report, type TestDb } from './lib';

const BENCHES = [
  'billrun',
  'read',
  'events',
  'payments',
  'scale',
  'webhooks',
  'import',
  'documents',
  'delivery',
  'remittances',
  'ingest',
] as const;
/** Run only when named in --only: the soak takes 10 minutes (MariaDB only). */
const ON_REQUEST = ['soak'] as const;
type BenchName = (typeof BENCHES)[number] | (typeof ON_REQUEST)[number];

interface Options {
  accounts: number;
  only: BenchName[];
  dbs: TestDb[];
  seconds: number;
  subscribers: number;
  idle: number;
  scaleAccounts: number;
  /** The bill run's data, each run beside its baseline (see BillData). */
  billData: BillData[];
  documentAccounts: number;
  remittanceLines: number;
  minutes: number;
  /** Runs of each variant where a bench compares two (delivery). */
  rounds: number;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`--${name} takes a positive whole number; got "${raw}"`);
    return Number(raw);
  };
  const list = <T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] => {
    const raw = value(name);
    if (raw === undefined) return [...fallback];
    const items = raw.split(',').map((s) => s.trim()) as T[];
    for (const item of items) if (!allowed.includes(item)) throw new Error(`--${name}: "${item}" is not one of ${allowed.join(', ')}`);
    return items;
  };
  const accounts = int('accounts', 100_000);
  return {
    accounts,
    only: list<BenchName>('only', [...BENCHES, ...ON_REQUEST], BENCHES),
    dbs: list<TestDb>('db', ['mariadb', 'sqlite'], ['mariadb', 'sqlite']),
    seconds: int('seconds', 8),
    subscribers: int('subscribers', 1000),
    idle: int('idle', 10_000),
    scaleAccounts: int('scale-accounts', Math.min(accounts, 40_000)),
    billData:
      value('tax-codes') !== undefined
        ? fail('--tax-codes is now --bill-data plain (no taxes) or full')
        : list('bill-data', BILL_DATA, BILL_DATA),
    documentAccounts: int('document-accounts', Math.min(accounts, 1_000)),
    remittanceLines: int('remittance-lines', 10_000),
    minutes: int('minutes', 10),
    rounds: int('rounds', 1),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  heading('Billing hub benchmark');
  report(`  machine: ${machine()}`);
  const t0 = performance.now();
  for (const kind of options.dbs) {
    if (options.only.includes('billrun')) await benchBillRun(kind, options.accounts, options.billData);
    if (options.only.includes('read')) await benchRead(kind, options.seconds);
    if (options.only.includes('payments')) await benchPayments(kind, options.seconds);
    if (options.only.includes('events'))
      await benchEvents(kind, { subscribers: options.subscribers, idle: options.idle, seconds: options.seconds });
    if (options.only.includes('webhooks')) await benchWebhooks(kind, { seconds: options.seconds });
    if (options.only.includes('import')) await benchImport(kind, options.accounts);
    if (options.only.includes('documents')) await benchDocuments(kind, options.documentAccounts);
    if (options.only.includes('delivery')) await benchBillRunWithDelivery(kind, options.accounts, options.rounds);
    if (options.only.includes('remittances')) await benchRemittances(kind, options.remittanceLines);
    if (options.only.includes('ingest')) await benchIngest(kind);
  }
  if (options.only.includes('scale') && options.dbs.includes('mariadb')) await benchScale(options.scaleAccounts);
  if (options.only.includes('soak')) await benchSoak(options.minutes);
  report(`\n(total ${Math.round((performance.now() - t0) / 1000)} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
