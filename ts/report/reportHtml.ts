/**
 * The report as one self-contained HTML file: the charting library (uPlot,
 * with its licence), the page's script and style, and the data, all inline.
 * A content security policy forbids every fetch, so the page works, and
 * stays private, with no network at all.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ReportData } from './reportData.js';
import { REPORT_SCRIPT } from './reportScript.js';
import { REPORT_STYLE } from './reportStyle.js';

const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

interface ChartAssets {
  readonly script: string;
  readonly style: string;
  readonly licence: string;
}

let assets: ChartAssets | undefined;

/** uPlot's browser build, read once from the installed package. */
function chartAssets(): ChartAssets {
  if (assets === undefined) {
    const dist = dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));
    assets = {
      script: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
      style: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
      licence: readFileSync(join(dist, '..', 'LICENSE'), 'utf8'),
    };
  }
  return assets;
}

export function renderReportHtml(data: ReportData): string {
  const chart = chartAssets();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="beaconwatch ${escapeHtml(data.version)}">
<title>${escapeHtml(data.title)}</title>
<link rel="icon" href="data:,">
<style>${chart.style}</style>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header class="page">
  <h1>${escapeHtml(data.title)}</h1>
  <span class="meta" id="meta"></span>
  <div class="chips" id="chips"></div>
</header>
<main>
  <section class="panel" aria-labelledby="findings-title">
    <h2 id="findings-title">Findings</h2>
    <div class="controls">
      <input type="search" id="search" placeholder="Filter by group or destination" aria-label="Filter by group or destination">
      <label>score <select id="min-score"><option value="0">any</option><option value="2">2 or more</option><option value="3">3</option></select></label>
      <label>passed <select id="test-filter"><option value="">any test</option><option value="count">steady counts</option><option value="periodic">periodic</option><option value="source_bytes">steady source bytes</option><option value="destination_bytes">steady destination bytes</option></select></label>
      <label><input type="checkbox" id="show-suppressed"> show suppressed</label>
      <span class="count" id="count"></span>
    </div>
    <div class="table-scroll"><table id="findings"></table></div>
    <p class="note">Tests: <b>C</b> steady connection counts, <b>P</b> periodic, <b>S</b> steady source bytes, <b>D</b> steady destination bytes (green: passed). A finding is a group flagged in at least one window; its row shows its best window. Click a column to sort, a row to see why it was flagged.</p>
  </section>
  <section class="panel" id="detail" hidden></section>
  <section class="panel" aria-labelledby="summary-title">
    <h2 id="summary-title">Run summary</h2>
    <div class="summary-grid" id="summary-grid"></div>
    <details><summary>As printed by beaconwatch</summary><pre id="summary-text"></pre></details>
  </section>
</main>
<script id="report-data" type="application/json">${embedJson(data)}</script>
<script>
/*! uPlot, inlined from its npm package:
${chart.licence.replace(/\*\//g, '* /')}
*/
${chart.script}
</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** JSON inside a script element: no `<` may close it early, whatever the logs held. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
