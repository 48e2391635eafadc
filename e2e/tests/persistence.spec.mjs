// The world survives reloads, travels in share links and files, and saved
// data that cannot be read is never thrown away silently.
import { test, expect } from '../fixtures.mjs';

const snapshot = (page) => page.evaluate(() => ({
  now: window.kmsPlayground.now(),
  keys: window.kmsPlayground.call('kms', 'ListKeys', {}).Keys.map((k) => k.KeyId),
  events: JSON.stringify(window.kmsPlayground.events()),
}));

async function buildWorld(page) {
  await page.evaluate(() => {
    const api = window.kmsPlayground;
    const { KeyMetadata } = api.call('kms', 'CreateKey', { Description: 'persisted' });
    api.call('kms', 'ScheduleKeyDeletion', { KeyId: KeyMetadata.KeyId, PendingWindowInDays: 7 });
    api.call('kms', 'CreateKey', {});
    api.advance(8 * 86400);
  });
}

test('a reload keeps the world and its simulated time', async ({ app, page }) => {
  await app();
  await buildWorld(page);
  const before = await snapshot(page);
  await page.waitForTimeout(800); // the autosave settles 600 ms after the last change
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', before.now);
  const after = await snapshot(page);
  expect(after.keys).toEqual(before.keys);
  expect(after.events).toEqual(before.events);
});

test('a shared link opens the identical world in a fresh browser', async ({ app, page, browser, context }) => {
  await app();
  await buildWorld(page);
  const before = await snapshot(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share').click();
  await expect(page.getByTestId('link-copied')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#w=z1\./);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const problems = [];
  other.on('pageerror', (e) => problems.push(e.message));
  await other.goto(link);
  await expect(other.getByTestId('opened-link-banner')).toBeVisible();
  await expect(other.getByTestId('sim-now')).toHaveAttribute('datetime', before.now);
  expect(await snapshot(other)).toEqual(before);
  expect(problems).toEqual([]);
  await fresh.close();
});

test('while time plays, saves are spaced out, and hiding the page saves at once', async ({ page }) => {
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  const saved = () => page.evaluate(() => localStorage.getItem('kms-playground:world'));
  await page.evaluate(() => window.kmsPlayground.call('kms', 'CreateKey', {}));
  // The change is saved 0.6 s after things settle: wait until a second
  // passes without a new save.
  let before = await saved();
  await expect.poll(async () => { const s = await saved(); const changed = s !== before; before = s; return changed; },
    { intervals: [1000] }).toBe(false);
  await page.getByTestId('speed-select').selectOption('day');
  const start = await page.evaluate(() => window.kmsPlayground.now());
  await page.getByTestId('play-toggle').click();
  await expect.poll(() => page.evaluate(() => window.kmsPlayground.now())).not.toBe(start);
  // Ticks change the world but are not written one by one...
  const whilePlaying = await saved();
  expect(whilePlaying).toBe(before);
  // ...and leaving the page writes the latest world.
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  expect(await saved()).not.toBe(before);
  await page.getByTestId('play-toggle').click();
});

test('corrupted saved data shows the recovery message and the download', async ({ page }) => {
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  // The page saves its world as it is left, so the bad data is written as
  // the next page starts, before the app reads it (once).
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('corrupted')) {
      localStorage.setItem('kms-playground:world', 'z1.this-is-not-a-world');
      sessionStorage.setItem('corrupted', '1');
    }
  });
  await page.reload();
  await expect(page.getByTestId('recovery-banner')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-saved').click();
  expect((await download).suggestedFilename()).toBe('kms-playground-saved-data.txt');
  // Nothing is saved over the bad data until the user chooses to start fresh.
  await page.evaluate(() => window.kmsPlayground.call('kms', 'CreateKey', {}));
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => localStorage.getItem('kms-playground:world'))).toBe('z1.this-is-not-a-world');
  await page.getByTestId('start-fresh').click();
  await expect(page.getByTestId('recovery-banner')).toBeHidden();
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => localStorage.getItem('kms-playground:world'))).toMatch(/^z1\./);
});

test('a broken share link says so and keeps the saved world', async ({ page }) => {
  await page.goto('#w=z1.broken');
  await expect(page.getByTestId('bad-link-banner')).toBeVisible();
});

test('export, reset and import restore the same world', async ({ app, page }) => {
  await app();
  await buildWorld(page);
  const before = await snapshot(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  await page.getByTestId('reset').click();
  await page.getByTestId('reset-confirm').click();
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-02T09:00:00.000Z');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', before.now);
  expect(await snapshot(page)).toEqual(before);
});

test('an invalid file is refused with the position of the bad entry', async ({ app, page }) => {
  await app();
  const bad = JSON.stringify({ format: 'kms-playground-world', version: 1, seed: 1, settings: {}, now: '2026-03-02T09:00:00.000Z',
    journal: [{ at: '2026-03-02T09:00:00.000Z', service: 'kms', operation: 'CreateKey', params: {} },
      { at: '2026-03-02T09:00:00.000Z', service: 'kms', operation: 'ScheduleKeyDeletion', params: { KeyId: 7 } }] });
  await page.getByTestId('import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByTestId('import-error')).toContainText('journal entry 1 (#2)');
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-02T09:00:00.000Z');
});
