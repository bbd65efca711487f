/**
 * The HTML report in a real browser (Debian's chromium, driven by
 * playwright-core): the demo's synthetic day, group values written to
 * break the page, and RITA's `missing_host` capture. Each loads with no
 * console error and no request beyond the file itself, its table sorts and
 * filters, a finding's plots draw, and a screenshot is kept in
 * `test-artifacts/`. With `BEACONWATCH_DOCS_SCREENSHOT=1` the demo's
 * screenshot also replaces `docs/report.png`, the README's picture.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { describeRealdata } from '../support/realdata.js';
import { runCli } from '../support/runCli.js';
import { ecsEvent, ndjson, timesBefore, writeFixture } from '../support/scanFixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const DOCS_SCREENSHOT = join(REPO_ROOT, 'docs', 'report.png');

let browser: Browser;

/**
 * The little of the DOM the page callbacks touch (tests compile without the
 * DOM library). The callbacks run in the page: casts only, no helpers.
 */
interface PageElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

interface PageCanvas extends PageElement {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> } };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the browser test needs Debian's chromium (apt-get install -y chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // Each launch runs on a fresh temporary profile, removed on close.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** A report open in a page, with everything the page said and asked for. */
interface OpenReport {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

async function openReport(file: string, hash = ''): Promise<OpenReport> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1250 } });
  const opened: OpenReport = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') opened.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => opened.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    void d.dismiss();
  });
  const url = pathToFileURL(file).href;
  await page.goto(url + hash);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return opened;
}

/** The rows of the findings table: rank and the text of each cell. */
async function rows(page: Page): Promise<{ rank: number; cells: string[] }[]> {
  return page.$$eval('#findings tbody tr[data-rank]', (trs) =>
    (trs as unknown as PageElement[]).map((tr) => ({ rank: Number(tr.getAttribute('data-rank')), cells: Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '') })),
  );
}

const column = async (page: Page, label: string) => (await page.$$eval('#findings thead th', (ths) => (ths as unknown as PageElement[]).map((th) => th.textContent))).indexOf(label);

/** Drawn pixels (not blank, not white) of each plot's canvas in the detail panel, by plot name. */
async function plotInk(page: Page): Promise<Record<string, number>> {
  return page.$$eval('#detail [data-plot]', (charts) =>
    Object.fromEntries(
      (charts as unknown as PageElement[]).map((chart) => {
        const canvas = chart.querySelector('canvas') as PageCanvas | null;
        if (canvas === null || canvas.width === 0 || canvas.height === 0) return [chart.getAttribute('data-plot'), 0];
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3]! > 0 && (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200)) ink++;
        return [chart.getAttribute('data-plot'), ink];
      }),
    ),
  );
}

const plotCount = (page: Page) => page.$$eval('#detail [data-plot] canvas', (c) => c.length);

/** No error, no request but the report itself, no dialog. */
function expectQuiet(report: OpenReport, file: string): void {
  expect(report.errors).toEqual([]);
  expect(report.dialogs).toEqual([]);
  expect(report.requests.map((u) => u.replace(/#.*$/, ''))).toEqual([pathToFileURL(file).href]);
}

describe('the report of the demo day', () => {
  let file: string;

  beforeAll(async () => {
    file = join(writeFixture({}), 'demo.html');
    const run = await runCli(['demo', '--report', file]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('loads quietly, lists the planted beacons, sorts and filters', async () => {
    const report = await openReport(file);
    const { page } = report;
    expect((await rows(page)).map((r) => [r.rank, r.cells.slice(-2).join(' / ')])).toEqual([
      [1, 'ws-02 / updater-x.exe'],
      [2, 'ws-05 / powershell.exe'],
      [3, 'ws-04 / rundll32.exe'],
    ]);
    expect(await page.textContent('#count')).toBe('showing 3 of 3');

    const autocov = await column(page, 'autocov');
    await page.click('#findings thead th[data-key="autocov"]');
    expect(await page.getAttribute('#findings thead th[data-key="autocov"]', 'aria-sort')).toBe('descending');
    const descending = (await rows(page)).map((r) => Number(r.cells[autocov]));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.click('#findings thead th[data-key="autocov"]');
    expect(await page.getAttribute('#findings thead th[data-key="autocov"]', 'aria-sort')).toBe('ascending');
    expect((await rows(page)).map((r) => r.rank)).toEqual([3, 2, 1]);
    await page.click('#findings thead th[data-key="group1"]');
    expect((await rows(page)).map((r) => r.cells.at(-1))).toEqual(['powershell.exe', 'rundll32.exe', 'updater-x.exe']);

    await page.fill('#search', 'RUNDLL');
    expect((await rows(page)).map((r) => r.rank)).toEqual([3]);
    expect(await page.textContent('#count')).toBe('showing 1 of 3 (2 hidden by the filters)');
    await page.fill('#search', '');
    await page.selectOption('#min-score', '3');
    expect((await rows(page)).map((r) => r.rank)).toEqual([1]);
    await page.selectOption('#min-score', '0');
    await page.selectOption('#test-filter', 'count');
    expect((await rows(page)).map((r) => r.rank)).toEqual([1]);
    expectQuiet(report, file);
    await page.close();
  });

  it('draws a finding\'s plots, with its tests against their thresholds', async () => {
    const report = await openReport(file);
    const { page } = report;
    await page.click('#findings tbody tr[data-rank="2"]');
    expect(await page.textContent('#detail h2')).toBe('Finding #2ws-05 / powershell.exe');
    expect(await page.getAttribute('#findings tbody tr[data-rank="2"]', 'class')).toContain('selected');
    const ink = await plotInk(page);
    expect(Object.keys(ink)).toEqual(['counts', 'bytes', 'autocorrelation', 'history']);
    for (const [plot, pixels] of Object.entries(ink)) expect(pixels, plot).toBeGreaterThan(500);
    const tests = await page.$$eval('#detail table.tests tr.head', (trs) => (trs as unknown as PageElement[]).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent)));
    expect(tests.map((t) => [t[1], t[4]])).toEqual([
      ['not run', 'max_beaconing_count_rv = 0.1'],
      ['fail', 'min_beaconing_count_autocovariance = 0.7'],
      ['pass', 'max_beaconing_bytes_cov = 0.05'],
      ['pass', 'max_beaconing_bytes_cov = 0.05'],
    ]);
    // The keyboard moves through the findings.
    await page.focus('#findings tbody tr[data-rank="2"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('#detail h2')).toBe('Finding #3ws-04 / rundll32.exe');
    expect(new URL(page.url()).hash).toBe('#finding-3');
    expectQuiet(report, file);
    await page.close();
  });

  it('keeps a screenshot', async () => {
    const report = await openReport(file, '#finding-2');
    expect(await plotCount(report.page)).toBe(4);
    const shot = join(ARTIFACTS, 'report-demo.png');
    await report.page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    if (process.env['BEACONWATCH_DOCS_SCREENSHOT'] === '1') {
      mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
      copyFileSync(shot, DOCS_SCREENSHOT);
    }
    expectQuiet(report, file);
    await report.page.close();
  });
});

describe('group values written to break the page', () => {
  it('shows them as text and runs none of them', async () => {
    const hostile = '</script><img src=x onerror=alert(1)>.exe';
    const now = '2026-11-30T12:00:00Z';
    const events = timesBefore(now, 30, 60).map((t, i) => ecsEvent(t, { host: { name: '"><b onmouseover=alert(2)>' }, process: { name: hostile }, event: { id: `${i}` } }));
    const dir = writeFixture({ 'events.ndjson': ndjson(events) });
    const file = join(dir, 'hostile.html');
    const run = await runCli(['report', join(dir, 'events.ndjson'), '--now', now, '--title', '<i>t</i>', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    const report = await openReport(file);
    const { page } = report;
    expect((await rows(page))[0]!.cells.slice(-2)).toEqual(['"><b onmouseover=alert(2)>', hostile]);
    expect(await page.textContent('h1')).toBe('<i>t</i>');
    expect(await page.$$('img, b[onmouseover], i')).toHaveLength(0);
    expect(await plotCount(page)).toBe(3);
    expectQuiet(report, file);
    await page.close();
  });
});

describe('a report without findings', () => {
  it('says so, and still shows the run summary', async () => {
    // Irregular gaps and sizes: nothing to flag.
    let ms = Date.parse('2026-11-30T06:00:00Z');
    const events = Array.from({ length: 60 }, (_, i) => {
      ms += (5 + ((i * 7919) % 595)) * 1000;
      return ecsEvent(new Date(ms).toISOString(), { source: { bytes: 100 + ((i * 7919) % 9000) }, destination: { bytes: 100 + ((i * 104_729) % 9000) }, event: { id: `${i}` } });
    });
    const dir = writeFixture({ 'events.ndjson': ndjson(events) });
    const file = join(dir, 'none.html');
    const run = await runCli(['report', join(dir, 'events.ndjson'), '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(': 0 findings\n');
    const report = await openReport(file);
    const { page } = report;
    expect(await page.textContent('#findings tbody')).toBe('No beaconing group found.');
    expect(await page.isHidden('#detail')).toBe(true);
    expect(await page.$$eval('#chips .chip', (chips) => (chips as unknown as PageElement[]).map((c) => c.textContent))).toEqual([
      '0 findings',
      '60 records read',
      '60 events scored',
      '1 group',
      `window ending ${new Date(ms).toISOString()}`,
    ]);
    expect(await page.textContent('#summary-text')).toContain('beaconwatch scan summary');
    expectQuiet(report, file);
    await page.close();
  });
});

describeRealdata('rita-missing-host', (dir) => {
  let file: string;

  beforeAll(async () => {
    file = join(writeFixture({}), 'rita.html');
    const run = await runCli(['report', dir, '--format', 'zeek', '--filters', 'none', '--from', '2024-04-19T06:00:00Z', '--to', '2024-04-22T00:00:00Z', '--every', '1h', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1,039 findings');
  });

  it('stays a few megabytes for a thousand findings', () => {
    expect(statSync(file).size).toBeLessThan(8_000_000);
  });

  it('loads quietly, sorts a thousand findings, finds the documented beacon and draws it', async () => {
    const report = await openReport(file);
    const { page } = report;
    expect(await rows(page)).toHaveLength(1039);
    const score = await column(page, 'score');
    await page.click('#findings thead th[data-key="score"]');
    const scores = (await rows(page)).map((r) => Number(r.cells[score]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await page.click('#findings thead th[data-key="windows"]');
    await page.click('#findings thead th[data-key="windows"]');
    const windows = (await rows(page)).map((r) => Number(r.cells[score + 1]!.split('/')[0]));
    expect(windows).toEqual([...windows].sort((a, b) => a - b));

    await page.fill('#search', '73.54.23.243 64.225.56.201');
    const [beacon] = await rows(page);
    expect(beacon!.cells.slice(-2)).toEqual(['73.54.23.243', '64.225.56.201']);
    await page.click(`#findings tbody tr[data-rank="${beacon!.rank}"]`);
    const ink = await plotInk(page);
    expect(Object.keys(ink)).toEqual(['counts', 'bytes', 'autocorrelation', 'history']);
    for (const [plot, pixels] of Object.entries(ink)) expect(pixels, plot).toBeGreaterThan(300);
    expect(await page.textContent('#detail .verdict')).toBe('beaconing, score 2 of 3: steady source bytes and steady destination bytes passed');
    await page.screenshot({ path: join(ARTIFACTS, 'report-rita-missing-host.png') });
    expectQuiet(report, file);
    await page.close();
  });
});
