// The story a learner follows, entirely through the UI (no JS API): key →
// imported material → alarm with email → confirm → fast-forward → chart,
// ALARM, email, event JSON. And the deletion and rotation events.
import { test, expect, screenshot } from '../fixtures.mjs';

test('imported material expiry: metric, alarm, email and event', async ({ app, page }) => {
  await app();
  // 1. An EXTERNAL key with material expiring in 12 days.
  await page.getByTestId('create-key').click();
  await page.getByTestId('origin-external').check();
  await page.getByTestId('create-key-alias').fill('imported');
  await page.getByTestId('create-key-submit').click();
  await page.getByTestId('action-import').click();
  await page.getByTestId('import-get-parameters').click();
  await page.getByTestId('import-valid-to').fill('2026-03-14T09:00');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('key-row').first()).toHaveAttribute('data-state', 'Enabled');

  // 2. The metric appears once a minute has passed; create the seed's alarm.
  await page.getByTestId('advance-1h').click();
  await expect(page.getByTestId('metric')).toContainText('SecondsUntilKeyMaterialExpiration');
  await page.getByTestId('create-alarm').click();
  await expect(page.getByTestId('alarm-name')).toHaveValue('KeyMaterialExpiresSoon');
  await expect(page.getByTestId('alarm-threshold')).toHaveValue('864000');
  await expect(page.getByTestId('alarm-comparison')).toHaveValue('LessThanOrEqualToThreshold');
  await expect(page.getByTestId('alarm-statistic')).toHaveValue('Minimum');
  await expect(page.getByTestId('alarm-period')).toHaveValue('60');
  await page.getByTestId('alarm-emails').fill('learner@example.com');
  await page.getByTestId('create-alarm-submit').click();
  await expect(page.getByTestId('alarm-row')).toHaveAttribute('data-state', 'INSUFFICIENT_DATA');

  // 3. Confirm the subscription from the mailbox.
  const confirmation = page.getByTestId('email').filter({ hasText: 'AWS Notification - Subscription Confirmation' });
  await confirmation.locator('button').first().click();
  await page.getByTestId('confirm-subscription').click();
  await expect(page.getByText('Subscription confirmed!')).toBeVisible();

  // 4. A minute later the alarm is OK; after 2 days + it is in ALARM.
  await page.getByTestId('advance-1h').click();
  await expect(page.getByTestId('alarm-row')).toHaveAttribute('data-state', 'OK');
  await page.getByTestId('advance-1d').click();
  await page.getByTestId('advance-1d').click();
  await expect(page.getByTestId('alarm-row')).toHaveAttribute('data-state', 'ALARM');
  await expect(page.getByTestId('alarm-why')).toContainText('so the alarm is ALARM');
  await expect(page.getByTestId('evaluation-window')).toBeVisible();

  // 5. The alarm email arrived.
  const alarmMail = page.getByTestId('email').filter({ hasText: 'ALARM: "KeyMaterialExpiresSoon" in US West (Oregon)' });
  await expect(alarmMail).toHaveCount(1);
  await alarmMail.locator('button').first().click();
  await expect(page.getByTestId('email-body')).toContainText('KeyMaterialExpiresSoon');

  // 6. The chart shows the falling metric, the threshold and the ALARM band.
  await page.getByTestId('tab-metrics').click();
  await page.getByTestId('range-3d').click();
  await expect(page.getByTestId('chart-line')).toHaveAttribute('d', /^M/);
  await expect(page.getByTestId('threshold-line')).toHaveCount(1);
  await screenshot(page, 'story-alarm');

  // 7. At ValidTo the material expires: the event JSON is on the bus.
  await page.getByTestId('jump-next').click();
  await expect(page.getByTestId('sim-now')).toHaveAttribute('datetime', '2026-03-14T09:00:00.000Z');
  const event = page.getByTestId('event').filter({ hasText: 'KMS Imported Key Material Expiration' });
  await event.locator('button').first().click();
  await expect(page.getByTestId('json').first()).toContainText('"detail-type": "KMS Imported Key Material Expiration"');
  await expect(page.getByTestId('json').first()).toContainText('"source": "aws.kms"');
  await screenshot(page, 'story-expired');
});

test('schedule deletion leads to the deletion event', async ({ app, page }) => {
  await app();
  await page.getByTestId('create-key').click();
  await page.getByTestId('create-key-submit').click();
  await page.getByTestId('action-schedule-deletion').click();
  await page.getByTestId('deletion-days').fill('7');
  await page.getByTestId('deletion-confirm').check();
  await page.getByTestId('schedule-deletion-submit').click();
  await expect(page.getByTestId('next-deadline')).toContainText('is deleted');
  await page.getByTestId('jump-next').click();
  await expect(page.getByTestId('key-row')).toHaveCount(0);
  const event = page.getByTestId('event').filter({ hasText: 'KMS CMK Deletion' });
  await event.locator('button').first().click();
  await expect(page.getByTestId('json').first()).toContainText('"detail-type": "KMS CMK Deletion"');
});

test('rotation leads to the rotation event', async ({ app, page }) => {
  await app();
  await page.getByTestId('create-key').click();
  await page.getByTestId('create-key-submit').click();
  await page.getByTestId('action-rotation').click();
  await page.getByTestId('rotation-enabled').check();
  await page.getByTestId('rotation-period').fill('90');
  await page.getByTestId('rotation-save').click();
  await expect(page.getByTestId('next-deadline')).toContainText('rotates');
  await page.getByTestId('jump-next').click();
  const event = page.getByTestId('event').filter({ hasText: 'KMS CMK Rotation' });
  await event.locator('button').first().click();
  await expect(page.getByTestId('json').first()).toContainText('"rotation-type": "AUTOMATIC"');
});
