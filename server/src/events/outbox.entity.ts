import { Entity } from 'typeorm';
import { IdColumn, JsonColumn, TextColumn, TimestampColumn } from '../db/entity-columns';
import type { EventType } from './event-types';

/** Events written by committed transactions and not yet numbered by the relay. */
@Entity('outbox')
export class OutboxRow {
  @IdColumn()
  id!: string;

  @TextColumn('type', { length: 40 })
  type!: EventType;

  @TextColumn('subject_id', { length: 64 })
  subjectId!: string;

  @TextColumn('account_number', { length: 64, nullable: true })
  accountNumber!: string | null;

  @JsonColumn('payload')
  payload!: Record<string, unknown>;

  @TimestampColumn('occurred_at')
  occurredAt!: Date;
}
