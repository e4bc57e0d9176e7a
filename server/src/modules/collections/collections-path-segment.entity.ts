import { Entity } from 'typeorm';
import { IdColumn, RefColumn, TextColumn } from '../../db/entity-columns';

/**
 * A segment claimed by an active collections path. The segment is unique, so
 * two active paths can never claim the same one, even when saved at once; the
 * path's `segments` list stays what the user sees, and these rows follow it.
 */
@Entity('collections_path_segment')
export class CollectionsPathSegment {
  @IdColumn()
  id!: string;

  @TextColumn('segment', { length: 32 })
  segment!: string;

  @RefColumn('path_id')
  pathId!: string;
}
