import { Entity } from 'typeorm';
import { BoolColumn, DateColumn, IdColumn, IntegerColumn, RefColumn, TimestampColumn } from '../../db/entity-columns';

/** One meter read: consumption over [periodStart, periodEnd), billed once (invoiceId set while on a live invoice). */
@Entity('usage_read')
export class UsageRead {
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @DateColumn('period_start')
  periodStart!: string;

  @DateColumn('period_end')
  periodEnd!: string;

  /** Micro-units of the product's unit. */
  @IntegerColumn('quantity')
  quantity!: number;

  @BoolColumn('estimated')
  estimated!: boolean;

  @RefColumn('invoice_id', { nullable: true })
  invoiceId!: string | null;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
