import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Values the hub generates once and keeps, such as the token signing key. */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ name: 'key', type: 'varchar', length: 64 })
  key!: string;

  @Column({ name: 'value', type: 'text' })
  value!: string;
}
