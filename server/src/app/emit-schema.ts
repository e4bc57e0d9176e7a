import fs from 'node:fs';
import path from 'node:path';
import { printHubSchema } from './schema';

/** Writes schema/schema.graphql from the resolvers (npm run schema). */
export const SCHEMA_FILE = path.resolve(__dirname, '../../../../schema/schema.graphql');

if (require.main === module) {
  printHubSchema().then(
    (sdl) => {
      fs.writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
