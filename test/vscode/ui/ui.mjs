/**
 * UI suite: drives code-server's real workbench in Chromium (playwright-core) with the packaged
 * bulkhead.vsix installed, the way a person would: open a Dockerfile from the explorer, read the
 * Problems panel, apply quick fixes from the lightbulb and from "Quick Fix...", run Bulkhead
 * commands from the command palette. Screenshots go to test-results/screenshots/.
 *
 * Called by scripts/vscode-test-run.mjs, which starts code-server and the browser. Steps run in
 * order; after the first failure the rest are skipped (they depend on each other) and a
 * screenshot of the failure is saved. Every wait is on a DOM condition with a deadline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const WAIT = Number(process.env.BULKHEAD_VSCODE_UI_WAIT_MS ?? 20_000);

export async function runUiSuite({ browser, url, workspace, screenshots, log }) {
  fs.mkdirSync(screenshots, { recursive: true });
  for (const f of fs.readdirSync(screenshots)) if (/\.(png|html)$/.test(f)) fs.rmSync(path.join(screenshots, f));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const shot = async (name) => {
    const file = path.join(screenshots, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };

  // ---------------------------------------------------------------------------------------------
  // Workbench helpers
  // ---------------------------------------------------------------------------------------------
  const until = async (what, fn, timeout = WAIT) => {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      last = await fn();
      if (last) return last;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await page.waitForTimeout(100);
    }
  };

  /** F1, type the command's label, click its row (Enter alone was flaky), wait for the palette to close. */
  const palette = async (label) => {
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill('>' + label);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: exact(label) }) })
      .first();
    await row.waitFor({ state: 'visible', timeout: WAIT });
    await row.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
  };

  /** The active editor's lines in document order (the DOM order of .view-line is not line order). */
  const editorLines = () =>
    page.$$eval('.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line', (els) =>
      els
        .map((e) => ({ top: parseFloat(e.style.top), text: e.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );

  /** Problems panel rows as shown: message, source(code), [Ln, Col]. */
  const problems = () => page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

  const cursorTo = async (line) => {
    await page
      .locator('.editor-group-container.active .monaco-editor .view-lines')
      .first()
      .click({ position: { x: 400, y: 5 } });
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
  };

  // ---------------------------------------------------------------------------------------------
  // Steps
  // ---------------------------------------------------------------------------------------------
  const steps = [];
  const step = (name, fn) => steps.push({ name, fn });

  step('the workbench opens the fixture folder and the explorer lists the Dockerfile', async () => {
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await explorerRow(page, 'Dockerfile').waitFor({ state: 'visible', timeout: 60_000 });
  });

  step('clicking Dockerfile in the explorer opens it, with squiggles under the findings', async () => {
    await explorerRow(page, 'Dockerfile').click();
    await until('the Dockerfile text in the editor', async () => (await editorLines())[0]?.startsWith('FROM debian:latest'));
    // Error (missing-user), warning (from-latest, no-sudo) and info (prefer-copy) decorations.
    for (const kind of ['error', 'warning', 'info']) {
      await page.locator(`.editor-group-container.active .monaco-editor .squiggly-${kind}`).first().waitFor({ state: 'attached', timeout: 60_000 });
    }
    await shot('01-dockerfile-squiggles');
  });

  step('the Problems panel lists the Bulkhead findings with rule ids and positions', async () => {
    await palette('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = await until('four Bulkhead rows in the Problems panel', async () => {
      const r = await problems();
      return ['missing-user', 'from-latest', 'no-sudo', 'prefer-copy'].every((id) => r.some((t) => t.includes(id))) ? r : undefined;
    });
    for (const r of rows) log(`      problem: ${r}`);
    const preferCopy = rows.find((r) => r.includes('prefer-copy'));
    if (!/bulkhead/i.test(preferCopy)) throw new Error(`the prefer-copy row does not name its source: ${preferCopy}`);
    if (!/Ln 3, Col 1|line 3, column 1/i.test(preferCopy)) throw new Error(`the prefer-copy row is not at line 3, column 1: ${preferCopy}`);
    await shot('02-problems-panel');
  });

  step('the lightbulb on the ADD line offers "Replace ADD with COPY", and choosing it rewrites the line', async () => {
    await cursorTo(3);
    // Recent VS Code draws the lightbulb in the glyph margin (lightbulb-autofix: a preferred fix exists).
    const bulb = page.locator('.editor-group-container.active .monaco-editor .glyph-margin-widgets [class*="lightbulb"]').locator('visible=true').first();
    await bulb.waitFor({ state: 'visible', timeout: WAIT });
    const bulbClass = await bulb.getAttribute('class');
    log(`      lightbulb: ${bulbClass}`);
    await bulb.click();
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await menu.waitFor({ state: 'visible', timeout: WAIT });
    const titles = await menu.locator('.monaco-list-row').allTextContents();
    log(`      lightbulb menu: ${titles.map((t) => t.trim()).join(' | ')}`);
    await shot('03-lightbulb-menu');
    await menu.locator('.monaco-list-row', { hasText: 'Replace ADD with COPY' }).first().click();
    await until('line 3 to read "COPY ./app /app"', async () => (await editorLines())[2] === 'COPY ./app /app');
    await until('prefer-copy to leave the Problems panel', async () => !(await problems()).some((r) => r.includes('prefer-copy')));
  });

  step('"Quick Fix..." on the sudo line applies "Ignore no-sudo for this instruction"', async () => {
    await cursorTo(2);
    await palette('Quick Fix...');
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await menu.waitFor({ state: 'visible', timeout: WAIT });
    await menu.locator('.monaco-list-row', { hasText: 'Ignore no-sudo for this instruction' }).first().click();
    await until('the ignore comment above the RUN line', async () => {
      const lines = await editorLines();
      return /^# bulkhead ignore=no-sudo/.test(lines[1] ?? '') && lines[2] === 'RUN sudo apt-get update';
    });
    await until('no-sudo to leave the Problems panel', async () => !(await problems()).some((r) => r.includes('no-sudo')));
    await shot('04-after-quick-fixes');
  });

  step('the command palette runs "Bulkhead: Show Output" and "Bulkhead: Re-analyse Open Files"', async () => {
    await palette('Bulkhead: Show Output');
    await palette('Bulkhead: Re-analyse Open Files');
    await until('"Re-analysed" in the Bulkhead output', async () => {
      const text = await page.$$eval('.panel .monaco-editor .view-line', (els) => els.map((e) => e.textContent.replace(/\u00a0/g, ' ')).join('\n'));
      return /Re-analysed \d+ open document/.test(text);
    });
    await shot('05-output-after-revalidate');
  });

  step('"Bulkhead: Restart Server" from the palette starts a new server, which reports again', async () => {
    await palette('Bulkhead: Restart Server');
    await until('a second "server started" line in the Bulkhead output', async () => {
      const text = await page.$$eval('.panel .monaco-editor .view-line', (els) => els.map((e) => e.textContent.replace(/\u00a0/g, ' ')).join('\n'));
      return (text.match(/server started/g) ?? []).length >= 2;
    });
    await palette('View: Focus Problems (Errors, Warnings, Infos)');
    await until('missing-user in the Problems panel after the restart', async () => (await problems()).some((r) => r.includes('missing-user')));
    await shot('06-after-restart');
  });

  step('"Bulkhead: Show Hardening Checklist" opens the checklist view: files and services with failing items first', async () => {
    await palette('Bulkhead: Show Hardening Checklist');
    const rows = () => page.$$eval('.pane-body .monaco-list-row', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
    await until('the Dockerfile and its failing "Runs as a non-root user" item in the checklist view', async () => {
      const r = await rows();
      return r.some((x) => x.startsWith('Dockerfile')) && r.some((x) => x.includes('Runs as a non-root user'));
    });
    // Clicking the failing item goes to its first finding's line; its twistie expands it to the
    // finding ("Line N: …"), itself a link.
    const row = page.locator('.pane-body .monaco-list-row').filter({ hasText: 'Runs as a non-root user' }).first();
    await row.click();
    await until(
      'the Dockerfile editor with line 1 selected',
      async () => (await page.locator('.statusbar-item', { hasText: /Ln 1, Col \d+ \(\d+ selected\)/ }).count()) > 0,
    );
    await row.locator('.monaco-tl-twistie').click();
    await until('a "Line N:" finding under the item', async () => (await rows()).some((x) => /^Line \d+: /.test(x)));
    await shot('07-checklist-view');
  });

  let passed = 0;
  let failed = 0;
  let skipping = false;
  for (const s of steps) {
    if (skipping) {
      log(`    - ${s.name} (skipped)`);
      continue;
    }
    const t0 = Date.now();
    try {
      await s.fn();
      passed++;
      log(`    ✔ ${s.name} (${Date.now() - t0}ms)`);
    } catch (e) {
      failed++;
      skipping = true;
      const file = await shot(`failed-${steps.indexOf(s) + 1}`).catch(() => '(no screenshot)');
      if (process.env.BULKHEAD_VSCODE_UI_DEBUG) fs.writeFileSync(path.join(screenshots, `failed-${steps.indexOf(s) + 1}.html`), await page.content());
      log(`    ✘ ${s.name}\n      ${e instanceof Error ? e.message : e}\n      screenshot: ${file}`);
    }
  }
  await page.close();
  return { passed, failed };
}

function explorerRow(page, name) {
  return page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(name) }) })
    .first();
}

function exact(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
