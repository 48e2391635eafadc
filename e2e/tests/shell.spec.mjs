// The app shell: it starts from a sub-path with no network beyond its own
// files, shows the simulated clock, and moves it on request.
import { test, expect, screenshot } from '../fixtures.mjs';

test('starts at the default epoch and advances a day', async ({ app, page }) => {
  await app();
  const clock = page.getByTestId('sim-now');
  await expect(clock).toHaveAttribute('datetime', '2026-03-02T09:00:00.000Z');
  await page.getByTestId('advance-1d').click();
  await expect(clock).toHaveAttribute('datetime', '2026-03-03T09:00:00.000Z');
  await screenshot(page, 'shell-1400x900');
});

test('loads nothing from outside its own folder', async ({ page }) => {
  const outside = [];
  page.on('request', (req) => { if (!req.url().startsWith('http://127.0.0.1')) outside.push(req.url()); });
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  expect(outside).toEqual([]);
});

test('plays simulated time at the chosen speed', async ({ app, page }) => {
  await app();
  await page.getByTestId('speed-select').selectOption('week');
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('sim-now')).not.toHaveAttribute('datetime', '2026-03-02T09:00:00.000Z');
  await page.getByTestId('play-toggle').click();
  await expect(page.getByTestId('play-toggle')).toHaveAttribute('aria-pressed', 'false');
});

test('the boot screen paints before the WebAssembly runs and is gone once the app has rendered', async ({ app, page }) => {
  const html = await (await page.request.get('')).text();
  expect(html).toContain('Starting the simulated account…');
  await app();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveCount(1);
});

test('the clock bar stays in view on a laptop and scrolls away on a phone', async ({ app, page }) => {
  await app();
  const position = () => page.locator('.clock-bar').evaluate((el) => getComputedStyle(el).position);
  expect(await position()).toBe('sticky');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await position()).toBe('relative');
});
