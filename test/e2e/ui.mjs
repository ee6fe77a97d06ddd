// UI end-to-end steps: code-server in headless Chromium, through the real DOM. Each step is
// one test; a failing step stops the ones after it (they depend on it) and saves a screenshot.
import fs from 'node:fs';
import path from 'node:path';

const WEBVIEW = (page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function openInExplorer(page, name) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click({ timeout: 60000 });
  await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 30000 });
  // Commands whose palette entry needs `editorLangId == asp-json` only show once the editor is active.
  if (name.endsWith('.asp.json')) await page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: 'ASP JSON' }).first().waitFor({ timeout: 30000 });
}

/** Brings the Explorer back into the side bar (another step may have opened a different view there). */
async function showExplorer(page) {
  // A click on the Explorer icon while the Explorer shows closes the side bar.
  if (!(await page.locator('.explorer-folders-view').first().isVisible())) {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click({ timeout: 15000 });
  }
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30000 });
}

/** The webview frame in which `has(frame)` finds something, polled for up to 30 s. */
async function webviewWhere(page, has, what) {
  const frames = page.locator('iframe.webview.ready');
  for (let tries = 0; tries < 60; tries++) {
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const f = frames.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await has(f).count()) > 0) return f;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no webview holds ${what}`);
}

/** Runs the UI steps; returns [{ title, state, error? }]. */
export async function runUiTests(page, { url, artifacts, images, log }) {
  fs.mkdirSync(artifacts, { recursive: true });
  fs.mkdirSync(images, { recursive: true });
  const results = [];
  let broken = false;
  // ASP_E2E_UI_STEPS (a title pattern) runs only the matching steps, plus the first, while working on them.
  const only = process.env.ASP_E2E_UI_STEPS ? new RegExp(process.env.ASP_E2E_UI_STEPS) : undefined;
  const step = async (title, fn) => {
    if (only && results.length > 0 && !only.test(title)) return;
    if (broken) {
      results.push({ title, state: 'failed', error: 'not run: an earlier step failed' });
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
      results.push({ title, state: 'passed', ms: Date.now() - t0 });
      log(`  ✔ ${title} (${Date.now() - t0} ms)`);
    } catch (e) {
      broken = true;
      results.push({ title, state: 'failed', error: e.message });
      log(`  ✘ ${title}: ${e.message.split('\n')[0]}`);
      await page.screenshot({ path: path.join(artifacts, `ui-failed-${results.length}.png`) }).catch(() => undefined);
    }
  };

  await step('ui: the workbench loads', async () => {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
  });

  await step('ui: a bad pipeline shows its diagnostic in the Problems panel', async () => {
    await openInExplorer(page, 'bad.asp.json');
    await page.locator('.statusbar-item', { hasText: 'ASP JSON' }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Control+Shift+M');
    // The file row plus at least one marker row.
    await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length >= 2, null, { timeout: 60000 });
    const text = await page.locator('.markers-panel').innerText();
    if (!text.includes('bad.asp.json')) throw new Error(`Problems panel does not list bad.asp.json: ${text.slice(0, 200)}`);
    log(`    problems: ${JSON.stringify(text.split('\n').slice(0, 3).join(' | '))}`);
  });

  await step('ui: the pipeline shows Run above it and runs into the output panel', async () => {
    await openInExplorer(page, 'demo.asp.json');
    const run = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
    await run.waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(images, 'editor.png') });
    await run.click();
    const rows = WEBVIEW(page).locator('.row');
    await rows.nth(2).waitFor({ timeout: 60000 });
    await rows.first().click();
    await WEBVIEW(page).locator('.detail details').first().waitFor({ timeout: 10000 });
    const status = await WEBVIEW(page).locator('#status').innerText();
    if (!/3 docs/.test(status)) throw new Error(`status line says ${status}`);
    await page.screenshot({ path: path.join(images, 'output-panel.png') });
    await page.screenshot({ path: path.join(artifacts, 'ui-output-panel.png') });
  });

  await step('ui: the output panel shows the rows as a sortable table and a histogram of a field', async () => {
    const panel = WEBVIEW(page);
    await panel.locator('#tab-table').click();
    await panel.locator('.trow').nth(2).waitFor({ timeout: 30000 });
    const heads = await panel.locator('.th-label').allInnerTexts();
    for (const h of ['device', 'watts', 'kw']) if (!heads.includes(h)) throw new Error(`table columns are ${heads.join(', ')}`);
    const watts = panel.locator('.th-label', { hasText: /^watts$/ });
    await watts.click();
    await watts.click();
    // Descending: the 210 W row first.
    await panel.locator('.th .sort', { hasText: '▼' }).waitFor({ timeout: 10000 });
    await panel.locator('.trow').first().filter({ hasText: '210' }).waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(images, 'output-table.png') });
    await panel.locator('#tab-histogram').click();
    await panel.locator('#histogram-field').selectOption('watts');
    await panel.locator('#histogram-summary', { hasText: '3 rows with a number at watts' }).waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(images, 'output-histogram.png') });
    await panel.locator('#tab-output').click();
  });

  await step('ui: after the Run, the hover on a stage shows its observed output', async () => {
    await openInExplorer(page, 'demo.asp.json');
    const editor = page.locator('.editor-group-container.active .monaco-editor');
    const stage = editor.locator('.view-line [class^="mtk"]', { hasText: '$addFields' }).first();
    await stage.waitFor({ timeout: 30000 });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Observed in last run' });
    // The hover may be asked before the language server has the run's shapes: move off and back.
    for (let tries = 0; ; tries++) {
      await page.mouse.move(10, 10);
      await stage.hover();
      try {
        await hover.first().waitFor({ timeout: 5000 });
        break;
      } catch (e) {
        if (tries >= 10) throw e;
      }
    }
    const text = await hover.first().innerText();
    if (!/Run at \d\d:\d\d; 3 documents/.test(text)) throw new Error(`the hover says: ${text.slice(0, 400)}`);
    if (!/kw\s+double\s+3\/3\s+0\.12, 0\.15, 0\.21/.test(text)) throw new Error(`no kw row in the hover: ${text.slice(0, 600)}`);
    // The stage's docs come first: scroll the hover to the observed section for the screenshot.
    const box = await hover.first().boundingBox();
    const table = hover.first().locator('p', { hasText: 'Observed in last run' }).last();
    // Until the section's top nears the hover's top, or the hover scrolls no further.
    let lastY;
    for (let tries = 0; ; tries++) {
      const t = await table.boundingBox();
      if (!box || !t) throw new Error('the hover or its observed section has no box');
      if (t.y <= box.y + 40 || t.y === lastY) break;
      if (tries >= 30) throw new Error('the observed section does not scroll into the hover');
      lastY = t.y;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 60);
      await page.waitForFunction(([sel, y]) => {
        const tables = document.querySelectorAll(sel);
        const el = tables[tables.length - 1];
        return !el || el.getBoundingClientRect().y !== y;
      }, ['.monaco-hover:not(.hidden) p', t.y], { timeout: 2000 }).catch(() => undefined);
    }
    if ((await table.boundingBox()).y > box.y + box.height - 40) throw new Error('the observed section is not in view in the hover');
    await page.screenshot({ path: path.join(images, 'hover-after-run.png') });
    await page.mouse.move(10, 10);
  });

  await step('ui: the sidebar shows a created and started processor and its DLQ entries', async () => {
    await openInExplorer(page, 'dlq.asp.json');
    await palette(page, 'ASP: Create Processor from File');
    await page.locator('.activitybar .action-item a[aria-label^="ASP Studio"]').first().click({ timeout: 15000 });
    const row = page.locator('.pane', { hasText: 'Processors' }).locator('.monaco-list-row', { hasText: 'ratios' }).first();
    await row.waitFor({ timeout: 30000 });
    await palette(page, 'ASP: Start Processor');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ratios' }).first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.pane', { hasText: 'Processors' }).locator('.monaco-list-row', { hasText: 'STARTED' }).first().waitFor({ timeout: 30000 });
    await page.locator('.pane', { hasText: 'Dead Letter Queue' }).locator('.monaco-list-row', { hasText: 'divide' }).first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(images, 'sidebar.png') });
    await page.screenshot({ path: path.join(artifacts, 'ui-sidebar.png') });
  });

  await step('ui: a fixture runs from the Test Explorer, one test passing and one failing with a diff', async () => {
    await showExplorer(page);
    await openInExplorer(page, 'demo.asp.test.json');
    await palette(page, 'Testing: Focus on Test Explorer View');
    const tree = page.locator('.test-explorer');
    await tree.locator('.monaco-list-row', { hasText: 'demo.asp.test.json' }).first().waitFor({ timeout: 60000 });
    await palette(page, 'Test: Run All Tests');
    // The fixture's gutter marks each test; the tree, once expanded, too.
    await page.locator('.editor-group-container .codicon-testing-passed-icon').first().waitFor({ timeout: 90000 });
    await page.locator('.editor-group-container .codicon-testing-failed-icon').first().waitFor({ timeout: 90000 });
    const fileRow = tree.locator('.monaco-list-row', { hasText: 'demo.asp.test.json' }).first();
    if ((await fileRow.getAttribute('aria-expanded')) === 'false') await fileRow.locator('.monaco-tl-twistie').click();
    await tree.locator('.monaco-list-row .codicon-testing-passed-icon').first().waitFor({ timeout: 30000 });
    // The failing test in Test Results: its message opens VS Code's diff of expected and actual.
    const results = page.locator('.part.panel');
    const failedRow = results.locator('.monaco-list-row', { hasText: 'a deliberately wrong expectation' }).first();
    await failedRow.waitFor({ timeout: 30000 });
    await failedRow.click();
    if ((await failedRow.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    const message = results.locator('.monaco-list-row', { hasText: 'difference from the expected output' }).first();
    await message.waitFor({ timeout: 30000 });
    await message.click();
    const diff = results.locator('.monaco-diff-editor');
    await diff.first().waitFor({ timeout: 60000 });
    const shown = await diff.first().innerText();
    if (!/0\.5/.test(shown) || !/0\.3/.test(shown)) throw new Error(`the diff does not show expected 0.5 and actual 0.3: ${shown.slice(0, 300)}`);
    await page.screenshot({ path: path.join(images, 'test-explorer.png') });
    await page.keyboard.press('Escape');
  });

  await step('ui: Save as Test in the output panel writes a test that then passes', async () => {
    await showExplorer(page);
    await openInExplorer(page, 'dlq.asp.json');
    // The Run above dlq.asp.json (demo.asp.json may be open in the other group).
    const run = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run' }).first();
    await run.waitFor({ timeout: 30000 });
    await run.click();
    await WEBVIEW(page).locator('#run-label', { hasText: 'dlq.asp.json' }).waitFor({ timeout: 60000 });
    await WEBVIEW(page).locator('.row.dlq').nth(1).waitFor({ timeout: 60000 });
    const save = WEBVIEW(page).locator('#save-test:not([disabled])');
    await save.waitFor({ timeout: 60000 });
    await save.click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 15000 });
    await input.fill('ratios from the output panel');
    await page.keyboard.press('Enter');
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'it passes' }).first().waitFor({ timeout: 90000 });
    await palette(page, 'Testing: Focus on Test Explorer View');
    const row = page.locator('.test-explorer .monaco-list-row', { hasText: 'dlq.asp.test.json' }).first();
    await row.waitFor({ timeout: 30000 });
    await row.locator('.codicon-testing-passed-icon').waitFor({ timeout: 30000 });
    await page.screenshot({ path: path.join(images, 'save-as-test.png') });
  });

  await step('ui: deploy a file to the production target `second` and show the diff', async () => {
    // The status bar item picks the target; a production target turns it red.
    await page.locator('.statusbar-item', { hasText: 'ASP: local' }).first().click({ timeout: 30000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'second' }).first().click({ timeout: 30000 });
    await page.locator('.statusbar-item', { hasText: 'ASP: second' }).first().waitFor({ timeout: 30000 });
    // A clean window for the screenshot: one editor group, no panel.
    await palette(page, 'View: Close All Editors');
    await page.locator('.part.panel a.action-label[aria-label^="Hide Panel"]').first().click({ timeout: 15000 });
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click({ timeout: 15000 });
    await openInExplorer(page, 'orders.asp.json');
    await palette(page, 'ASP: Deploy to Target');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30000 });
    const question = await dialog.innerText();
    if (!/Deploy orders to PRODUCTION target second\?/.test(question)) throw new Error(`the deploy dialog says ${question}`);
    await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).first().click();
    await page.locator('.notifications-toasts', { hasText: 'Deployed orders to second: create' }).first().waitFor({ timeout: 60000 });
    await openInExplorer(page, 'orders-edited.asp.json');
    await palette(page, 'ASP: Diff with Target');
    await page.locator('.tab.active', { hasText: 'orders: second' }).first().waitFor({ timeout: 30000 });
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 30000 });
    // Rendered once the changed lines are marked on both sides.
    await diff.locator('.line-insert, .char-insert').first().waitFor({ timeout: 30000 });
    await diff.locator('.line-delete, .char-delete').first().waitFor({ timeout: 30000 });
    // Monaco renders spaces as no-break spaces.
    const text = (await diff.locator('.view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
    if (!text.includes('"$gt": 150') || !text.includes('"$gt": 100')) throw new Error(`the diff does not show the $match change: ${text.slice(0, 300)}`);
    // The sidebar's Processors view lists the target's processors: the one just deployed.
    await page.locator('.activitybar .action-item a[aria-label^="ASP Studio"]').first().click({ timeout: 15000 });
    await page.locator('.pane', { hasText: 'Processors' }).locator('.monaco-list-row', { hasText: 'orders' }).first().waitFor({ timeout: 30000 });
    await palette(page, 'Notifications: Clear All Notifications');
    await page.mouse.move(900, 300);
    await page.screenshot({ path: path.join(images, 'deploy-diff.png') });
    await page.screenshot({ path: path.join(artifacts, 'ui-deploy-diff.png') });
  });

  // Last: it opens a second webview beside the output panel.
  await step('ui: the pipeline graph shows the stages and the live counts of a Run', async () => {
    await showExplorer(page);
    await openInExplorer(page, 'window.asp.json');
    await palette(page, 'ASP: Show Pipeline Graph');
    const graph = await webviewWhere(page, (f) => f.locator('#canvas'), 'the pipeline graph');
    await graph.locator('.node.window').waitFor({ timeout: 30000 });
    await openInExplorer(page, 'window.asp.json');
    await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run' }).first().click({ timeout: 30000 });
    // The output panel opens in the graph's group on top of it: wait for the counts, then bring the graph forward.
    await graph.locator('#state', { hasText: 'in 5' }).waitFor({ state: 'attached', timeout: 60000 });
    await openInExplorer(page, 'window.asp.json');
    await palette(page, 'ASP: Show Pipeline Graph');
    await graph.locator('#state', { hasText: 'in 5' }).waitFor({ timeout: 30000 });
    // SVG text has no innerText.
    const counts = await graph.locator('.node.window .counts').allTextContents();
    if (!counts.some((c) => c.includes('in 5') && c.includes('out 4'))) throw new Error(`window node counts: ${counts.join(' | ')}`);
    await page.screenshot({ path: path.join(images, 'graph.png') });
  });

  await step('ui: during a Run the graph shows the window\'s open panes with their counts and the watermark, live', async () => {
    // Two groups only (the file and its graph), so the whole graph is in the screenshot.
    await palette(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 30000 });
    await showExplorer(page);
    await openInExplorer(page, 'panes.asp.json');
    await palette(page, 'ASP: Show Pipeline Graph');
    const graph = await webviewWhere(page, (f) => f.locator('#title', { hasText: 'panes.asp.json' }), 'the graph of panes.asp.json');
    await graph.locator('.node.window').waitFor({ timeout: 30000 });
    await openInExplorer(page, 'panes.asp.json');
    await page.locator('.editor-group-container.active .codelens-decoration a', { hasText: 'Run' }).first().click({ timeout: 30000 });
    // sample_stream_solar never ends: a 10 s pane is open while the run goes on.
    await graph.locator('#state', { hasText: 'watermark' }).waitFor({ state: 'attached', timeout: 60000 });
    await openInExplorer(page, 'panes.asp.json');
    await palette(page, 'ASP: Show Pipeline Graph');
    const window = graph.locator('.node.window');
    await window.locator('rect.pane').first().waitFor({ timeout: 30000 });
    // SVG text has no innerText; a pane's <title> says its documents.
    const caption = async () => (await window.locator('text.detail').allTextContents()).join(' | ');
    const paneDocs = async () => (await window.locator('rect.pane title').allTextContents()).map((t) => Number(/: ([\d,]+) documents/.exec(t)?.[1]?.replace(/,/g, '') ?? NaN));
    const inCount = async () => Number(/in ([\d,]+)/.exec((await window.locator('text.counts').allTextContents()).join(' '))?.[1]?.replace(/,/g, '') ?? NaN);
    const first = await inCount();
    if (!(first > 0)) throw new Error(`window node counts: ${(await window.locator('text.counts').allTextContents()).join(' | ')}`);
    if (!/\d+ open panes? · wm \d\d:\d\d:\d\d/.test(await caption())) throw new Error(`window caption: ${await caption()}`);
    const docs = await paneDocs();
    if (!docs.some((d) => d > 0)) throw new Error(`pane titles: ${(await window.locator('rect.pane title').allTextContents()).join(' | ')}`);
    if ((await window.locator('line.wm-line').count()) !== 1) throw new Error('no watermark line on the window timeline');
    // Live: the counts move on while the run goes on (refreshed about once a second).
    for (let tries = 0; (await inCount()) <= first; tries++) {
      if (tries > 100) throw new Error(`the window node stayed at in ${first}`);
      await page.waitForTimeout(200);
    }
    log(`    window: ${await caption()}; panes ${JSON.stringify(await paneDocs())}`);
    await page.screenshot({ path: path.join(images, 'graph-live-window.png') });
    await palette(page, 'ASP: Stop Run');
    await graph.locator('svg.graph.stale').waitFor({ state: 'attached', timeout: 30000 });
  });

  return results;
}
