// Makes static/preview.png, the image a shared link shows (1200×630): the
// playground mid-story, with the alarm in ALARM. Run against a served build:
//   node tools/make_preview.mjs http://127.0.0.1:4174/kms-playground/
import { chromium } from '@playwright/test';

const url = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
await page.goto(`${url}?scenario=expiry-alarm&theme=light&lang=en`);
await page.waitForSelector('[data-testid=app-ready]');
for (let i = 0; i < 6; i++) {
  if (await page.getByTestId('scenario-do-it').count()) await page.getByTestId('scenario-do-it').click();
  await page.getByTestId('scenario-next').click();
}
await page.getByTestId('scenario-exit').click();
await page.getByTestId('tab-metrics').click();
await page.getByTestId('range-3d').click();
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: 'static/preview.png' });
await browser.close();
