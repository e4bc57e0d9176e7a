import type { HubConfig } from '../config/env';
import type { Database } from '../db/database';
import { EventService } from '../events/event.service';
import type { HubPubSub } from '../events/pubsub';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { CatalogService } from '../modules/catalog/product.service';
import { AccountService } from '../modules/accounts/account.service';
import { UsageService } from '../modules/usage/usage.service';
import { WorkQueueService } from '../modules/work-queues/work-queue.service';
import { BillingRulesService } from '../modules/billing/billing-rules.service';
import { BillingExceptionService } from '../modules/billing/billing-exception.service';
import { BillRunService } from '../modules/billing/bill-run.service';
import { InvoiceService } from '../modules/billing/invoice.service';
import type { Logger } from './logger';

/** Every service of the hub, built once per process and shared by all requests. */
export interface Services {
  config: HubConfig;
  identity: IdentityService;
  audit: AuditService;
  events: EventService;
  catalog: CatalogService;
  accounts: AccountService;
  usage: UsageService;
  workQueues: WorkQueueService;
  billingRules: BillingRulesService;
  billingExceptions: BillingExceptionService;
  billRuns: BillRunService;
  invoices: InvoiceService;
}

export async function createServices(config: HubConfig, db: Database, pubsub: HubPubSub, log: Logger): Promise<Services> {
  const workQueues = new WorkQueueService(db);
  const billingRules = new BillingRulesService(db);
  const billingExceptions = new BillingExceptionService(db, workQueues);
  const billRuns = new BillRunService(db, pubsub, billingRules, billingExceptions, workQueues, log);
  return {
    config,
    identity: await IdentityService.create(db, pubsub, config.jwtSecret),
    audit: new AuditService(db),
    events: new EventService(db, pubsub),
    catalog: new CatalogService(db, config),
    accounts: new AccountService(db),
    usage: new UsageService(db),
    workQueues,
    billingRules,
    billingExceptions,
    billRuns,
    invoices: new InvoiceService(db, config, billingRules, billingExceptions, workQueues, billRuns),
  };
}
