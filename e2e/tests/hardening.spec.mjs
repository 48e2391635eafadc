// Text from users and files is never rendered as markup; the page has a
// Content-Security-Policy; a crash offers the saved world and a reload.
import { test as plain } from '@playwright/test';
import { test, expect, screenshot } from '../fixtures.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';

test('user text in every panel stays text', async ({ app, page }) => {
  await app();
  await page.evaluate((xss) => {
    const api = window.kmsPlayground;
    const key = api.call('kms', 'CreateKey', { Description: xss, Tags: [{ TagKey: 'note', TagValue: xss }] }).KeyMetadata.KeyId;
    try { api.call('kms', 'CreateAlias', { AliasName: `alias/${xss}`, TargetKeyId: key }); } catch (e) { /* refused by the pattern */ }
    api.call('events', 'PutEvents', { Entries: [{ Source: 'com.example', DetailType: xss, Detail: JSON.stringify({ html: xss }) }] });
    const topic = api.call('sns', 'CreateTopic', { Name: 'xss' }).TopicArn;
    api.call('sqs', 'CreateQueue', { QueueName: 'xss' });
    api.call('sns', 'Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-west-2:111122223333:xss' });
    api.call('sns', 'Subscribe', { TopicArn: topic, Protocol: 'email', Endpoint: 'a@example.com' });
    window.__topic = topic;
    try { api.call('events', 'PutRule', { Name: 'x', EventPattern: xss }); } catch (e) { /* invalid pattern */ }
    api.call('events', 'PutRule', { Name: 'y', EventPattern: JSON.stringify({ detail: { html: [xss] } }) });
    api.cli(`aws kms describe-key --key-id ${key}`);
    api.cli(`aws kms create-alias --alias-name 'alias/${xss}' --target-key-id ${key}`);
    api.call('cloudwatch', 'PutMetricAlarm', { AlarmName: xss, Namespace: 'App', MetricName: 'M', Statistic: 'Sum', Period: 60,
      EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', AlarmDescription: xss });
    api.call('cloudwatch', 'PutMetricData', { Namespace: 'App', MetricData: [{ MetricName: 'M', Value: 5, Dimensions: [{ Name: 'html', Value: xss }] }] });
    api.advance(120);
  }, XSS);
  // Confirm the email subscription, so the message reaches the mailbox
  // with its subject, then publish.
  await page.getByTestId('tab-mailbox').click();
  await page.getByTestId('email').filter({ hasText: 'Subscription Confirmation' }).locator('button').first().click();
  await page.getByTestId('confirm-subscription').click();
  await page.evaluate((xss) => window.kmsPlayground.call('sns', 'Publish', { TopicArn: window.__topic, Subject: xss, Message: xss }), XSS);
  const mail = page.getByTestId('email').filter({ hasText: XSS });
  await expect(mail).toHaveCount(1);
  await mail.locator('button').first().click();
  await expect(mail).toContainText(XSS);
  // Open everything else that shows user text.
  await page.getByTestId('key-row').first().locator('button').first().click();
  await page.getByTestId('event').first().locator('button').first().click();
  await page.getByTestId('tab-rules').click();
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('tab-queues').click();
  await page.locator('details.message summary').first().click();
  await page.getByTestId('tab-pattern-tester').click();
  await page.getByTestId('tester-pattern').fill(XSS);
  await page.getByTestId('tab-mailbox').click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await expect(page.getByTestId('panel-keys')).toContainText(XSS);
});

// These two provoke errors on purpose, so they use Playwright's plain page
// and assert the errors they expect instead of failing on any error.
plain('a Content-Security-Policy forbids other inline scripts', async ({ page }) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("object-src 'none'");
  const ran = await page.evaluate(() => new Promise((resolve) => {
    window.__inline = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.appendChild(s);
    setTimeout(() => resolve(window.__inline), 50);
  }));
  expect(ran).toBe(false);
  expect(errors.join('\n')).toContain('Content Security Policy');
});

plain('a crash offers the saved world and a reload into it', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('');
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await page.evaluate(() => window.kmsPlayground.call('kms', 'CreateKey', { Description: 'kept' }));
  await page.waitForTimeout(800);
  await page.evaluate(() => setTimeout(() => window.kmsPlayground._panicForTesting(), 0));
  await expect(page.getByTestId('crash-dialog')).toBeVisible();
  await expect(page.getByTestId('crash-dialog')).toContainText('saved after your last change');
  await expect(page.getByTestId('crash-dialog')).toContainText('panic requested by _panicForTesting()');
  await screenshot(page, 'look/crash-dialog');
  const download = page.waitForEvent('download');
  await page.getByTestId('crash-download').click();
  expect((await download).suggestedFilename()).toBe('kms-playground-saved-world.txt');
  await page.getByTestId('crash-reload').click();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('key-row')).toHaveCount(1);
  expect(errors.length).toBeGreaterThan(0);
});

