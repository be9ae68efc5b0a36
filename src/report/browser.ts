import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { BrowserContext, Page } from 'playwright-core';

/**
 * A headless Chromium for the reports: PDF output and screenshots of the HTML reports (the appeal report
 * reuses it). The browser runs with a fresh profile, no background networking, and every request from the
 * page that is not `file:`, `data:` or `about:` is blocked and recorded — a report must never reach the
 * network, and callers can assert that it did not try.
 */

/** Chromium is not installed (or not where we look): a clear message, not a stack trace. */
export class BrowserUnavailableError extends Error {
  readonly exitCode = 2;
}

/** Flags for a quiet, private, reproducible headless run. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
] as const;

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The Chromium to drive: $MSGLINT_CHROMIUM, else Debian's /usr/bin/chromium, else a few usual places. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.MSGLINT_CHROMIUM;
  if (wanted) {
    if (existsSync(wanted)) return wanted;
    throw new BrowserUnavailableError(`MSGLINT_CHROMIUM is set to ${wanted}, but there is no such file`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new BrowserUnavailableError(
    `Chromium is needed to render PDF and screenshots but was not found (looked for ${CANDIDATES.slice(0, 2).join(', ')}). ` +
      'Install it (Debian/Ubuntu: apt-get install chromium) or set MSGLINT_CHROMIUM to its path.',
  );
}

const ALLOWED_SCHEMES = /^(file|data|about|blob):/i;

export interface PageOptions {
  /** Viewport width in CSS pixels (default 1100). */
  width?: number;
  height?: number;
  /** Allow the page's own scripts (default: off — reports need none). */
  javaScript?: boolean;
}

/**
 * Opens `html` in a fresh headless Chromium and runs `use` on the page. Returns its value and every
 * request the page attempted beyond file:/data:/about: (all of them blocked).
 */
export async function withPage<T>(html: string, use: (page: Page) => Promise<T>, opts: PageOptions = {}): Promise<{ value: T; blockedRequests: string[] }> {
  const executablePath = chromiumPath();
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new BrowserUnavailableError('the playwright-core package is needed to drive Chromium; install it with "npm install playwright-core"');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'msglint-chromium-'));
  const profile = path.join(dir, 'profile');
  const page = path.join(dir, 'report.html');
  writeFileSync(page, html);
  const blockedRequests: string[] = [];
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: opts.width ?? 1100, height: opts.height ?? 800 },
      javaScriptEnabled: opts.javaScript ?? false,
      serviceWorkers: 'block',
      acceptDownloads: false,
      timeout: 60_000,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (ALLOWED_SCHEMES.test(url)) return route.continue();
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('requestfailed', (r) => {
      const url = r.url();
      if (!ALLOWED_SCHEMES.test(url) && !blockedRequests.includes(url)) blockedRequests.push(url);
    });
    const tab = context.pages()[0] ?? (await context.newPage());
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load', timeout: 60_000 });
    const value = await use(tab);
    return { value, blockedRequests };
  } catch (error) {
    if (error instanceof BrowserUnavailableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/executable doesn't exist|failed to launch|spawn/i.test(message)) throw new BrowserUnavailableError(`Chromium at ${executablePath} could not be started: ${message.split('\n')[0]}`);
    throw error;
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Screenshot {
  png: Buffer;
  /** The page's visible text (document.body.innerText), to check what rendered. */
  text: string;
  blockedRequests: string[];
}

/** A PNG of the whole page as a browser shows it (screen media). */
export async function screenshot(html: string, opts: PageOptions & { fullPage?: boolean } = {}): Promise<Screenshot> {
  const { value, blockedRequests } = await withPage(
    html,
    async (page) => {
      const png = await page.screenshot({ fullPage: opts.fullPage ?? true, type: 'png', animations: 'disabled' });
      const text = await page.locator('body').innerText();
      return { png, text };
    },
    opts,
  );
  return { ...value, blockedRequests };
}

export interface PdfResult {
  pages: number;
  bytes: number;
  blockedRequests: string[];
}

/** Prints the page to a PDF file (print media, backgrounds kept) and counts its pages. */
export async function renderPdf(html: string, out: string, opts: { format?: 'A4' | 'Letter' } = {}): Promise<PdfResult> {
  const { value, blockedRequests } = await withPage(html, async (page) => {
    await page.emulateMedia({ media: 'print' });
    return page.pdf({ format: opts.format ?? 'A4', printBackground: true, preferCSSPageSize: false, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  });
  writeFileSync(out, value);
  return { pages: countPdfPages(value), bytes: value.length, blockedRequests };
}

/** Pages in a PDF: its `/Type /Page` objects (not `/Pages`). Chromium writes them uncompressed. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
