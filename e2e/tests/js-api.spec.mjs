// window.kmsPlayground: the JS API works on the live world and the UI follows.
import { test, expect } from '../fixtures.mjs';

test('call creates an EXTERNAL key and the key table shows it', async ({ app, page }) => {
  await app();
  const meta = await page.evaluate(() => window.kmsPlayground.call('kms', 'CreateKey', { Origin: 'EXTERNAL' }));
  expect(meta.KeyMetadata.KeyState).toBe('PendingImport');
  const row = page.locator(`[data-testid=key-row][data-key-id="${meta.KeyMetadata.KeyId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-state', 'PendingImport');
});

test('errors are thrown with the AWS code as their name', async ({ app, page }) => {
  await app();
  const error = await page.evaluate(() => {
    try { window.kmsPlayground.call('kms', 'ScheduleKeyDeletion', { KeyId: 'x', PendingWindowInDays: 6 }); }
    catch (e) { return { name: e.name, message: e.message, isError: e instanceof Error }; }
  });
  expect(error).toEqual({
    name: 'ValidationException',
    message: "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
    isError: true,
  });
});

test('advance, now, reset, events and state round-trip', async ({ app, page }) => {
  await app();
  const result = await page.evaluate(() => {
    const api = window.kmsPlayground;
    const start = api.now();
    const { KeyMetadata } = api.call('kms', 'CreateKey', {});
    api.call('kms', 'ScheduleKeyDeletion', { KeyId: KeyMetadata.KeyId, PendingWindowInDays: 7 });
    const after = api.advance(7 * 86400);
    const events = api.events().filter((e) => e['detail-type'] === 'KMS CMK Deletion');
    const saved = api.exportState();
    api.reset({ seed: 7 });
    const fresh = api.now();
    api.importState(saved);
    return { start, after, fresh, deletions: events.length, restored: api.now(), same: api.exportState() === saved };
  });
  expect(result).toEqual({
    start: '2026-03-02T09:00:00.000Z', after: '2026-03-09T09:00:00.000Z', fresh: '2026-03-02T09:00:00.000Z',
    deletions: 1, restored: '2026-03-09T09:00:00.000Z', same: true,
  });
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-09T09:00:00.000Z');
});

test('the create key dialog creates a key with an alias', async ({ app, page }) => {
  await app();
  await page.getByTestId('create-key').click();
  await page.getByTestId('origin-external').check();
  await page.getByTestId('create-key-alias').fill('imported-demo');
  await page.getByTestId('create-key-submit').click();
  await expect(page.getByTestId('create-key-dialog')).toBeHidden();
  const row = page.getByTestId('key-row').filter({ hasText: 'alias/imported-demo' });
  await expect(row).toHaveAttribute('data-state', 'PendingImport');
  await expect(page.getByTestId('key-details')).toContainText('EXTERNAL');
});
