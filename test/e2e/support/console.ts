import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The e2e tests use the production build the hub serves (`npm test` builds it first); build it once if it is missing. */
export function ensureConsoleBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-console.js')], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(path.join(ROOT, 'console', 'dist', 'index.html'))) throw new Error('console/dist was not built');
}
