import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The console's typed operations are generated from schema/schema.graphql and
 * committed: when the schema or an operation changes, `npm run codegen` must
 * run, or the console would compile against types the server no longer has.
 */
describe('console codegen', () => {
  it('is up to date with schema/schema.graphql and the operations in console/src', () => {
    const cli = path.join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
    const run = spawnSync(process.execPath, [cli, '--config', path.join(ROOT, 'console', 'codegen.ts'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`console/src/generated is stale: run "npm run codegen"\n${run.stdout}${run.stderr}`);
  });
});
