/**
 * A real browser for the HTML report tests: the machine's Chromium (Debian package
 * `chromium`, /usr/bin/chromium) driven headless through playwright-core, which brings no
 * browser of its own. Records console errors, page errors and every request that is not the
 * report file itself (a self-contained report makes none).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnSync } from 'node:child_process';

export function chromiumPath(): string {
  return spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
}

export interface OpenedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
}

export async function openReport(browser: Browser, file: string, viewport = { width: 1400, height: 1000 }): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== `file://${file}`) requests.push(r.url());
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, consoleErrors, pageErrors, requests };
}
