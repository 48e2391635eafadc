// Docs pages embed the playground in an iframe and script it; after one
// visit it works offline; a shared link carries a preview.
import { test, expect } from '../fixtures.mjs';

test('the embed example page scripts the playground inside an iframe', async ({ page }) => {
  await page.goto('examples/embed.html');
  await expect(page.locator('#log')).toContainText('Ready. Simulated time: 2026-03-02T09:00:00.000Z');
  const frame = page.frameLocator('#playground');
  await expect(frame.getByTestId('app-ready')).toHaveClass(/embed/);
  await expect(frame.getByTestId('panel-keys')).toBeVisible();
  await expect(frame.getByTestId('panel-console')).toHaveCount(0);
  await page.locator('#prepare').click();
  await expect(page.locator('#log')).toContainText('Created');
  await expect(frame.getByTestId('key-row')).toHaveCount(1);
  await page.locator('#alarm').click();
  await expect(page.locator('#log')).toContainText('Alarm KeyMaterialExpiresSoon created');
  await page.locator('#forward').click();
  await expect(page.locator('#log')).toContainText('Simulated time: 2026-03-05T09:00:00.000Z');
  await expect(frame.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-05T09:00:00.000Z');
});

test('embed options pick panels, language and theme, and nothing is saved', async ({ page }) => {
  await page.goto('?embed=1&panels=console,events&lang=ja&theme=dark');
  await expect(page.getByTestId('app-ready')).toHaveAttribute('data-theme', 'dark');
  const panels = page.locator('main .panel');
  await expect(panels).toHaveCount(2);
  await expect(panels.first()).toHaveAttribute('data-testid', 'panel-console');
  await expect(page.getByTestId('panel-events')).toContainText('EventBridge イベント');
  await page.evaluate(() => window.kmsPlayground.call('kms', 'CreateKey', {}));
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => localStorage.getItem('kms-playground:world'))).toBeNull();
});

test('after the first visit the app works offline', async ({ page, context }) => {
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.getByTestId('advance-1d').click();
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-03T09:00:00.000Z');
  await context.setOffline(false);
});

test('a shared link shows a title, description and preview image', async ({ page, request }) => {
  await page.goto('');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'KMS Playground');
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', /simulated AWS account/);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  const response = await request.get(new URL(image, page.url()).toString());
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
});
