import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths the console never answers: the API, the health check and the exports have their own handlers (or a 404). */
const NOT_CONSOLE = /^\/(graphql|healthz|exports)(\/|$)/;

/** The repository root: the nearest folder above this file with a package.json (works from server/src and from dist/). */
function projectRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
}

export function defaultConsoleDir(): string {
  return path.join(projectRoot(__dirname), 'console', 'dist');
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Billing hub</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#101828}code{background:#f2f4f7;padding:2px 6px;border-radius:4px}</style>
</head><body>
<h1>The operator console is not built</h1>
<p>The API is running at <code>/graphql</code>. To serve the console here, build it once:</p>
<p><code>npm run build:console</code></p>
<p>and reload this page. (<code>npm start</code> builds it when it is missing.)</p>
</body></html>
`;

/**
 * Serves the built console at / and answers every other browser path with its
 * index.html, so deep links and reloads land on the right screen. Hashed
 * files under assets/ never change and are cached for a year; index.html is
 * revalidated each time so a new build is picked up at once.
 */
export function mountConsole(app: Express, dir: string = defaultConsoleDir()): void {
  const index = path.join(dir, 'index.html');
  const assets = path.join(dir, 'assets');

  app.use('/assets', express.static(assets, { immutable: true, maxAge: '365d', index: false }));
  // An asset from an older build: a plain 404, not index.html (the browser expects a script or a stylesheet).
  app.use('/assets', (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  app.use(
    express.static(dir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(index)) {
      res.status(200).type('html').send(NOT_BUILT);
      return;
    }
    res.sendFile(index, (error) => {
      if (error) next(error);
    });
  });
}
