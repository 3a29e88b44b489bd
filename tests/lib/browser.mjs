// Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core (no browser download),
// one fresh profile per session, and screenshots for docs/screenshots/ on demand.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.FUGONG_CHROMIUM || '/usr/bin/chromium';
export const DESKTOP = { width: 1366, height: 800 };
export const PHONE = { width: 375, height: 812 };
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
// Screenshots are written only when asked (FUGONG_SCREENSHOTS=1), so test runs do not rewrite the docs.
export const SCREENSHOTS = process.env.FUGONG_SCREENSHOTS === '1';

// Without the networking flags Chromium keeps trying to reach hosts this network refuses.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/**
 * Starts Chromium with a fresh profile (cookies, localStorage) and opens one page.
 * phone: true emulates a touch phone (mobile viewport meta, touch events, 2× pixels).
 * Returns { context, page, newPage(opts), close() }.
 */
export async function launch({ viewport = DESKTOP, locale = 'zh-CN', phone = false, timeout = 15000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fugong-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport,
      locale,
      ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(timeout);
  const errors = []; // uncaught page errors, reported by the tests that care
  const watch = (page) => page.on('pageerror', (e) => errors.push(e));
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] || (await context.newPage());
  return {
    context,
    page,
    errors,
    /** Another page in the same session (shares the sign-in), with its own viewport. */
    async newPage({ viewport: size } = {}) {
      const p = await context.newPage();
      if (size) await p.setViewportSize(size);
      return p;
    },
    async close() {
      await context.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the page is settled for a picture: fonts loaded, no loading mask, no pending images. */
export async function settle(page) {
  await page.waitForFunction(() =>
    document.fonts.status === 'loaded' &&
    [...document.querySelectorAll('.el-loading-mask')].every((m) => m.offsetParent === null || getComputedStyle(m).display === 'none') &&
    [...document.images].every((i) => i.complete));
}

/**
 * Saves docs/screenshots/<name>.png when FUGONG_SCREENSHOTS=1; returns the path or null.
 * The pointer is parked in a corner and the focus dropped first, so no button shows a hover or focus state.
 */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return null;
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement?.blur?.());
  await settle(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}
