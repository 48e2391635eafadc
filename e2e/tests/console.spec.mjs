// The CLI console: typed commands, their output, errors, history, completion.
import { test, expect } from '../fixtures.mjs';

test('typed commands print what the AWS CLI prints', async ({ app, page }) => {
  await app();
  const input = page.getByTestId('console-input');
  await input.fill('aws kms create-key --description "from the console"');
  await input.press('Enter');
  const first = page.getByTestId('console-entry').first();
  await expect(first).toContainText('"KeyMetadata": {');
  await expect(first).toContainText('"Description": "from the console"');
  await expect(first).toContainText('"CreationDate": "2026-03-02T09:00:00+00:00"');
  await expect(page.getByTestId('key-row')).toHaveCount(1);

  await input.fill('aws kms schedule-key-deletion --key-id nope --pending-window-in-days 6');
  await input.press('Enter');
  const last = page.getByTestId('console-entry').last();
  await expect(last).toHaveAttribute('data-exit-code', '254');
  await expect(last).toContainText("An error occurred (ValidationException) when calling the ScheduleKeyDeletion operation");

  await input.press('ArrowUp');
  await expect(input).toHaveValue('aws kms schedule-key-deletion --key-id nope --pending-window-in-days 6');
  await input.fill('aws kms schedule-key');
  await input.press('Tab');
  await expect(input).toHaveValue('aws kms schedule-key-deletion ');
  await input.fill('aws kms list-key');
  await input.press('Tab');
  await expect(page.getByTestId('console-suggestions')).toContainText('list-key-rotations');
  await input.fill('clear');
  await input.press('Enter');
  await expect(page.getByTestId('console-entry')).toHaveCount(0);
});

test('window.kmsPlayground.cli returns exactly what the console shows', async ({ app, page }) => {
  await app();
  const result = await page.evaluate(() => window.kmsPlayground.cli('aws cloudwatch list-metrics --namespace AWS/KMS'));
  expect(result).toEqual({ stdout: '{\n    "Metrics": []\n}\n', stderr: '', exitCode: 0 });
  await expect(page.getByTestId('console-entry').last()).toContainText('"Metrics": []');
  const bad = await page.evaluate(() => window.kmsPlayground.cli('aws kms frobnicate'));
  expect(bad.exitCode).toBe(252);
  expect(bad.stderr).toContain("invalid choice 'frobnicate'");
});

test('multi-line input with backslash continuations', async ({ app, page }) => {
  await app();
  const input = page.getByTestId('console-input');
  await input.fill('aws sns create-topic \\');
  await input.press('Enter');
  await input.pressSequentially('--name alerts');
  await input.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toContainText('"TopicArn": "arn:aws:sns:us-west-2:111122223333:alerts"');
});
