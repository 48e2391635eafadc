// End-to-end tests against the built app (dist/) in headless Chromium.
// scripts/test.sh builds dist/ and sets CHROMIUM; run alone with
//   CHROMIUM=/usr/bin/chromium npx playwright test
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4174);
const base = '/kms-playground/';

export default defineConfig({
  testDir: 'e2e/tests',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS || 2),
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}${base}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: {
    command: `node e2e/serve.mjs ${process.env.E2E_DIST || 'dist'} ${port} ${base}`,
    url: `http://127.0.0.1:${port}${base}`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
