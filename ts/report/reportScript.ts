/**
 * The report page's script: the findings table (sort, filter, select),
 * the selected finding's tests and plots (uPlot), the run summary. It runs
 * in the browser, on the JSON embedded in the page, and reaches no network.
 *
 * Group values come from the logs and may hold anything: the script only
 * ever sets text (`textContent`), never markup.
 *
 * Kept as plain browser JavaScript in a string, inlined into every report;
 * the browser test (`test/report/reportBrowser.test.ts`) runs it.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var findings = data.findings;
  var bucketSeconds = data.bucketSeconds;
  var TESTS = [
    { key: 'count', short: 'C', title: 'steady connection counts (low_count_variation)' },
    { key: 'periodic', short: 'P', title: 'periodic (autocovariance)' },
    { key: 'source_bytes', short: 'S', title: 'steady source bytes (low_source_bytes_variation)' },
    { key: 'destination_bytes', short: 'D', title: 'steady destination bytes (low_destination_bytes_variation)' }
  ];
  var OUTCOME_CLASS = { pass: 'pass', fail: 'fail', 'not run': 'not-run', 'no data': 'no-data' };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === undefined || value === null || value === false) return;
        if (name === 'text') node.textContent = String(value);
        else if (name === 'className') node.className = value;
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === undefined || child === null || child === false) continue;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function fmt(x) {
    if (x === null || x === undefined) return '-';
    if (!isFinite(x)) return String(x);
    if (Number.isInteger(x)) return x.toLocaleString('en-US');
    if (Math.abs(x) >= 1000) return x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    var text = x.toPrecision(4);
    if (text.indexOf('e') !== -1) return text.replace(/\.?0+e/, 'e');
    return text.indexOf('.') !== -1 ? text.replace(/\.?0+$/, '') : text;
  }

  function bytesText(mean) {
    if (mean === null) return 'no data';
    if (mean === 0) return '-';
    return mean >= 10 ? Math.round(mean).toLocaleString('en-US') : mean.toFixed(1);
  }

  function timeText(ms) {
    return new Date(ms).toISOString().replace('T', ' ').replace(/:00\.000Z$/, '').replace(/\.000Z$/, '').replace(/Z$/, '') + ' UTC';
  }

  function outcomeBadge(test, outcome) {
    return el('span', { className: 'badge ' + OUTCOME_CLASS[outcome], title: test.title + ': ' + outcome, text: test.short });
  }

  // ---- header ---------------------------------------------------------
  var s = data.summary;
  var shownCount = findings.filter(function (f) { return !f.suppressedBy; }).length;
  var suppressedCount = findings.length - shownCount;
  document.getElementById('meta').textContent =
    'generated ' + timeText(Date.parse(data.generated)) + ' by beaconwatch ' + data.version;
  var chips = document.getElementById('chips');
  function quantity(n, noun) { return n.toLocaleString('en-US') + ' ' + noun + (n === 1 ? '' : 's'); }
  [
    quantity(shownCount, 'finding'),
    suppressedCount > 0 ? suppressedCount.toLocaleString('en-US') + ' suppressed' : null,
    quantity(s.records, 'record') + ' read',
    quantity(s.eventsCounted, 'event') + ' scored',
    quantity(s.groups, 'group'),
    s.windows === 1 ? 'window ending ' + s.lastWindowEnd : quantity(s.windows, 'window')
  ].forEach(function (text) { if (text) chips.appendChild(el('span', { className: 'chip', text: text })); });

  // ---- findings table -------------------------------------------------
  var COLUMNS = [
    { key: 'rank', label: '#', num: true, dir: 1, value: function (f) { return f.rank; } },
    { key: 'score', label: 'score', num: true, dir: -1, value: function (f) { return f.score; } },
    { key: 'windows', label: 'windows', num: true, dir: -1, value: function (f) { return f.windowsFlagged; } },
    { key: 'tests', label: 'tests', dir: -1, value: function (f) { return TESTS.filter(function (t) { return f.outcomes[t.key] === 'pass'; }).length; } },
    { key: 'period', label: 'period', num: true, dir: 1, value: function (f) { return f.periodSeconds === null ? Infinity : f.periodSeconds; } },
    { key: 'autocov', label: 'autocov', num: true, dir: -1, value: function (f) { return f.autocovariance; } },
    { key: 'src', label: 'src bytes', num: true, dir: -1, value: function (f) { return f.meanSourceBytes === null ? -1 : f.meanSourceBytes; } },
    { key: 'dst', label: 'dst bytes', num: true, dir: -1, value: function (f) { return f.meanDestinationBytes === null ? -1 : f.meanDestinationBytes; } },
    { key: 'destinations', label: 'top destinations', dir: 1, value: function (f) { return f.destinations[0] || ''; } }
  ].concat(data.groupFields.map(function (field, i) {
    return { key: 'group' + i, label: field, dir: 1, group: true, value: function (f) { return f.group[i]; } };
  }));

  var table = document.getElementById('findings');
  var headRow = el('tr');
  COLUMNS.forEach(function (c) {
    var th = el('th', { className: c.num ? 'num' : '', scope: 'col', 'data-key': c.key, tabindex: 0, text: c.label });
    th.addEventListener('click', function () { sortBy(c.key); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(c.key); } });
    headRow.appendChild(th);
  });
  table.appendChild(el('thead', null, headRow));
  var tbody = el('tbody');
  table.appendChild(tbody);

  var state = { sortKey: 'rank', sortDir: 1, query: '', minScore: 0, test: '', showSuppressed: false, selected: null };
  var visible = [];

  function sortBy(key) {
    var column = COLUMNS.filter(function (c) { return c.key === key; })[0];
    state.sortDir = state.sortKey === key ? -state.sortDir : column.dir;
    state.sortKey = key;
    render();
  }

  function matches(f) {
    if (f.suppressedBy && !state.showSuppressed) return false;
    if (f.score < state.minScore) return false;
    if (state.test && f.outcomes[state.test] !== 'pass') return false;
    if (!state.query) return true;
    var haystack = (f.group.join(' ') + ' ' + f.destinations.join(' ')).toLowerCase();
    return state.query.toLowerCase().split(/\s+/).every(function (token) { return haystack.indexOf(token) !== -1; });
  }

  function cellsOf(f) {
    var tests = el('td', { className: 'tests' });
    TESTS.forEach(function (t) { tests.appendChild(outcomeBadge(t, f.outcomes[t.key])); });
    var destinations = f.destinations.length === 0 ? '-' : f.destinations[0] + (f.destinations.length > 1 ? ' (+' + (f.destinations.length - 1) + ')' : '');
    var cells = [
      el('td', { className: 'num', text: f.rank }),
      el('td', { className: 'num' }, el('span', { className: 'score score-' + f.score, text: f.score })),
      el('td', { className: 'num', text: f.windowsFlagged + '/' + f.windowsSeen }),
      tests,
      el('td', { className: 'num', text: f.period }),
      el('td', { className: 'num', text: f.autocovariance.toFixed(2) }),
      el('td', { className: 'num', text: bytesText(f.meanSourceBytes) }),
      el('td', { className: 'num', text: bytesText(f.meanDestinationBytes) }),
      el('td', { className: 'group', title: f.destinations.join('\n'), text: destinations })
    ];
    f.group.forEach(function (value, i) {
      var cell = el('td', { className: 'group', text: value });
      if (i === 0 && f.suppressedBy) cell.appendChild(el('span', { className: 'badge suppressed', title: 'suppressed by allow-list ' + f.suppressedBy, text: 'suppressed' }));
      cells.push(cell);
    });
    return cells;
  }

  function render() {
    var column = COLUMNS.filter(function (c) { return c.key === state.sortKey; })[0];
    visible = findings.filter(matches);
    visible.sort(function (a, b) {
      var x = column.value(a), y = column.value(b);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return order * state.sortDir || a.rank - b.rank;
    });
    Array.prototype.forEach.call(headRow.children, function (th) {
      if (th.getAttribute('data-key') === state.sortKey) th.setAttribute('aria-sort', state.sortDir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
    var body = document.createDocumentFragment();
    visible.forEach(function (f) {
      var row = el('tr', { 'data-rank': f.rank, tabindex: 0, className: (f.suppressedBy ? 'suppressed' : '') + (state.selected === f ? ' selected' : '') });
      cellsOf(f).forEach(function (cell) { row.appendChild(cell); });
      row.addEventListener('click', function () { select(f, false); });
      body.appendChild(row);
    });
    tbody.textContent = '';
    if (visible.length === 0) {
      tbody.appendChild(el('tr', null, el('td', { colspan: COLUMNS.length, className: 'empty', text: findings.length === 0 ? 'No beaconing group found.' : 'No finding matches the filters.' })));
    }
    tbody.appendChild(body);
    var hidden = findings.length - visible.length;
    document.getElementById('count').textContent = 'showing ' + visible.length.toLocaleString('en-US') + ' of ' + findings.length.toLocaleString('en-US') + (hidden > 0 ? ' (' + hidden.toLocaleString('en-US') + ' hidden by the filters)' : '');
  }

  tbody.addEventListener('keydown', function (e) {
    if (!state.selected || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Enter')) return;
    var at = visible.indexOf(state.selected);
    if (e.key === 'Enter') {
      var row = e.target.closest('tr[data-rank]');
      var f = row && findings.filter(function (x) { return String(x.rank) === row.getAttribute('data-rank'); })[0];
      if (f) select(f, true);
    } else {
      var next = visible[at + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) select(next, true);
    }
    e.preventDefault();
  });

  var search = document.getElementById('search');
  search.addEventListener('input', function () { state.query = search.value.trim(); render(); });
  var minScore = document.getElementById('min-score');
  minScore.addEventListener('change', function () { state.minScore = Number(minScore.value); render(); });
  var testFilter = document.getElementById('test-filter');
  testFilter.addEventListener('change', function () { state.test = testFilter.value; render(); });
  var showSuppressed = document.getElementById('show-suppressed');
  if (suppressedCount === 0) showSuppressed.parentNode.hidden = true;
  showSuppressed.addEventListener('change', function () { state.showSuppressed = showSuppressed.checked; render(); });

  // ---- the selected finding -------------------------------------------
  var plots = [];
  var detail = document.getElementById('detail');

  function select(f, focus) {
    state.selected = f;
    Array.prototype.forEach.call(tbody.querySelectorAll('tr.selected'), function (row) { row.classList.remove('selected'); });
    var row = tbody.querySelector('tr[data-rank="' + f.rank + '"]');
    if (row) {
      row.classList.add('selected');
      if (focus) { row.focus(); row.scrollIntoView({ block: 'nearest' }); }
    }
    if (history.replaceState) history.replaceState(null, '', '#finding-' + f.rank);
    showDetail(f);
  }

  function showDetail(f) {
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    detail.textContent = '';
    detail.hidden = false;
    var title = el('h2', null, el('span', { text: 'Finding #' + f.rank }), el('span', { className: 'group', text: f.group.join(' / ') }));
    if (f.suppressedBy) title.appendChild(el('span', { className: 'badge suppressed', text: 'suppressed by allow-list ' + f.suppressedBy }));
    detail.appendChild(title);

    var facts = el('dl', { className: 'facts' });
    function fact(name, value, className) { facts.appendChild(el('dt', { text: name })); facts.appendChild(el('dd', { className: className, text: value })); }
    data.groupFields.forEach(function (field, i) { fact(field, f.group[i]); });
    fact('verdict', f.verdict, 'verdict');
    fact('window', timeText(f.windowStartMs) + ' to ' + timeText(f.windowEndMs) + (data.windowEnds.length > 1 ? ' (its best)' : ''));
    if (data.windowEnds.length > 1) fact('windows flagged', f.windowsFlagged + ' of the ' + f.windowsSeen + ' it had events in');
    fact('detected period', f.periodText);
    fact('buckets', 'connections in ' + f.nonEmptyBuckets + ' of the ' + f.interval + ' from the first to the last event (' + fmt(bucketSeconds) + ' s each)');

    var tests = el('table', { className: 'tests' },
      el('thead', null, el('tr', null, el('th', { text: 'test' }), el('th', { text: 'outcome' }), el('th', { className: 'num', text: 'value' }), el('th', { className: 'num', text: 'limit' }), el('th', { text: 'threshold' }))));
    var testBody = el('tbody');
    f.tests.forEach(function (t) {
      var periodic = t.test === 'periodic';
      testBody.appendChild(el('tr', { className: 'head', 'data-test': t.test },
        el('td', null, el('strong', { text: t.title }), ' ', el('code', { text: t.flag })),
        el('td', null, el('span', { className: 'badge ' + OUTCOME_CLASS[t.outcome], text: t.outcome })),
        el('td', { className: 'num', text: t.value === null ? '-' : (periodic ? 'autocov ' : 'std dev ') + fmt(t.value) }),
        el('td', { className: 'num', text: t.limit === null ? '-' : (periodic ? '>= ' : '<= ') + fmt(t.limit) }),
        el('td', null, el('code', { text: t.parameter + ' = ' + fmt(t.threshold) }))));
      testBody.appendChild(el('tr', { className: 'words' }, el('td', { colspan: 5, text: t.reading + '. To flip: ' + t.flip.charAt(0).toLowerCase() + t.flip.slice(1) })));
    });
    tests.appendChild(testBody);

    var destinations = el('ol', { className: 'destinations' });
    f.destinations.forEach(function (ip) { destinations.appendChild(el('li', { text: ip })); });
    var left = el('div', null, facts, el('div', { className: 'flip', text: f.flip }),
      el('h3', { text: 'Top destinations' }),
      f.destinations.length === 0 ? el('p', { className: 'note', text: 'none recorded' }) : destinations);

    var right = el('div', { className: 'plots' });
    detail.appendChild(el('div', { className: 'detail-grid' }, left, right));
    if (f.tests.length > 0) detail.appendChild(el('div', { className: 'tests-box' }, el('h3', { text: 'Tests' }), tests));
    if (!f.plot) {
      right.appendChild(el('p', { className: 'note', text: data.plotsOmitted > 0 && f.rank > findings.length - data.plotsOmitted
        ? 'Plots left out for findings ranked below the top ' + (findings.length - data.plotsOmitted) + ' (beaconwatch report --plots N keeps more).'
        : 'No bucket data for this finding: make the report from a scan, or give the scan\'s --details file.' }));
      return;
    }
    drawPlots(f, right);
  }

  function plotBox(parent, title, name) {
    var chart = el('div', { className: 'chart', 'data-plot': name });
    parent.appendChild(el('div', { className: 'plot' }, el('h3', { text: title }), chart));
    return chart;
  }

  var UTC = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); };

  // Time ticks in UTC, 24-hour; the date under the first tick and wherever it changes.
  function timeTicks(u, splits) {
    var lastDay = null;
    return splits.map(function (ts) {
      var iso = new Date(ts * 1000).toISOString();
      var day = iso.slice(0, 10);
      var text = iso.slice(11, 16);
      if (day !== lastDay) { text += '\n' + day; lastDay = day; }
      return text;
    });
  }
  var TIME_AXIS = { values: timeTicks, size: 44 };
  // Room on the right for the last tick's label.
  var PADDING = [8, 40, 0, 0];

  function drawPlots(f, parent) {
    var p = f.plot;
    var n = data.bucketCount;
    var endSeconds = f.windowEndMs / 1000;
    var xs = [], counts = [], src = [], dst = [];
    var at = {};
    p.buckets.forEach(function (k, i) { at[k] = i; });
    for (var k = n - 1; k >= 0; k--) {
      xs.push(endSeconds - (k + 0.5) * bucketSeconds);
      var i = at[k];
      counts.push(i === undefined ? 0 : p.counts[i]);
      src.push(i === undefined || !p.sourceBytes ? null : p.sourceBytes[i]);
      dst.push(i === undefined || !p.destinationBytes ? null : p.destinationBytes[i]);
    }
    var width = Math.max(280, parent.clientWidth);
    var bars = uPlot.paths.bars({ size: [0.9, 40], align: 0 });

    plots.push(new uPlot({
      width: width, height: 170, tzDate: UTC, padding: PADDING,
      scales: { x: { time: true } },
      series: [{ label: 'bucket (UTC)' }, { label: 'connections', stroke: '#2457c5', fill: 'rgba(36,87,197,0.35)', paths: bars, points: { show: false } }],
      axes: [TIME_AXIS, { label: 'connections', size: 56 }]
    }, [xs, counts], plotBox(parent, 'Connections per ' + fmt(bucketSeconds) + ' s bucket over the window', 'counts')));

    if (p.sourceBytes || p.destinationBytes) {
      var points = function (color) { return { stroke: color, fill: color, paths: function () { return null; }, points: { show: true, size: 5, stroke: color, fill: color } }; };
      plots.push(new uPlot({
        width: width, height: 170, tzDate: UTC,
        scales: { x: { time: true }, src: {}, dst: {} },
        series: [{ label: 'bucket (UTC)' },
          Object.assign({ label: 'source bytes / connection', scale: 'src', show: !!p.sourceBytes }, points('#b45309')),
          Object.assign({ label: 'destination bytes / connection', scale: 'dst', show: !!p.destinationBytes }, points('#0f766e'))],
        axes: [TIME_AXIS, { scale: 'src', label: 'source bytes', size: 64, stroke: '#b45309' }, { scale: 'dst', side: 1, label: 'destination bytes', size: 64, stroke: '#0f766e', grid: { show: false } }]
      }, [xs, src, dst], plotBox(parent, 'Mean bytes per connection in each bucket (what the byte tests measure)', 'bytes')));
    } else {
      parent.appendChild(el('p', { className: 'note', text: 'No byte counts in these events: the byte tests had no data.' }));
    }

    var pair = el('div', { className: 'plot-pair' });
    parent.appendChild(pair);
    var periods = [], r = [], threshold = [], chosen = [];
    var best = 0;
    p.autocorrelation.forEach(function (value, i) { if (value > p.autocorrelation[best]) best = i; });
    p.autocorrelation.forEach(function (value, i) {
      periods.push((i + 2) * bucketSeconds);
      r.push(value);
      threshold.push(data.autocovarianceThreshold);
      chosen.push(i === best ? value : null);
    });
    var halfWidth = Math.max(260, Math.floor(pair.clientWidth / (getComputedStyle(pair).gridTemplateColumns.split(' ').length) - 8));
    plots.push(new uPlot({
      width: halfWidth, height: 180,
      scales: { x: { time: false }, y: { range: [Math.min(-0.2, Math.min.apply(null, r.concat([0]))), 1.05] } },
      series: [{ label: 'period (s)' },
        { label: 'autocorrelation', stroke: '#2457c5', width: 2, points: { show: r.length <= 60, size: 4 } },
        { label: 'threshold ' + fmt(data.autocovarianceThreshold), stroke: '#b42318', dash: [6, 4], points: { show: false } },
        { label: 'best period', stroke: '#b42318', paths: function () { return null; }, points: { show: true, size: 9, fill: '#b42318', stroke: '#b42318' } }],
      axes: [{ label: 'candidate period (s)' }, { label: 'R', size: 48 }]
    }, [periods, r, threshold, chosen], plotBox(pair, 'Autocorrelation by candidate period, with the threshold', 'autocorrelation')));

    if (f.history) {
      var ends = [], scores = [];
      data.windowEnds.forEach(function (ms, i) { ends.push(ms / 1000); scores.push(f.history[i] < 0 ? null : f.history[i]); });
      plots.push(new uPlot({
        width: halfWidth, height: 180, tzDate: UTC, padding: PADDING,
        scales: { x: { time: true }, y: { range: [0, 3.2] } },
        series: [{ label: 'window end (UTC)' }, { label: 'beaconing_score', stroke: '#b42318', fill: 'rgba(180,35,24,0.3)', paths: uPlot.paths.bars({ size: [0.8, 30] }), points: { show: false } }],
        axes: [TIME_AXIS, { label: 'score', size: 48, splits: function () { return [0, 1, 2, 3]; } }]
      }, [ends, scores], plotBox(pair, 'Score in each window of the replay (empty: no events)', 'history')));
    }
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (state.selected) showDetail(state.selected); }, 150);
  });

  // ---- run summary ------------------------------------------------------
  function summaryTable(headers, rows, rowClass) {
    var numeric = headers.map(function (h, i) { return rows.length > 0 && typeof rows[0][i] === 'number'; });
    var t = el('table', null, el('thead', null, el('tr', null, ...headers.map(function (h, i) { return el('th', { className: numeric[i] ? 'num' : '', text: h }); }))));
    var body = el('tbody');
    rows.forEach(function (cells, r) {
      var tr = el('tr', { className: rowClass ? rowClass(r) : '' });
      cells.forEach(function (cell) { tr.appendChild(el('td', { className: typeof cell === 'number' ? 'num' : '', text: typeof cell === 'number' ? cell.toLocaleString('en-US') : cell })); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function block(title) {
    var div = el('div', null, el('h3', { text: title }));
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) div.appendChild(arguments[i]);
    return div;
  }

  var grid = document.getElementById('summary-grid');
  var droppedTotal = s.dropped.reduce(function (sum, d) { return sum + d.count; }, 0);
  var filteredTotal = s.filtered.reduce(function (sum, d) { return sum + d.count; }, 0);
  grid.appendChild(block('Events', summaryTable(['', 'count'], [
    ['records read', s.records],
    ['dropped (bad, duplicate, other kinds, no group)', droppedTotal],
    ['removed by the filters (' + s.filters + ')', filteredTotal],
    ['outside the window' + (s.windows > 1 ? 's' : ''), s.outsideWindows],
    ['events scored', s.eventsCounted],
    ['groups (' + s.groupFields.join(', ') + ')', s.groups],
    ['group-windows scored', s.windowGroups],
    ['beaconing groups', s.beaconingGroups],
    ['beaconing group-windows', s.beaconingWindowGroups]
  ]), el('p', { className: 'note', text: (s.windows === 1 ? 'One window ending ' + s.lastWindowEnd : s.windows.toLocaleString('en-US') + ' windows ending ' + s.firstWindowEnd + ' to ' + s.lastWindowEnd) + '; engine ' + s.engine + '.' })));

  grid.appendChild(block('Dropped, by reason', s.dropped.length === 0 ? el('p', { className: 'note', text: 'nothing dropped' })
    : summaryTable(['reason', 'count', 'first places'], s.dropped.map(function (d) { return [d.reason, d.count, d.examples]; }))));

  grid.appendChild(block('Filtered, by filter (' + s.filters + ')', s.filtered.length === 0 ? el('p', { className: 'note', text: 'no filter' })
    : summaryTable(['filter', 'events removed'], s.filtered.map(function (x) { return [x.name, x.count]; })),
    s.filterNotes.length === 0 ? null : el('ul', { className: 'note' }, ...s.filterNotes.map(function (note) { return el('li', { text: note }); }))));

  if (s.allowList) {
    grid.appendChild(block('Allow-list (' + s.allowList.name + ')',
      summaryTable(['rule', 'mode', 'conditions', 'matched'], s.allowList.rules.map(function (r) {
        return [r.label + (r.comment ? ' (' + r.comment + ')' : ''), r.mode, r.conditions, r.never ? 'never matched' + (r.note ? ': ' + r.note : '') : r.matched];
      }), function (i) { return s.allowList.rules[i].never ? 'never' : ''; })));
  }

  grid.appendChild(block('Parameters', summaryTable(['parameter', 'value'], s.params.map(function (p) { return [p.name, p.value + (p.isDefault ? '' : ' (not the default)')]; }))));

  var inputsTable = summaryTable(['input', 'format', 'records'], s.inputs.map(function (i) { return [i.file, i.format, i.records]; }));
  grid.appendChild(block('Inputs', el('details', null, el('summary', { text: s.inputs.length.toLocaleString('en-US') + ' read' + (s.skippedInputs.length > 0 ? ', ' + s.skippedInputs.length.toLocaleString('en-US') + ' skipped' : '') }),
    inputsTable,
    s.skippedInputs.length === 0 ? null : summaryTable(['skipped', 'why'], s.skippedInputs.map(function (i) { return [i.file, i.reason]; })),
    s.readErrors.length === 0 ? null : el('ul', null, ...s.readErrors.map(function (e) { return el('li', { text: e }); })))));
  document.getElementById('summary-text').textContent = s.text;

  // ---- start ------------------------------------------------------------
  render();
  var wanted = /^#finding-(\d+)$/.exec(location.hash);
  var first = (wanted && findings.filter(function (f) { return String(f.rank) === wanted[1]; })[0]) || visible[0];
  if (first) {
    if (first.suppressedBy) { showSuppressed.checked = true; state.showSuppressed = true; render(); }
    select(first, false);
  }
  document.body.setAttribute('data-ready', 'true');
})();
`;
