// What the widget costs the host page's main thread, measured in Chromium side by side:
// the same page with and without the script tag, interleaved round after round.
//
//   npx tsx --conditions=source test/bench/widget-main-thread.bench.ts [rounds]
//
// Script time and task time come from CDP Performance.getMetrics; total blocking time is
// the sum of (long task - 50 ms) over the page's long tasks. Both at full speed and with
// the CPU throttled 4× (a mid-range phone).
//
// The widget is two files: the loader (widget.js) and the panel, which the loader fetches
// on the first open, or in an idle moment once the page has settled (2 s after the
// launcher is drawn). "loader at load" is the page 700 ms after its load event;
// "+ deferred work (4 s)" leaves it alone until the panel has been fetched and run;
// "panel opened" clicks the launcher at 700 ms.
import type { BrowserContext } from 'playwright-core';
import { ensureWidgetBuild } from '../e2e/support/ensure-widget-build.js';
import { hasChromium, launchChromium } from '../e2e/support/launch-chromium.js';
import { startHostServer } from '../e2e/support/start-host-server.js';
import { seedRequest } from '../e2e/support/seed-request.js';
import { startTestApp } from '../helpers/start-test-app.js';

interface Sample {
  script: number;
  task: number;
  blocking: number;
  longTasks: number;
}

const rounds = Number(process.argv[2] ?? 15);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(context: BrowserContext, url: string, throttle: number, withWidget: boolean, openPanel: boolean, settle: number): Promise<Sample> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[]; reqioReady: boolean };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
    // The stub, so the page can tell when the widget is up.
    const stub = { q: [['on', ['ready', () => (w.reqioReady = true)]]] };
    (window as unknown as { Reqio: unknown }).Reqio = stub;
  });
  await page.goto(url, { waitUntil: 'load' });
  // A fixed settle time, no polling: polling would run script in the page and count.
  await page.waitForTimeout(settle);
  if (openPanel) {
    await page.locator('reqio-widget .launcher').click();
    // The panel's file is fetched and run now: more time on a throttled CPU.
    await page.waitForTimeout(700 * throttle);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ready = await page.evaluate(() => (window as unknown as { reqioReady?: boolean }).reqioReady === true);
  if (ready !== withWidget) throw new Error(`${url}: the widget was ${ready ? '' : 'not '}ready`);
  if (openPanel && (await page.locator('reqio-widget [role=tabpanel][aria-busy=false]').count()) !== 1) throw new Error('the panel did not load');
  const metric = (name: string) => (metrics.find((entry) => entry.name === name)?.value ?? 0) * 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await page.close();
  return {
    script: metric('ScriptDuration'),
    task: metric('TaskDuration'),
    blocking: longTasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
    longTasks: longTasks.length,
  };
}

async function main(): Promise<void> {
  if (!hasChromium()) {
    console.log('Chromium is not installed at /usr/bin/chromium; nothing to measure.');
    return;
  }
  ensureWidgetBuild();
  const host = await startHostServer();
  const app = await startTestApp({ allowedOrigins: [host.origin] });
  const chromium = await launchChromium();
  try {
    for (const title of ['Dark mode', 'CSV export', 'Single sign-on', 'Slack alerts', 'Audit log']) await seedRequest(app, title, { body: 'Some words about why.' });
    const tag = `<script src="${app.url}/widget.js" data-project-id="${app.project.id}" async></script>`;
    const pages = {
      'without the widget': { url: host.page('/without', 'plain', { WIDGET: '' }), widget: false, open: false, settle: 700 },
      'loader at load': { url: host.page('/with', 'plain', { WIDGET: tag }), widget: true, open: false, settle: 700 },
      '+ deferred work (4 s)': { url: host.page('/later', 'plain', { WIDGET: tag }), widget: true, open: false, settle: 4000 },
      'panel opened': { url: host.page('/with-open', 'plain', { WIDGET: tag }), widget: true, open: true, settle: 700 },
    };
    for (const throttle of [1, 4]) {
      const samples = new Map<string, Sample[]>(Object.keys(pages).map((name) => [name, []]));
      for (let round = 0; round < rounds + 1; round += 1) {
        for (const [name, page] of Object.entries(pages)) {
          // A fresh context each time: no cache, no storage, a cold start like a first visit.
          const context = await chromium.newContext();
          const sample = await measure(context, page.url, throttle, page.widget, page.open, page.settle);
          await context.close();
          if (round > 0) samples.get(name)!.push(sample); // round 0 warms Chromium up
        }
      }
      console.log(`\nMain thread, CPU ${throttle === 1 ? 'unthrottled' : `throttled ${throttle}×`}, median of ${rounds} cold loads:`);
      console.log(`  ${'page'.padEnd(32)} ${'script ms'.padStart(10)} ${'tasks ms'.padStart(10)} ${'TBT ms'.padStart(8)} ${'long tasks'.padStart(11)}`);
      const base = samples.get('without the widget')!;
      for (const [name, list] of samples) {
        const row = (key: keyof Sample) => median(list.map((sample) => sample[key]));
        console.log(
          `  ${name.padEnd(32)} ${row('script').toFixed(1).padStart(10)} ${row('task').toFixed(1).padStart(10)} ${row('blocking').toFixed(1).padStart(8)} ${String(row('longTasks')).padStart(11)}`,
        );
      }
      for (const name of ['loader at load', '+ deferred work (4 s)']) {
        const list = samples.get(name)!;
        const delta = (key: keyof Sample) => median(list.map((sample) => sample[key])) - median(base.map((sample) => sample[key]));
        console.log(`  ${name} adds: ${delta('script').toFixed(1)} ms of script, ${delta('task').toFixed(1)} ms of main-thread tasks, ${delta('blocking').toFixed(1)} ms of blocking time`);
      }
    }
  } finally {
    await chromium.close();
    await app.close();
    await host.close();
  }
}

await main();
