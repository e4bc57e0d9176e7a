import { EventRecord } from '../events/event.entity';
import { OutboxRow } from '../events/outbox.entity';
import { AuditEntry } from '../modules/audit/audit.entity';
import { ApiKey } from '../modules/identity/api-key.entity';
import { User } from '../modules/identity/user.entity';
import { Setting } from './setting.entity';
import { Incentive, Product, PromoCode, Rate } from '../modules/catalog/product.entity';

/** Every entity the data source maps. */
export const entities: Function[] = [Setting, User, ApiKey, AuditEntry, OutboxRow, EventRecord, Product, Rate, PromoCode, Incentive];
