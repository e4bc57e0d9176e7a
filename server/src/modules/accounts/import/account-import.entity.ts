import { Entity } from 'typeorm';
import { IdColumn, RefColumn, TextColumn, TimestampColumn } from '../../../db/entity-columns';

/** An account importAccounts created, and the fingerprint of the row it came from (see AccountImports migration). */
@Entity('account_import')
export class AccountImportRecord {
  @IdColumn()
  id!: string;

  @RefColumn('account_id')
  accountId!: string;

  @TextColumn('fingerprint', { length: 64 })
  fingerprint!: string;

  @TextColumn('imported_by', { length: 128 })
  importedBy!: string;

  @TimestampColumn('imported_at')
  importedAt!: Date;
}
