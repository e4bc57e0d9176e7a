import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { testHubEnv } from './hub-env';

/** The built server, as `npm start` runs it (`npm test` builds dist/ before jest starts). */
export const MAIN_JS = path.resolve(__dirname, '../../dist/server/src/main.js');

export interface HubProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the URL from the "ready at" line; rejects if the process ends or times out first. */
  ready(timeoutMs?: number): Promise<string>;
}

/** Runs `node dist/server/src/main.js` with exactly the given hub variables (plus PATH and HOME). */
export function spawnHub(env: Record<string, string>): HubProcess {
  if (!fs.existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build first (npx tsc -p tsconfig.build.json)`);
  const child = spawn(process.execPath, [MAIN_JS], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    ready: (timeoutMs = 30_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "ready at" line after ${timeoutMs} ms; stdout: ${out} stderr: ${err}`)),
          timeoutMs,
        );
        const check = () => {
          const m = /ready at (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout?.on('data', check);
        check();
        void exited.then(({ code }) => {
          clearTimeout(timer);
          reject(new Error(`the hub exited with ${code} before it was ready; stderr: ${err}`));
        });
      }),
  };
}

/**
 * Another hub process on a test hub's database, as a second server would run
 * beside the first: the same data directory, no demo data, errors only in its
 * log; env adds or overrides variables (REDIS_URL to share runs and events).
 */
export function spawnPeer(db: { url: string; dataDir: string }, env: Record<string, string> = {}): HubProcess {
  return spawnHub({ ...testHubEnv(db), ...env });
}

/** Stops a spawned hub as its service manager would (SIGTERM) and waits for it to end. */
export async function stopProcess(hub: HubProcess | undefined): Promise<void> {
  hub?.child.kill('SIGTERM');
  await hub?.exited;
}
