import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.HUB_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const OUTPUT_DIR = path.join(__dirname, '..', '..', '..', 'test-output', 'e2e');

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors from the console's pages: a test expects none. */
  errors: string[];
  /** Saves a full-page screenshot as test-output/e2e/<name>.png. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

/**
 * Debian's chromium, headless, in a fresh profile, quiet: no background
 * networking, updates or sync, so a test sees only what the console does.
 */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium" (scripts/ci-browser.sh does)`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    p.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
  };
  watch(page);
  context.on('page', watch);
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return {
    context,
    page,
    errors,
    screenshot: async (name, which = page) => {
      const file = path.join(OUTPUT_DIR, `${name}.png`);
      // From the top: the sidebar is sticky, and a full-page capture of a scrolled page shows it mid-way down.
      await which.evaluate('window.scrollTo(0, 0)');
      await which.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's form and waits for the shell and its live link. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
}
