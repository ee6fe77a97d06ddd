/**
 * Frame time of the output panel webview at 20,000 documents/s, in headless Chromium: the
 * bundled page (dist/panel.js, the real panelHtml with its CSP) served from 127.0.0.1, fed the
 * way the host feeds it (one `rows` message of 1,000 documents every 50 ms, the batcher's
 * cadence), while each tab is shown in turn. Reports the intervals between animation frames
 * and the long tasks (> 50 ms) per tab, and the rate the page actually received (the batches are
 * built before the clock starts and posted when due, catching up after a busy frame); exits 1
 * when that rate is below 95% of --rate. Needs `npm run bundle` first and /usr/bin/chromium.
 * Usage: npx tsx scripts/panelFrameTime.ts [--seconds 10] [--rate 20000]
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { panelHtml } from '../client/panel/html';
import { errorMessage } from '../engine/core/errors';

// The page-side functions below run in Chromium; this project has no DOM lib, so the few page
// globals they touch are declared here, for this file only.
declare const window: { postMessage(m: unknown, origin: string): void } & Record<string, unknown>;
declare const document: { getElementById(id: string): { click(): void } | null };
declare function requestAnimationFrame(cb: (now: number) => void): number;

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const SECONDS = opt('--seconds', 10);
const RATE = opt('--rate', 20_000);
const BATCH_MS = 50;
/** Below this share of --rate the run is not a measure at that rate: it fails. */
const MIN_SHARE = 0.95;

interface TabFigures {
  tab: string;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  longTasks: number;
  docsPosted: number;
  docsReceived: number;
  /** Documents the page received per second of the measured time. */
  achievedRate: number;
}

async function main(): Promise<void> {
  for (const f of ['dist/panel.js', 'dist/panel.css']) if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run bundle first`);
  let html = '';
  const server = http.createServer((req, res) => {
    const file = req.url === '/panel.js' ? 'dist/panel.js' : req.url === '/panel.css' ? 'dist/panel.css' : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(fs.readFileSync(path.join(ROOT, file)));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  html = panelHtml({ scriptUri: `${origin}/panel.js`, styleUri: `${origin}/panel.css`, cspSource: origin });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx compiles this file keeping function names through a `__name` helper, which the
    // functions handed to the page then call: give the page a no-op one.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(() => {
      const w = window as unknown as { acquireVsCodeApi(): { postMessage(m: unknown): void }; __ready: boolean };
      w.__ready = false;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => {
          if ((m as { type?: string }).type === 'ready') w.__ready = true;
        },
      });
    });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { __ready: boolean }).__ready, null, { timeout: 30_000 }).catch((e: unknown) => {
      throw new Error(`the panel never said ready (${errorMessage(e)}): ${problems.join('; ') || 'no page errors'}`);
    });
    const results: TabFigures[] = [];
    for (const tab of ['output', 'table', 'histogram']) {
      const figures = await page.evaluate(
        async ({ tab, seconds, rate, batchMs }) => {
          const post = (m: unknown): void => window.postMessage(m, '*');
          post({ type: 'clear' });
          post({ type: 'config', maxRows: 20_000 });
          const run = `bench-${tab}`;
          post({ type: 'run', run, label: `bench ${tab}`, debug: false, sinks: 'capture' });
          document.getElementById(`tab-${tab}`)?.click();
          let longTasks = 0;
          const obs = new PerformanceObserver((l) => (longTasks += l.getEntries().length));
          // Node's types do not list the browser's 'longtask' entry type.
          obs.observe({ entryTypes: ['longtask'] } as unknown as Parameters<typeof obs.observe>[0]);
          // Every batch is built before the clock starts, so making documents costs the page
          // nothing while it is measured; then a batch is posted whenever one is due (catching up
          // after a busy frame), and the documents the page actually received are counted.
          const perBatch = Math.round((rate * batchMs) / 1000);
          const t0 = Date.now();
          const batches: unknown[][] = [];
          for (let seq = 0, b = 0; b < Math.ceil((seconds * 1000) / batchMs); b++) {
            const docs: unknown[] = [];
            for (let i = 0; i < perBatch; i++, seq++) {
              // A DLQ record every 500 documents, event times a little out of order.
              if (seq % 500 === 0) docs.push({ _dlqMessage: { errInfo: { reason: 'Input document arrived late.' }, operatorName: 'GroupOperator', doc: { _ts: { $date: new Date(t0 - 5000).toISOString() }, seq } } });
              else docs.push({ seq, device: `d${seq % 50}`, watts: (seq * 37) % 1000, obs: { temp: 20 + (seq % 15), ok: seq % 3 !== 0 }, _ts: { $date: new Date(t0 + seq / (rate / 1000) - (seq % 7) * 40).toISOString() } });
            }
            batches.push(docs);
          }
          let received = 0;
          let counting = true;
          const onMessage = (ev: { data?: { type?: string; run?: string; docs?: unknown[] } }): void => {
            if (counting && ev.data?.type === 'rows' && ev.data.run === run) received += ev.data.docs?.length ?? 0;
          };
          const win = window as unknown as { addEventListener(t: string, f: typeof onMessage): void; removeEventListener(t: string, f: typeof onMessage): void };
          win.addEventListener('message', onMessage);
          let posted = 0;
          let next = 0;
          let feeding = true;
          const start = performance.now();
          const feed = (): void => {
            if (!feeding) return;
            const elapsed = performance.now() - start;
            while (next < batches.length && next * batchMs <= elapsed) {
              const docs = batches[next++]!;
              post({ type: 'rows', run, docs });
              posted += docs.length;
            }
            if (next < batches.length) setTimeout(feed, Math.max(0, next * batchMs - (performance.now() - start)));
          };
          feed();
          const deltas: number[] = [];
          await new Promise<void>((resolve) => {
            let last = performance.now();
            const end = last + seconds * 1000;
            const frame = (now: number): void => {
              deltas.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(frame);
              else resolve();
            };
            requestAnimationFrame(frame);
          });
          feeding = false;
          counting = false;
          const measuredMs = performance.now() - start;
          win.removeEventListener('message', onMessage);
          obs.disconnect();
          deltas.sort((a, b) => a - b);
          const q = (p: number): number => Math.round(deltas[Math.min(deltas.length - 1, Math.floor(p * deltas.length))]! * 10) / 10;
          return { tab, frames: deltas.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: Math.round(deltas[deltas.length - 1]! * 10) / 10, longTasks, docsPosted: posted, docsReceived: received, achievedRate: Math.round(received / (measuredMs / 1000)) };
        },
        { tab, seconds: SECONDS, rate: RATE, batchMs: BATCH_MS },
      );
      results.push(figures);
      const pct = Math.round((figures.achievedRate / RATE) * 1000) / 10;
      process.stdout.write(`${tab}: ${figures.frames} frames in ${SECONDS} s, frame interval p50 ${figures.p50} ms, p95 ${figures.p95} ms, p99 ${figures.p99} ms, max ${figures.max} ms, ${figures.longTasks} long tasks; achieved ${figures.achievedRate.toLocaleString('en-US')} docs/s (${pct}% of ${RATE.toLocaleString('en-US')}), ${figures.docsReceived} received, ${figures.docsPosted} posted\n`);
    }
    const status = await page.locator('#status').innerText();
    process.stdout.write(`status line at the end: ${status}\n`);
    process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);
    const short = results.filter((r) => r.achievedRate < RATE * MIN_SHARE);
    if (short.length > 0) {
      throw new Error(`the feeder did not sustain ${RATE.toLocaleString('en-US')} docs/s: ${short.map((r) => `${r.tab} ${r.achievedRate.toLocaleString('en-US')} docs/s`).join(', ')} (below ${MIN_SHARE * 100}%); these frame times are not figures at that rate`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`panelFrameTime: ${errorMessage(e)}\n`);
  process.exit(1);
});
