// Every scenario completes by following its own steps in the browser, each
// step's check turning done; a scenario opens from ?scenario=NAME.
import { test, expect, screenshot } from '../fixtures.mjs';

const SCENARIOS = ['expiry-alarm', 'pending-deletion', 'rotation', 'events-to-targets', 'pattern-workshop'];

for (const name of SCENARIOS) {
  test(`scenario ${name} completes step by step`, async ({ app, page }) => {
    test.setTimeout(120_000);
    await app(`?scenario=${name}`);
    const guide = page.getByTestId('scenario-guide');
    await expect(guide).toBeVisible();
    await expect(guide).toHaveAttribute('data-done', 'false');
    let step = 0;
    while (await page.getByTestId('scenario-complete').count() === 0) {
      await expect(guide).toHaveAttribute('data-step', String(step));
      if (await guide.getAttribute('data-done') === 'false') {
        await page.getByTestId('scenario-do-it').click();
      }
      await expect(guide).toHaveAttribute('data-done', 'true');
      if (name === 'expiry-alarm' && step === 5) await screenshot(page, `scenario-${name}`);
      await page.getByTestId('scenario-next').click();
      step += 1;
      expect(step).toBeLessThan(20);
    }
    await expect(page.getByTestId('scenario-complete')).toBeVisible();
  });
}

test('the scenario picker starts a scenario and highlights its control', async ({ app, page }) => {
  await app();
  await page.getByTestId('scenarios').click();
  await page.getByTestId('start-rotation').click();
  await expect(page.getByTestId('scenario-guide')).toBeVisible();
  await expect(page.getByTestId('create-key')).toHaveClass(/scenario-target/);
  await page.getByTestId('scenario-exit').click();
  await expect(page.getByTestId('scenario-guide')).toHaveCount(0);
  await expect(page.locator('.scenario-target')).toHaveCount(0);
});

test('an unknown scenario says so', async ({ app, page }) => {
  await app('?scenario=nope');
  await expect(page.getByTestId('unknown-scenario-banner')).toContainText('nope');
});
