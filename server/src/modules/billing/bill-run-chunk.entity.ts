import { Column, Entity } from 'typeorm';
import { IdColumn, IntegerColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

export enum BillRunChunkStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  /** Its run was given up (FAILED) before the chunk was billed; a later run bills its accounts. */
  CANCELLED = 'CANCELLED',
  /** The run's plan itself, closed (DONE) once every chunk is written: no worker claims it. */
  PLANNING = 'PLANNING',
}

/** A slice of a bill run's accounts, billed by whichever hub process claims it first. */
@Entity('bill_run_chunk')
export class BillRunChunk {
  @IdColumn()
  id!: string;

  @RefColumn('run_id')
  runId!: string;

  @IntegerColumn('position')
  position!: number;

  @IntegerColumn('accounts')
  accounts!: number;

  /** Comma-separated account ids, in id order. */
  @Column({ name: 'account_ids', type: 'text' })
  accountIds!: string;

  @TextColumn('status', { length: 16 })
  status!: BillRunChunkStatus;

  @IntegerColumn('processed')
  processed!: number;

  @IntegerColumn('issued')
  issued!: number;

  @IntegerColumn('held')
  held!: number;

  @IntegerColumn('blocked')
  blocked!: number;

  @IntegerColumn('failed')
  failed!: number;

  /** The process that billed it (host:pid:instance). */
  @TextColumn('billed_by', { length: 64, nullable: true })
  billedBy!: string | null;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;
}
