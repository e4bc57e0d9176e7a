import type { HubConfig } from '../config/env';
import type { Database } from '../db/database';
import { EventService } from '../events/event.service';
import type { HubPubSub } from '../events/pubsub';
import { AuditService } from '../modules/audit/audit.service';
import { IdentityService } from '../modules/identity/identity.service';
import { CatalogService } from '../modules/catalog/product.service';

/** Every service of the hub, built once per process and shared by all requests. */
export interface Services {
  config: HubConfig;
  identity: IdentityService;
  audit: AuditService;
  events: EventService;
  catalog: CatalogService;
}

export async function createServices(config: HubConfig, db: Database, pubsub: HubPubSub): Promise<Services> {
  return {
    config,
    identity: await IdentityService.create(db, pubsub, config.jwtSecret),
    audit: new AuditService(db),
    events: new EventService(db, pubsub),
    catalog: new CatalogService(db, config),
  };
}
