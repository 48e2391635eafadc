// What a learner sees: every panel in both languages, both themes, on a
// laptop and on a phone, saved as screenshots; and an axe-core audit with no
// serious or critical violations.
import { test, expect, screenshot, richWorld } from '../fixtures.mjs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');
// axe is injected as an inline script, which the page's CSP rightly refuses;
// the audit tooling (not the app) gets to bypass it.
test.use({ bypassCSP: true });
const PANELS = ['keys', 'cloudwatch', 'notifications', 'events', 'cloudtrail', 'console'];
// A panel's own screenshot shows the panel: the clock bar, sticky on wide
// screens, would otherwise cover its top wherever the page is scrolled to.
const PANEL_SHOT = { style: '.clock-bar { position: relative !important; }' };

async function setLook(page, lang, theme) {
  await page.getByTestId('lang-select').selectOption(lang);
  await page.getByTestId('theme-select').selectOption(theme);
  await expect(page.getByTestId('app-ready')).toHaveAttribute('data-theme', theme);
}

async function audit(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  expect(result, `axe violations in ${label}`).toEqual([]);
}

for (const [w, h] of [[1400, 900], [390, 844]]) {
  test(`screenshots of every panel at ${w}×${h}`, async ({ app, page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: w, height: h });
    await app();
    await richWorld(page);
    await page.getByTestId('tab-alarms').click();
    for (const lang of ['en', 'ja']) {
      for (const theme of ['light', 'dark']) {
        await setLook(page, lang, theme);
        await screenshot(page, `look/${lang}-${theme}-${w}x${h}-page`);
        for (const panel of PANELS) {
          const el = page.getByTestId(`panel-${panel}`);
          await el.scrollIntoViewIfNeeded();
          await el.screenshot({ path: `${process.env.SCREENSHOT_DIR || 'e2e/screenshots'}/look/${lang}-${theme}-${w}x${h}-${panel}.png`, ...PANEL_SHOT });
        }
        // The chart, the story's middle: the metric, threshold and ALARM band.
        await page.getByTestId('tab-metrics').click();
        await expect(page.getByTestId('chart-line')).toHaveAttribute('d', /^M/);
        const cw = page.getByTestId('panel-cloudwatch');
        await cw.scrollIntoViewIfNeeded();
        await cw.screenshot({ path: `${process.env.SCREENSHOT_DIR || 'e2e/screenshots'}/look/${lang}-${theme}-${w}x${h}-cloudwatch-chart.png`, ...PANEL_SHOT });
        await page.getByTestId('tab-alarms').click();
      }
    }
  });
}

test('no serious or critical accessibility violations', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app();
  await richWorld(page);
  for (const lang of ['en', 'ja']) {
    for (const theme of ['light', 'dark']) {
      await setLook(page, lang, theme);
      await audit(page, `${lang}/${theme}`);
    }
  }
  await page.getByTestId('tab-alarms').click();
  await page.getByTestId('event').first().locator('button').first().click();
  await audit(page, 'alarms and an open event');
  await page.getByTestId('create-alarm').click();
  await audit(page, 'the create-alarm dialog');
});

test('the page follows the chosen language', async ({ app, page }) => {
  await app();
  await page.getByTestId('lang-select').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('panel-keys')).toContainText('KMS キー');
  await expect(page.getByTestId('sim-now')).toContainText('2026年3月2日(月)');
});
