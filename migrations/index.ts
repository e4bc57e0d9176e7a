import { Platform1763800000000 } from './1763800000000-Platform';
import { Catalog1763800001000 } from './1763800001000-Catalog';

/** Every migration, in order. The schema comes only from these; synchronize stays off. */
export const migrations: Function[] = [Platform1763800000000, Catalog1763800001000];
