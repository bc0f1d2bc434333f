/**
 * The end-to-end harness: a real headless Chromium against the production build
 * that `tests/setup/e2e-global.ts` serves. Every page starts from a fresh browser
 * context (a fresh profile, so an empty IndexedDB) and is watched for the failures
 * the analyst would never see reported: uncaught exceptions, console errors, any
 * Content-Security-Policy violation and any request to another origin (PRODUCT.md
 * §7). Any of these fails the test.
 *
 *   import { expect, test } from './harness';
 *
 *   test('an empty dashboard offers the example data', async ({ page }) => {
 *     await page.goto('/');
 *     await expect.poll(() => page.getByRole('button', { name: /^Load example/ }).count()).toBe(1);
 *   });
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { BROWSER_TIME_ZONE, VIEWPORT } from '../setup/environment.ts';

export { expect } from 'vitest';
export { BROWSER_TIME_ZONE, VIEWPORT };

/** The origin of the app under test. */
export function baseURL(): string {
  return inject('baseURL');
}

/** A headless Chromium with the same flags as the browser-mode tests. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS], headless: true });
}

export interface GuardedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught exceptions and console errors, in order. */
  readonly errors: readonly string[];
  /** URLs the page tried to fetch from another origin; each was blocked. */
  readonly foreignRequests: readonly string[];
  /** `securitypolicyviolation` events the page's documents fired, described. */
  readonly cspViolations: readonly string[];
  /** Tolerates console errors matching `pattern`, for a test that provokes one on purpose. */
  allowConsoleError(pattern: RegExp): void;
  /** Throws if anything was recorded in `errors`, `foreignRequests` or `cspViolations`. */
  assertClean(): void;
  close(): Promise<void>;
}

/**
 * A page in a new context of `browser`. Relative URLs in `page.goto` resolve against
 * the app's origin. Requests to any other origin are aborted and recorded.
 */
export async function newPage(
  browser: Browser,
  origin: string = baseURL(),
  { timezoneId = BROWSER_TIME_ZONE }: { timezoneId?: string } = {},
): Promise<GuardedPage> {
  const appOrigin = new URL(origin).origin;
  const context = await browser.newContext({
    baseURL: appOrigin,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId,
    acceptDownloads: true,
  });
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const cspViolations: string[] = [];
  const allowed: RegExp[] = [];

  // The browser blocks what the policy forbids before any request leaves, so the
  // route below never sees it: each document reports its violations here.
  await context.exposeBinding('__parallaxCspViolation', (_source, text: string) => {
    cspViolations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __parallaxCspViolation(text: string): void })
          .__parallaxCspViolation;
        report(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
      },
      true,
    );
  });

  const isForeign = (url: string): boolean => {
    const { protocol, origin: requestOrigin } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return false;
    return requestOrigin !== appOrigin;
  };
  await context.route(
    (url) => isForeign(url.href),
    (route) => {
      foreignRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  // WebSockets bypass routing; record them too.
  context.on('page', (page) => page.on('websocket', (socket) => foreignRequests.push(socket.url())));

  const page = await context.newPage();
  page.on('websocket', (socket) => foreignRequests.push(socket.url()));
  page.on('pageerror', (error) => errors.push(`uncaught ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The abort above logs its own console error; the request is already recorded.
    if (text.includes('net::ERR_BLOCKED_BY_CLIENT')) return;
    if (allowed.some((pattern) => pattern.test(text))) return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error ${text}${url ? ` (${url}:${lineNumber})` : ''}`);
  });

  return {
    page,
    context,
    errors,
    foreignRequests,
    cspViolations,
    allowConsoleError(pattern) {
      allowed.push(pattern);
    },
    assertClean() {
      const problems = [
        ...errors,
        ...foreignRequests.map((url) => `request to another origin: ${url}`),
        ...cspViolations.map((text) => `Content-Security-Policy violation: ${text}`),
      ];
      if (problems.length > 0) {
        throw new Error(`The page reported ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      }
    },
    close: () => context.close(),
  };
}

/**
 * `test` with fixtures: `browser` (one per file), `guarded` (a fresh context per
 * test, checked when the test ends) and `page` (its page).
 */
export const test = base
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launch();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('guarded', async ({ browser }, { onCleanup }) => {
    const guarded = await newPage(browser);
    onCleanup(async () => {
      await guarded.close();
      guarded.assertClean();
    });
    return guarded;
  })
  .extend('page', async ({ guarded }) => guarded.page);
