#!/usr/bin/env node
/**
 * Builds the operator console when console/dist is missing, so `npm start`
 * on a fresh checkout serves it without a separate step. An existing build
 * is left alone: `npm run build:console` rebuilds it on purpose.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const index = path.join(root, 'console', 'dist', 'index.html');

function ensureConsole() {
  if (fs.existsSync(index)) return false;
  process.stdout.write('Building the operator console (console/dist is missing)...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build:console'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('The console build failed; the API still works. Run "npm run build:console" to see why.');
  }
  return true;
}

module.exports = { ensureConsole };

if (require.main === module) {
  try {
    ensureConsole();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
