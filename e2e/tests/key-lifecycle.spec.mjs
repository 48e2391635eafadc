// The KMS panel, as a learner uses it: create an EXTERNAL key, import
// generated material that expires, jump to the expiry, schedule deletion.
import { test, expect, screenshot } from '../fixtures.mjs';

async function createExternalKey(page, alias) {
  await page.getByTestId('create-key').click();
  await page.getByTestId('origin-external').check();
  await page.getByTestId('create-key-alias').fill(alias);
  await page.getByTestId('create-key-submit').click();
  return page.getByTestId('key-row').filter({ hasText: `alias/${alias}` });
}

test('import generated material, watch it expire at ValidTo', async ({ app, page }) => {
  await app();
  const row = await createExternalKey(page, 'imported');
  await expect(row).toHaveAttribute('data-state', 'PendingImport');
  await page.getByTestId('action-import').click();
  await page.getByTestId('import-get-parameters').click();
  await expect(page.getByTestId('import-parameters')).toBeVisible();
  await page.getByTestId('import-valid-to').fill('2026-03-14T09:00');
  await screenshot(page, 'import-dialog');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(row).toHaveAttribute('data-state', 'Enabled');
  await expect(page.getByTestId('next-deadline')).toContainText('material expires');
  await page.getByTestId('jump-next').click();
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-14T09:00:00.000Z');
  await expect(row).toHaveAttribute('data-state', 'PendingImport');
});

test('the import dialog shows the openssl commands of the guide', async ({ app, page }) => {
  await app();
  await createExternalKey(page, 'by-hand');
  await page.getByTestId('action-import').click();
  await page.getByTestId('import-get-parameters').click();
  await page.getByTestId('import-paste').check();
  await expect(page.getByTestId('openssl-commands')).toContainText('-pkeyopt rsa_oaep_md:sha256');
  await page.getByTestId('import-wrapped').fill('bm90IHdyYXBwZWQ=');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('error-alert')).toContainText('InvalidCiphertextException');
});

test('schedule deletion with a 6-day window shows the AWS error, 7 days works', async ({ app, page }) => {
  await app();
  await page.getByTestId('create-key').click();
  await page.getByTestId('create-key-alias').fill('doomed');
  await page.getByTestId('create-key-submit').click();
  await page.getByTestId('action-schedule-deletion').click();
  await page.getByTestId('deletion-days').fill('6');
  await page.getByTestId('deletion-confirm').check();
  await page.getByTestId('schedule-deletion-submit').click();
  await expect(page.getByTestId('error-alert')).toContainText("Value '6' at 'pendingWindowInDays' failed to satisfy constraint");
  await page.getByTestId('deletion-days').fill('7');
  await page.getByTestId('schedule-deletion-submit').click();
  const row = page.getByTestId('key-row').filter({ hasText: 'alias/doomed' });
  await expect(row).toHaveAttribute('data-state', 'PendingDeletion');
  await page.getByTestId('action-cancel-deletion').click();
  await expect(row).toHaveAttribute('data-state', 'Disabled');
});

test('the key list shows twenty keys a page, newest first, as the console pages it', async ({ app, page }) => {
  await app();
  await page.evaluate(() => {
    for (let i = 1; i <= 25; i++) {
      const id = window.kmsPlayground.call('kms', 'CreateKey', { Description: `key ${i}` }).KeyMetadata.KeyId;
      window.kmsPlayground.call('kms', 'CreateAlias', { AliasName: `alias/k${String(i).padStart(2, '0')}`, TargetKeyId: id });
      window.kmsPlayground.advance(60);
    }
  });
  await expect(page.getByTestId('key-row')).toHaveCount(20);
  await expect(page.getByTestId('key-row').first()).toContainText('alias/k25');
  await expect(page.getByTestId('keys-pages-prev')).toBeDisabled();
  await page.getByTestId('keys-pages-next').click();
  await expect(page.getByTestId('key-row')).toHaveCount(5);
  await expect(page.getByTestId('key-row').last()).toContainText('alias/k01');
  await expect(page.getByTestId('keys-pages-page-2')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('keys-pages-page-1').click();
  await expect(page.getByTestId('key-row')).toHaveCount(20);
});
