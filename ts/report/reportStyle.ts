/** The report page's own style sheet (uPlot's comes beside it). */
export const REPORT_STYLE = `
:root {
  --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --panel: #ffffff; --page: #f4f6f8;
  --accent: #2457c5; --pass: #1d7f46; --pass-bg: #e3f4ea; --fail: #7b8794; --fail-bg: #eef1f4;
  --warn: #a15c00; --warn-bg: #fdf0dc; --hot: #b42318; --hot-bg: #fde7e4;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; }
header.page { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px; padding: 14px 24px; background: var(--panel); border-bottom: 1px solid var(--line); }
header.page h1 { font-size: 20px; margin: 0; }
header.page .meta { color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin-left: auto; }
.chip { background: var(--page); border: 1px solid var(--line); border-radius: 999px; padding: 2px 10px; white-space: nowrap; }
main { padding: 16px 24px 40px; display: grid; gap: 16px; }
section.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
section.panel > h2 { font-size: 16px; margin: 0 0 10px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-bottom: 10px; }
.controls input[type=search] { width: 280px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.controls select { padding: 4px 6px; font: inherit; }
.controls .count { color: var(--muted); margin-left: auto; }
.table-scroll { max-height: 42vh; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 4px 8px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
#findings thead th { position: sticky; top: 0; background: #f9fafb; z-index: 1; cursor: pointer; user-select: none; white-space: nowrap; }
#findings thead th:hover { color: var(--accent); }
#findings thead th[aria-sort=ascending]::after { content: " \\25B2"; font-size: 10px; }
#findings thead th[aria-sort=descending]::after { content: " \\25BC"; font-size: 10px; }
#findings tbody tr { cursor: pointer; }
#findings tbody tr:hover { background: #f3f6fc; }
#findings tbody tr.selected { background: #e4ecfb; }
#findings tbody tr.suppressed td { color: var(--muted); }
#findings tbody tr:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
td.group { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; word-break: break-all; }
.badge { display: inline-block; min-width: 1.6em; padding: 0 5px; margin-right: 3px; border-radius: 4px; font-size: 12px; font-weight: 600; text-align: center; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.not-run, .badge.no-data { color: var(--warn); background: var(--warn-bg); }
.badge.suppressed { color: var(--muted); background: var(--fail-bg); font-weight: 500; }
.score { display: inline-block; width: 1.8em; text-align: center; border-radius: 4px; font-weight: 700; }
.score-3 { color: #fff; background: var(--hot); }
.score-2 { color: var(--hot); background: var(--hot-bg); }
.score-1 { color: var(--warn); background: var(--warn-bg); }
.score-0 { color: var(--fail); background: var(--fail-bg); }
.empty { color: var(--muted); padding: 12px; }
#detail h2 { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
#detail h2 .group { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.detail-grid { display: grid; grid-template-columns: minmax(320px, 5fr) minmax(360px, 7fr); gap: 16px; }
@media (max-width: 1100px) { .detail-grid { grid-template-columns: 1fr; } }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 12px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { font-weight: 600; }
table.tests td { font-size: 13px; }
table.tests tr.words td { color: var(--muted); border-bottom: 1px solid var(--line); padding-top: 0; }
table.tests tr.head td { border-bottom: none; }
.tests-box { margin-top: 14px; }
.tests-box h3, #detail h3 { font-size: 14px; margin: 12px 0 6px; }
table.tests code { white-space: nowrap; }
.flip { margin-top: 10px; padding: 8px 10px; background: var(--page); border-radius: 6px; }
.plots { display: grid; gap: 14px; min-width: 0; }
.plot h3 { font-size: 13px; margin: 0 0 4px; color: var(--muted); font-weight: 600; }
.plot .chart { min-height: 40px; }
.plot-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; min-width: 0; }
@media (max-width: 1400px) { .plot-pair { grid-template-columns: 1fr; } }
.note { color: var(--muted); font-size: 13px; }
ol.destinations { margin: 4px 0 0; padding-left: 22px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.summary-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
.summary-grid h3 { font-size: 14px; margin: 0 0 6px; }
.summary-grid table td, .summary-grid table th { font-size: 13px; }
tr.never td { color: var(--hot); }
details > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
pre { white-space: pre-wrap; font-size: 12px; background: var(--page); padding: 10px; border-radius: 6px; overflow: auto; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
`;
