// The browser benchmark (SPEC §4): the built release app in headless
// Chromium, next to a hello-world Yew app built and served the same way.
//
//   node benchmarks/browser.mjs <app dist> <hello dist> <out.json>
//
// Measures
//   bytes        every file the page loads (wasm, js, css, html), raw, gzip -9
//                and brotli, as the browser fetched them on a first visit;
//   startup      first contentful paint (the app's boot screen paints before the
//                WebAssembly has run), the app's first render (its root element
//                exists), and "interactive": a button clicked
//                from the moment the app's root exists until the click has
//                changed the page — both apps, alternating, fresh profiles;
//   year         kmsPlayground.advance(365 days) inside the page with 100 keys
//                (50 EXTERNAL whose material WebCrypto wraps with RSA-OAEP,
//                expiring 7–350 days out; 50 rotating), 100 alarms on 1-minute
//                metrics, a trail with a metric filter, rules to a queue —
//                the native year benchmark's account — alone and with the
//                re-render that follows; then the wasm memory after one and
//                after two years (bounded by retention: the second year must
//                not grow it much);
//   frames       playing at 1 day/s (the speed) and at 1 week/s (the
//                fastest, SPEC's "full speed") with that account: the main thread's
//                tasks from a Chromium trace (each tick's advance and render)
//                and the intervals between animation frames;
//   chart        the CloudWatch chart redrawn at a 1-minute period over two
//                weeks: 20,160 points.
// Prints a summary and writes every figure to <out.json>.
// Environment: ONLY=frames,chart runs some parts; APP_QUERY=?embed=1&panels=keys
// opens the app with URL options (to see what a panel costs); STARTUP_RUNS,
// YEAR_RUNS, PLAY_SECONDS; CHROMIUM.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const STARTUP_RUNS = Number(process.env.STARTUP_RUNS || 9);
const YEAR_RUNS = Number(process.env.YEAR_RUNS || 3);
const PLAY_SECONDS = Number(process.env.PLAY_SECONDS || 6);
const BASE = '/kms-playground/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--enable-precise-memory-info'];

// ---------------------------------------------------------------- helpers

function serve(dist, port) {
  const child = spawn(process.execPath, ['e2e/serve.mjs', dist, String(port), BASE], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`server for ${dist} exited with ${code}`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const stats = (xs) => ({ n: xs.length, median: round(median(xs)), p95: round(quantile(xs, 0.95)), max: round(Math.max(...xs)) });

// ---------------------------------------------------------------- bytes

async function bytesOf(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const bodies = new Map();
  page.on('response', async (res) => {
    const u = new URL(res.url());
    if (res.status() === 200 && u.pathname.startsWith(BASE)) {
      try { bodies.set(u.pathname.slice(BASE.length) || 'index.html', await res.body()); } catch { /* navigated away */ }
    }
  });
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  const files = {};
  const totals = {};
  for (const [name, body] of [...bodies].sort()) {
    const kind = path.extname(name).slice(1) || 'other';
    const entry = {
      kind,
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    files[name] = entry;
    const t = (totals[kind] ||= { raw: 0, gzip: 0, brotli: 0 });
    for (const k of ['raw', 'gzip', 'brotli']) t[k] += entry[k];
  }
  const shipped = { raw: 0, gzip: 0, brotli: 0 };
  for (const kind of ['wasm', 'js', 'css']) for (const k of Object.keys(shipped)) shipped[k] += totals[kind]?.[k] || 0;
  return { files, totals, shipped };
}

// ---------------------------------------------------------------- startup

// Runs in the page before anything else: records when the app's root
// appears, then clicks `button` and records when `watch` changes.
function startupProbe({ button, watch }) {
  window.__bench = {};
  const mark = (name) => { if (window.__bench[name] == null) window.__bench[name] = performance.now(); };
  new MutationObserver((_, observer) => {
    const root = document.querySelector('[data-testid="app-ready"]');
    if (!root || window.__bench.root != null) return;
    mark('root');
    observer.disconnect();
    const clickWhenReady = () => {
      const target = document.querySelector(button);
      const watched = document.querySelector(watch);
      if (!target || !watched) return setTimeout(clickWhenReady, 0);
      const before = watched.textContent;
      new MutationObserver((__, o) => {
        if (document.querySelector(watch)?.textContent !== before) { mark('interactive'); o.disconnect(); }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
      target.click();
    };
    setTimeout(clickWhenReady, 0);
  }).observe(document, { subtree: true, childList: true });
}

async function startupOnce(browser, url, probe) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(startupProbe, probe);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench && window.__bench.interactive != null, null, { timeout: 60_000 });
  // The click can change the page before its first frame is painted, so
  // first-contentful-paint may still be on its way: wait for it.
  const result = await page.evaluate(() => new Promise((resolve) => {
    const done = (fcp) => {
      const nav = performance.getEntriesByType('navigation')[0];
      resolve({ fcp, root: window.__bench.root, interactive: window.__bench.interactive, load: nav.loadEventEnd });
    };
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) { observer.disconnect(); done(entry.startTime); }
    }).observe({ type: 'paint', buffered: true });
    setTimeout(() => done(null), 10_000);
  }));
  await context.close();
  return result;
}

async function startup(browser, appUrl, helloUrl) {
  const runs = { app: [], hello: [] };
  const probes = {
    app: { button: '[data-testid="advance-1h"]', watch: '[data-testid="sim-now"]' },
    hello: { button: 'button', watch: 'button' },
  };
  await startupOnce(browser, appUrl, probes.app); // warm the OS file cache once
  await startupOnce(browser, helloUrl, probes.hello);
  for (let i = 0; i < STARTUP_RUNS; i++) {
    runs.app.push(await startupOnce(browser, appUrl, probes.app));
    runs.hello.push(await startupOnce(browser, helloUrl, probes.hello));
  }
  const summary = {};
  for (const app of ['app', 'hello']) {
    summary[app] = {};
    for (const k of ['fcp', 'root', 'interactive']) summary[app][k] = round(median(runs[app].map((r) => r[k])));
  }
  summary.ratio = {
    fcp: round(summary.app.fcp / summary.hello.fcp, 2),
    root: round(summary.app.root / summary.hello.root, 2),
    interactive: round(summary.app.interactive / summary.hello.interactive, 2),
  };
  return { runs: STARTUP_RUNS, median_ms: summary, raw: runs };
}

// ---------------------------------------------------------------- the account

// Builds the native year benchmark's account through window.kmsPlayground
// (without the email confirmation, which needs the mailbox's token).
async function buildAccount(page) {
  return page.evaluate(async () => {
    const api = window.kmsPlayground;
    api.reset({ seed: 7 });
    const call = (s, o, p) => api.call(s, o, p);
    const now = Date.parse(api.now()) / 1000;
    const DAY = 86400;
    const topic = call('sns', 'CreateTopic', { Name: 'KMSAlert' }).TopicArn;
    call('sns', 'Subscribe', { TopicArn: topic, Protocol: 'email', Endpoint: 'ops@example.com' });
    const queueUrl = call('sqs', 'CreateQueue', { QueueName: 'kms-events' }).QueueUrl;
    const queue = call('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }).Attributes.QueueArn;
    for (const [name, pattern] of [['kms-events', { source: ['aws.kms'] }],
      ['alarm-changes', { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] }]]) {
      call('events', 'PutRule', { Name: name, EventPattern: JSON.stringify(pattern) });
      call('events', 'PutTargets', { Rule: name, Targets: [{ Id: 'q', Arn: queue }] });
    }
    call('logs', 'CreateLogGroup', { logGroupName: 'CloudTrail/logs' });
    call('cloudtrail', 'CreateTrail', {
      Name: 'main', S3BucketName: 'trail-bucket',
      CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-west-2:111122223333:log-group:CloudTrail/logs:*',
      CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/CloudTrail_CloudWatchLogs_Role',
    });
    call('cloudtrail', 'StartLogging', { Name: 'main' });
    call('logs', 'PutMetricFilter', {
      logGroupName: 'CloudTrail/logs', filterName: 'KMSKeyPendingDeletionErrorFilter',
      filterPattern: '{ $.eventSource = kms* && $.errorMessage = "* is pending deletion." }',
      metricTransformations: [{ metricName: 'KMSKeyPendingDeletionErrorCount', metricNamespace: 'CloudTrailLogMetrics', metricValue: '1' }],
    });
    const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
    const unb64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    for (let i = 0; i < 50; i++) {
      const id = call('kms', 'CreateKey', { Origin: 'EXTERNAL', Description: `imported ${i}` }).KeyMetadata.KeyId;
      const params = call('kms', 'GetParametersForImport', { KeyId: id, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
      const wrappingKey = await crypto.subtle.importKey('spki', unb64(params.PublicKey), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
      const material = crypto.getRandomValues(new Uint8Array(32));
      const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, wrappingKey, material);
      call('kms', 'ImportKeyMaterial', {
        KeyId: id, ImportToken: params.ImportToken, EncryptedKeyMaterial: b64(wrapped),
        ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: now + 7 * (i + 1) * DAY,
      });
      call('cloudwatch', 'PutMetricAlarm', {
        AlarmName: `KeyMaterialExpiresSoon-${i}`, AlarmActions: [topic], MetricName: 'SecondsUntilKeyMaterialExpiration',
        Namespace: 'AWS/KMS', Statistic: 'Minimum', Dimensions: [{ Name: 'KeyId', Value: id }], Period: 60,
        EvaluationPeriods: 1, DatapointsToAlarm: 1, Threshold: 864000, ComparisonOperator: 'LessThanOrEqualToThreshold',
      });
    }
    for (let i = 0; i < 50; i++) {
      const id = call('kms', 'CreateKey', { Description: `rotating ${i}` }).KeyMetadata.KeyId;
      call('kms', 'EnableKeyRotation', { KeyId: id, RotationPeriodInDays: 90 + (i * 29) % 276 });
    }
    const missing = ['missing', 'notBreaching', 'breaching', 'ignore'];
    for (let i = 0; i < 50; i++) {
      const data = [];
      for (let m = 0; m < 60; m++) {
        data.push({ MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: `svc${i}` }], Timestamp: now + (m - 60) * 60,
          Value: m >= 50 ? 900 : 100 + m, Unit: 'Milliseconds' });
      }
      call('cloudwatch', 'PutMetricData', { Namespace: 'Bench/App', MetricData: data });
      call('cloudwatch', 'PutMetricAlarm', {
        AlarmName: `HighLatency-${i}`, AlarmActions: [topic], OKActions: [topic], MetricName: 'Latency', Namespace: 'Bench/App',
        Statistic: 'Average', Dimensions: [{ Name: 'Service', Value: `svc${i}` }], Period: 60, EvaluationPeriods: 5,
        DatapointsToAlarm: 3, Threshold: 500, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: missing[i % 4],
      });
    }
    return { keys: call('kms', 'ListKeys', { Limit: 1000 }).Keys.length, alarms: call('cloudwatch', 'DescribeAlarms', { MaxRecords: 100 }).MetricAlarms.length };
  });
}

// Resolves after the page has rendered and painted what is pending.
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function year(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor();
  const runs = [];
  let account;
  for (let i = 0; i < YEAR_RUNS; i++) {
    account = await buildAccount(page);
    runs.push(await page.evaluate(async (afterPaintSrc) => {
      const afterPaint = eval(afterPaintSrc);
      await afterPaint();
      const api = window.kmsPlayground;
      const memoryBefore = api._memoryBytes();
      const t0 = performance.now();
      api.advance(365 * 86400);
      const t1 = performance.now();
      await afterPaint();
      const t2 = performance.now();
      const memoryYear1 = api._memoryBytes();
      api.advance(365 * 86400);
      await afterPaint();
      const memoryYear2 = api._memoryBytes();
      const alarms = api.call('cloudwatch', 'DescribeAlarms', { MaxRecords: 100 }).MetricAlarms;
      return {
        advance_ms: t1 - t0, with_render_ms: t2 - t0, memory_before: memoryBefore, memory_after_year: memoryYear1,
        memory_after_two_years: memoryYear2, alarms_in_alarm: alarms.filter((a) => a.StateValue === 'ALARM').length,
        js_heap_used: performance.memory ? performance.memory.usedJSHeapSize : null,
      };
    }, afterPaint.toString()));
  }
  await context.close();
  return {
    account,
    runs: YEAR_RUNS,
    advance_ms: stats(runs.map((r) => r.advance_ms)),
    with_render_ms: stats(runs.map((r) => r.with_render_ms)),
    wasm_memory_bytes: {
      before: runs[runs.length - 1].memory_before,
      after_year: runs[runs.length - 1].memory_after_year,
      after_two_years: runs[runs.length - 1].memory_after_two_years,
    },
    raw: runs,
  };
}

// ---------------------------------------------------------------- frames

async function frames(browser, url, speed) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor();
  await buildAccount(page);
  await page.getByTestId('speed-select').selectOption(speed);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  const simBefore = await page.evaluate(() => window.kmsPlayground.now());
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const loop = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  await page.getByTestId('play-toggle').click();
  await page.waitForTimeout(PLAY_SECONDS * 1000);
  await page.getByTestId('play-toggle').click();
  const intervals = await page.evaluate(() => { window.__stop = true; return window.__frames.slice(1); });
  const traceBuffer = await browser.stopTracing();
  if (process.env.TRACE_OUT) fs.writeFileSync(process.env.TRACE_OUT, traceBuffer);
  const trace = JSON.parse(traceBuffer.toString());
  const simAfter = await page.evaluate(() => window.kmsPlayground.now());
  await context.close();

  const events = trace.traceEvents || trace;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => mains.has(`${e.pid}:${e.tid}`);
  // The renderer whose main thread ran the ticker's timers is the page's.
  const timerThreads = new Set(events.filter((e) => e.name === 'TimerFire' && onMain(e)).map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && timerThreads.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ start: e.ts, end: e.ts + e.dur, ms: e.dur / 1000 }));
  const timerEvents = events.filter((e) => e.name === 'TimerFire' && e.ph === 'X' && timerThreads.has(`${e.pid}:${e.tid}`));
  const timers = timerEvents.map((e) => e.ts);
  const tickTasks = tasks.filter((t) => timers.some((ts) => ts >= t.start && ts <= t.end));
  const busy = tasks.filter((t) => t.ms >= 1);
  // Where the main thread's time went, per tick (script includes the
  // model's advance and Yew's render; the rest is the browser's rendering).
  // Trace events of one phase nest (Paint of #document holds Paint of
  // HTML; a FunctionCall runs inside a TimerFire), so each phase counts the
  // union of its events' intervals, never a nested event twice.
  const phases = { script: ['TimerFire', 'FunctionCall', 'RunMicrotasks', 'EvaluateScript', 'FireAnimationFrame', 'EventDispatch'],
    style: ['UpdateLayoutTree'], layout: ['Layout'], paint: ['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit'] };
  const perTick = {};
  for (const [phase, names] of Object.entries(phases)) {
    const spans = events.filter((e) => e.ph === 'X' && names.includes(e.name) && timerThreads.has(`${e.pid}:${e.tid}`))
      .map((e) => [e.ts, e.ts + e.dur]).sort((a, b) => a[0] - b[0]);
    let total = 0;
    let [from, to] = [null, null];
    for (const [s, e] of spans) {
      if (to == null || s > to) { if (to != null) total += to - from; [from, to] = [s, e]; } else to = Math.max(to, e);
    }
    if (to != null) total += to - from;
    perTick[phase] = round(total / 1000 / Math.max(1, timers.length), 2);
  }
  perTick.total = round(Object.values(perTick).reduce((a, b) => a + b, 0), 2);
  // A frame's work: a tick's task (the model's advance, Yew's render) and
  // the rendering task that follows it (style, layout, paint, commit).
  const paintStarts = events.filter((e) => e.ph === 'X' && e.name === 'PrePaint' && timerThreads.has(`${e.pid}:${e.tid}`)).map((e) => e.ts);
  const renderTasks = tasks.filter((t) => paintStarts.some((ts) => ts >= t.start && ts <= t.end));
  const frameWork = tickTasks.map((tick) => {
    const render = renderTasks.find((r) => r.start >= tick.end);
    return tick.ms + (render ? render.ms : 0);
  });
  return {
    seconds: PLAY_SECONDS,
    simulated: { from: simBefore, to: simAfter },
    ticks: timers.length,
    tick_task_ms: stats(tickTasks.map((t) => t.ms)),
    frame_work_ms: stats(frameWork),
    frames_work_over_16ms: frameWork.filter((x) => x > 16).length,
    main_thread_ms_per_tick: perTick,
    main_thread_tasks_over_1ms: stats(busy.map((t) => t.ms)),
    tasks_over_16ms: tasks.filter((t) => t.ms > 16).length,
    frame_interval_ms: stats(intervals),
    frames_over_20ms: intervals.filter((x) => x > 20).length,
  };
}

// ---------------------------------------------------------------- chart

async function chart(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('app-ready').waitFor();
  const points = await page.evaluate(async () => {
    const api = window.kmsPlayground;
    api.reset({ seed: 7 });
    const id = api.call('kms', 'CreateKey', { Origin: 'EXTERNAL' }).KeyMetadata.KeyId;
    const params = api.call('kms', 'GetParametersForImport', { KeyId: id, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
    const key = await crypto.subtle.importKey('spki', Uint8Array.from(atob(params.PublicKey), (c) => c.charCodeAt(0)),
      { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
    const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, crypto.getRandomValues(new Uint8Array(32)));
    const now = Date.parse(api.now()) / 1000;
    api.call('kms', 'ImportKeyMaterial', {
      KeyId: id, ImportToken: params.ImportToken, EncryptedKeyMaterial: btoa(String.fromCharCode(...new Uint8Array(wrapped))),
      ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: now + 60 * 86400,
    });
    api.advance(14 * 86400);
    const end = Date.parse(api.now()) / 1000;
    const data = api.call('cloudwatch', 'GetMetricData', {
      StartTime: end - 14 * 86400, EndTime: end,
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/KMS', MetricName: 'SecondsUntilKeyMaterialExpiration',
        Dimensions: [{ Name: 'KeyId', Value: id }] }, Period: 60, Stat: 'Minimum' } }],
    });
    return data.MetricDataResults[0].Values.length;
  });
  await page.getByTestId('tab-metrics').click().catch(() => {});
  await page.getByTestId('range-2w').click();
  await page.getByTestId('chart-line').waitFor();
  const times = await page.evaluate(async (runs) => {
    const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const select = document.querySelector('[data-testid="chart-period"]');
    const out = [];
    for (let i = 0; i < runs; i++) {
      select.value = '300';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await afterPaint();
      const t0 = performance.now();
      select.value = '60';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await afterPaint();
      out.push(performance.now() - t0);
    }
    return { out, title: document.querySelector('[data-testid="chart-title"]').textContent, path: document.querySelector('[data-testid="chart-line"]').getAttribute('d').length };
  }, 9);
  await context.close();
  return { points, title: times.title, svg_path_chars: times.path, redraw_ms: stats(times.out) };
}

// ---------------------------------------------------------------- main

export { buildAccount, serve };

async function main() {
  const [appDist, helloDist, outFile] = process.argv.slice(2);
  if (!appDist || !helloDist || !outFile) {
    console.error('usage: node benchmarks/browser.mjs <app dist> <hello dist> <out.json>');
    process.exit(2);
  }

  const appServer = await serve(appDist, 4191);
  const helloServer = await serve(helloDist, 4192);
  const appUrl = `http://127.0.0.1:4191${BASE}${process.env.APP_QUERY || ''}`;
  const ONLY = process.env.ONLY ? process.env.ONLY.split(',') : null;
  const want = (part) => !ONLY || ONLY.includes(part);
  const helloUrl = `http://127.0.0.1:4192${BASE}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const result = { chromium: browser.version() };
  try {
    if (want('bytes')) {
      console.error('bytes…');
      result.bytes = { app: await bytesOf(browser, appUrl), hello: await bytesOf(browser, helloUrl) };
    }
    if (want('startup')) {
      console.error('startup…');
      result.startup = await startup(browser, appUrl, helloUrl);
    }
    if (want('year')) {
      console.error('year…');
      result.year = await year(browser, appUrl);
    }
    if (want('frames')) {
      console.error('frames…');
      result.frames = await frames(browser, appUrl, 'day');
      result.frames_full_speed = await frames(browser, appUrl, 'week');
    }
    if (want('chart')) {
      console.error('chart…');
      result.chart = await chart(browser, appUrl);
    }
  } finally {
    await browser.close();
    appServer.kill();
    helloServer.kill();
  }
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2));

  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  if (result.bytes) {
    const s = result.bytes.app.shipped;
    console.log(`shipped (wasm+js+css): ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli (budget 450 kB gzip); hello-world ${kb(result.bytes.hello.shipped.gzip)} gzip`);
  }
  if (result.startup) {
    const st = result.startup.median_ms;
    console.log(`first contentful paint: ${st.app.fcp} ms vs hello-world ${st.hello.fcp} ms (${st.ratio.fcp}x, budget 2x); app rendered ${st.app.root} ms vs ${st.hello.root} ms (${st.ratio.root}x); interactive ${st.app.interactive} ms vs ${st.hello.interactive} ms (${st.ratio.interactive}x)`);
  }
  if (result.year) {
    const y = result.year;
    console.log(`year in the page: advance ${y.advance_ms.median} ms, with re-render ${y.with_render_ms.median} ms (budget 250 ms); wasm memory ${kb(y.wasm_memory_bytes.before)} → ${kb(y.wasm_memory_bytes.after_year)} after a year → ${kb(y.wasm_memory_bytes.after_two_years)} after two`);
  }
  for (const [label, f] of [['1 day/s', result.frames], ['1 week/s', result.frames_full_speed]]) {
    if (!f) continue;
    console.log(`playing at ${label}: a frame's work (tick + rendering) median ${f.frame_work_ms.median} ms, p95 ${f.frame_work_ms.p95} ms, ${f.frames_work_over_16ms} of ${f.frame_work_ms.n} over 16 ms (budget 16 ms)`);
    console.log(`  tick tasks median ${f.tick_task_ms.median} ms, p95 ${f.tick_task_ms.p95} ms, max ${f.tick_task_ms.max} ms; ${f.tasks_over_16ms} tasks over 16 ms; frame intervals p95 ${f.frame_interval_ms.p95} ms`);
    console.log(`  main thread per tick (ms): ${JSON.stringify(f.main_thread_ms_per_tick)}`);
  }
  if (result.chart) {
    const c = result.chart;
    console.log(`chart with ${c.points} points: redraw median ${c.redraw_ms.median} ms, max ${c.redraw_ms.max} ms`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
