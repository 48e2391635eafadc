// The shared fixture of the end-to-end tests: every page fails its test on
// any console error, uncaught exception or failed request, and `app` opens
// the playground and waits until it has started.
import { test as base, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

export const SCREENSHOTS = process.env.SCREENSHOT_DIR || 'e2e/screenshots';

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
    await use(page);
    expect(problems, 'the page reported problems').toEqual([]);
  },
  app: async ({ page }, use) => {
    const open = async (query = '') => {
      await page.goto(query);
      await expect(page.getByTestId('app-ready')).toBeVisible();
      return page;
    };
    await use(open);
  },
});

/** Saves a full-page screenshot under SCREENSHOTS/<name>.png. */
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export { expect };
