// The contributor balance report: per month (and series), the share of each gender
// among the guests, counted the BBC 50:50 way by the server, and the share of repeat
// guests. A 100% stacked bar per month, a table of the numbers, and a CSV export.
// Colours come from CSS classes, so light and dark mode both read.

import { h, clear, replaceChildren, svg } from '../dom.js';
import { api } from '../ipc.js';
import { monthLabel } from '../format.js';
import { errorBox, statusLine } from '../feedback.js';

const ALL_SERIES = 'All series';
const NOT_RECORDED = 'not recorded';
// Known groups get fixed colours (and come first, in this order); any other recorded
// group takes one of a few spare colours; "not recorded" is always last and grey.
const KNOWN = ['woman', 'man', 'non-binary'];
const SPARE = 4;
// Beyond this many months the chart leaves out months without guests.
const MAX_EMPTY_MONTHS = 36;

// Chart geometry (viewBox units; the SVG scales to its container).
const WIDTH = 800;
const LABEL_W = 76;
const NOTE_W = 150;
const BAR_X = LABEL_W;
const BAR_W = WIDTH - LABEL_W - NOTE_W;
const BAR_H = 20;
const REPEAT_H = 6;
const ROW_H = 40;
const TOP = 24;


const key = (group) => String(group).trim().toLowerCase();

export function percent(share) {
  const p = Math.round(share * 1000) / 10;
  return `${p}%`;
}

function pad2(n) {
  return String(n).padStart(2, '0');
}

// The last 12 months ending this month: only while the server's range (the twelve
// months up to the latest aired programme) is on its way, or if it fails.
function defaultRange(now = new Date()) {
  const y = now.getFullYear();
  const m = now.getMonth();
  const start = new Date(y, m - 11, 1);
  return { from: `${start.getFullYear()}-${pad2(start.getMonth() + 1)}`, to: `${y}-${pad2(m + 1)}` };
}

// Every month from..to ("2025-01"), or null when either is not a month.
function monthsBetween(from, to) {
  const a = /^(\d{4})-(\d{2})$/.exec(from);
  const b = /^(\d{4})-(\d{2})$/.exec(to);
  if (!a || !b) return null;
  const out = [];
  let y = Number(a[1]);
  let m = Number(a[2]);
  const end = Number(b[1]) * 12 + Number(b[2]);
  while (y * 12 + m <= end && out.length < 1200) {
    out.push(`${y}-${pad2(m)}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

// The groups in the report, in legend order, each with its colour class.
function groupOrder(rows) {
  const seen = new Map();
  for (const r of rows) for (const g of r.groups) if (!seen.has(key(g.group))) seen.set(key(g.group), g.group);
  const known = KNOWN.filter((k) => seen.has(k));
  const others = [...seen.keys()].filter((k) => !KNOWN.includes(k) && k !== NOT_RECORDED).sort();
  const order = [...known, ...others];
  if (seen.has(NOT_RECORDED)) order.push(NOT_RECORDED);
  return order.map((k) => {
    let cls;
    if (k === NOT_RECORDED) cls = 'g-none';
    else if (KNOWN.includes(k)) cls = `g-${k.replace(/[^a-z]/g, '')}`;
    else cls = `g-other-${others.indexOf(k) % SPARE}`;
    return { key: k, label: seen.get(k), cls };
  });
}

// One row per month for the chart: the "All series" row, or (for a chosen series)
// that series' rows of the month added up.
function chartRows(rows, seriesChosen) {
  const byMonth = new Map();
  for (const r of rows) {
    if (!seriesChosen && r.series !== ALL_SERIES) continue;
    let t = byMonth.get(r.month);
    if (!t) byMonth.set(r.month, (t = { month: r.month, contributors: 0, repeatGuests: 0, counts: new Map() }));
    t.contributors += r.contributors;
    t.repeatGuests += r.repeatGuests;
    for (const g of r.groups) t.counts.set(key(g.group), (t.counts.get(key(g.group)) || 0) + g.count);
  }
  return byMonth;
}

function buildChart(rows, { from, to, seriesChosen, order }) {
  const byMonth = chartRows(rows, seriesChosen);
  let months = monthsBetween(from, to) || [...byMonth.keys()];
  if (months.length > MAX_EMPTY_MONTHS) months = months.filter((m) => byMonth.has(m));
  const height = TOP + months.length * ROW_H + 8;
  const seriesText = seriesChosen || 'all series';

  const root = svg('svg', {
    id: 'balance-chart', class: 'balance-svg', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img',
    'aria-labelledby': 'balance-chart-title', preserveAspectRatio: 'xMidYMin meet',
  }, svg('title', { id: 'balance-chart-title', text: `Share of guests by gender per month, ${seriesText}; the thin bar under each month is the share of repeat guests. The table below has the numbers.` }));

  // 0/50/100% guides across the bars.
  const guides = svg('g', { class: 'bal-guides' });
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const x = BAR_X + f * BAR_W;
    guides.append(svg('line', { class: f === 0.5 ? 'bal-guide half' : 'bal-guide', x1: x, x2: x, y1: TOP - 6, y2: height - 6 }));
    guides.append(svg('text', { class: 'bal-axis', x, y: TOP - 10, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle', text: `${f * 100}%` }));
  }
  root.append(guides);

  months.forEach((month, i) => {
    const y = TOP + i * ROW_H;
    const t = byMonth.get(month);
    const g = svg('g', { class: 'bal-month', 'data-month': month });
    g.append(svg('text', { class: 'bal-month-label', x: 0, y: y + BAR_H / 2 + 4, text: monthLabel(month) }));
    if (!t || t.contributors === 0) {
      g.append(svg('rect', { class: 'bal-track', x: BAR_X, y, width: BAR_W, height: BAR_H, rx: 2 }));
      g.append(svg('text', { class: 'bal-note muted', x: BAR_X + 8, y: y + BAR_H / 2 + 4, text: 'No guests' }));
      root.append(g);
      return;
    }
    let x = BAR_X;
    for (const grp of order) {
      const count = t.counts.get(grp.key) || 0;
      if (!count) continue;
      const share = count / t.contributors;
      const w = share * BAR_W;
      const seg = svg('rect', {
        class: ['bal-seg', grp.cls], x: x.toFixed(2), y, width: Math.max(w, 0.5).toFixed(2), height: BAR_H,
        'data-group': grp.label,
      }, svg('title', { text: `${grp.label}: ${count} (${percent(share)})` }));
      g.append(seg);
      if (w >= 44) {
        g.append(svg('text', {
          class: ['bal-seg-label', grp.cls], x: (x + w / 2).toFixed(2), y: y + BAR_H / 2 + 4, 'text-anchor': 'middle',
          'aria-hidden': 'true', text: percent(share),
        }));
      }
      x += w;
    }
    // Repeat guests: a thin bar under the month's bar, on the same 0–100% scale.
    const repeatShare = t.repeatGuests / t.contributors;
    const ry = y + BAR_H + 3;
    g.append(svg('rect', { class: 'bal-repeat-track', x: BAR_X, y: ry, width: BAR_W, height: REPEAT_H, rx: 1 }));
    if (t.repeatGuests > 0) {
      g.append(svg('rect', {
        class: 'bal-repeat', x: BAR_X, y: ry, width: (repeatShare * BAR_W).toFixed(2), height: REPEAT_H, rx: 1,
      }, svg('title', { text: `repeat guests: ${t.repeatGuests} (${percent(repeatShare)})` })));
    }
    g.append(svg('text', {
      class: 'bal-note', x: WIDTH - NOTE_W + 10, y: y + BAR_H / 2 + 4,
      text: `${t.contributors} ${t.contributors === 1 ? 'guest' : 'guests'}`,
    }));
    g.append(svg('text', {
      class: 'bal-note repeat', x: WIDTH - NOTE_W + 10, y: ry + REPEAT_H,
      text: `${percent(repeatShare)} repeat`,
    }));
    root.append(g);
  });
  return root;
}

function buildLegend(order) {
  return h('ul', { class: 'balance-legend', id: 'balance-legend', 'aria-label': 'Legend' },
    order.map((g) => h('li', { class: 'balance-legend-item' },
      h('span', { class: ['bal-swatch', g.cls], 'aria-hidden': 'true' }), g.label)),
    h('li', { class: 'balance-legend-item' },
      h('span', { class: 'bal-swatch bal-swatch-repeat', 'aria-hidden': 'true' }), 'repeat guests (thin bar)'));
}

function buildTable(rows, order) {
  const th = (cls, text) => h('th', { scope: 'col', class: cls }, text);
  const td = (cls, ...content) => h('td', { class: cls }, content);
  return h('table', { id: 'balance-table', class: 'report-table balance-table' },
    h('caption', { class: 'visually-hidden' }, 'Guests per month and series, by gender as recorded, with the share of repeat guests.'),
    h('thead', {}, h('tr', {},
      th('col-month', 'Month'), th('col-series', 'Series'), th('num', 'Guests'),
      order.map((g) => th('num col-group', g.label)),
      th('num', 'Repeat guests'))),
    h('tbody', {}, rows.map((r) => {
      const counts = new Map(r.groups.map((g) => [key(g.group), g]));
      return h('tr', { class: ['balance-row', r.series === ALL_SERIES && 'all-series'], dataset: { month: r.month } },
        td('col-month', h('span', { title: r.month }, monthLabel(r.month))),
        h('td', { class: 'col-series', dir: 'auto' }, r.series),
        td('num', String(r.contributors)),
        order.map((grp) => {
          const g = counts.get(grp.key);
          return g
            ? td('num col-group', h('span', { class: 'bal-count' }, String(g.count)), ' ', h('span', { class: 'bal-share' }, `(${percent(g.share)})`))
            : td('num col-group muted', '0');
        }),
        td('num', h('span', { class: 'bal-count' }, String(r.repeatGuests)), ' ',
          h('span', { class: 'bal-share' }, `(${percent(r.repeatShare)})`)));
    })));
}

export function mountBalance(root, ctx) {
  const opening = !ctx.balanceState;
  const state = ctx.balanceState || (ctx.balanceState = { ...defaultRange(), series: '' });
  let alive = true;
  let ticket = 0;

  const fieldError = (id) => h('p', { class: 'field-error', id, role: 'alert', hidden: true });
  const fromErr = fieldError('balance-from-error');
  const toErr = fieldError('balance-to-error');
  const from = h('input', {
    type: 'month', id: 'balance-from', class: 'month-input', value: state.from, required: true,
    placeholder: 'YYYY-MM', pattern: '\\d{4}-\\d{2}', 'aria-describedby': 'balance-from-error',
  });
  const to = h('input', {
    type: 'month', id: 'balance-to', class: 'month-input', value: state.to, required: true,
    placeholder: 'YYYY-MM', pattern: '\\d{4}-\\d{2}', 'aria-describedby': 'balance-to-error',
  });
  const seriesList = h('datalist', { id: 'balance-series-list' });
  const series = h('input', {
    type: 'text', id: 'balance-series', list: 'balance-series-list', value: state.series,
    placeholder: 'All series', 'data-limit': 1000, autocomplete: 'off', spellcheck: 'false',
  });
  const run = h('button', { type: 'submit', id: 'run-balance', class: 'button primary' }, 'Run');
  const exportButton = h('button', { type: 'button', id: 'export-balance-csv', class: 'button' }, 'Export CSV…');
  const status = statusLine({ id: 'balance-status' });
  const error = errorBox({ id: 'balance-error' });
  const results = h('div', { id: 'balance-results', class: 'balance-results', 'aria-live': 'polite' });

  const form = h('form', { id: 'balance-form', class: 'balance-controls', novalidate: true, 'aria-label': 'Report period and series' },
    h('div', { class: 'field' }, h('label', { for: 'balance-from' }, 'From month'), from, fromErr),
    h('div', { class: 'field' }, h('label', { for: 'balance-to' }, 'To month'), to, toErr),
    h('div', { class: 'field balance-series-field' }, h('label', { for: 'balance-series' }, 'Series'), series, seriesList,
      h('p', { class: 'hint' }, 'Empty for all series')),
    h('div', { class: 'balance-actions' }, run, exportButton));

  root.append(h('section', { id: 'balance-page', class: 'balance-page', 'aria-labelledby': 'balance-title' },
    h('div', { class: 'view-header' }, h('h1', { id: 'balance-title' }, 'Balance report')),
    form,
    h('p', { class: 'hint balance-method', id: 'balance-method' },
      'Guests only, each person once per programme; gender as recorded in the directory — optional, self-described or inferred. ',
      'Aired programmes only. Repeat guests had been a guest on an earlier programme.'),
    h('p', { class: 'hint', id: 'balance-gender-note' },
      'Gender is recorded in each person’s details: open them from Guests, then Edit details. ',
      'People without it count as “not recorded”.'),
    status.el,
    error.el,
    results));

  function setFieldError(input, el, message) {
    el.textContent = message ? message.charAt(0).toUpperCase() + message.slice(1) : '';
    el.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function clearErrors() {
    setFieldError(from, fromErr, '');
    setFieldError(to, toErr, '');
    error.hide();
  }

  function params() {
    return { from: from.value.trim(), to: to.value.trim(), series: series.value.trim() || null };
  }

  // Checks what the server would reject anyway, so the message sits by the field
  // even when the month picker hands over an empty value.
  function checkInputs(p) {
    let ok = true;
    if (!/^\d{4}-\d{2}$/.test(p.from)) { setFieldError(from, fromErr, 'Choose a month (2025-01)'); ok = false; }
    if (!/^\d{4}-\d{2}$/.test(p.to)) { setFieldError(to, toErr, 'Choose a month (2025-12)'); ok = false; }
    return ok;
  }

  function showServerError(e, what) {
    if (e.code === 'validation' && (e.field === 'from' || e.field === 'to')) {
      const [input, el] = e.field === 'from' ? [from, fromErr] : [to, toErr];
      const msg = e.field === 'to' && /before/.test(e.message) ? 'Is before the from month' : e.message;
      setFieldError(input, el, msg);
    } else {
      error.showText(`${what}: ${e.message}`);
    }
  }

  async function runReport() {
    const mine = ++ticket;
    clearErrors();
    const p = params();
    state.from = p.from;
    state.to = p.to;
    state.series = p.series || '';
    if (!checkInputs(p)) {
      status.set('');
      clear(results);
      return;
    }
    status.set('Counting…');
    run.disabled = true;
    let rows;
    try {
      rows = await api.balanceReport(p);
    } catch (e) {
      if (!alive || mine !== ticket) return;
      run.disabled = false;
      status.set('');
      clear(results);
      showServerError(e, 'Could not make the report');
      return;
    }
    if (!alive || mine !== ticket) return;
    run.disabled = false;
    show(rows, p);
  }

  function show(rows, p) {
    exportButton.disabled = rows.length === 0;
    if (rows.length === 0) {
      status.set('');
      replaceChildren(results, h('p', { class: 'list-empty', id: 'balance-empty' }, 'No guests in that period.'));
      return;
    }
    const order = groupOrder(rows);
    const monthsWith = new Set(rows.map((r) => r.month)).size;
    status.set(`${monthsWith} ${monthsWith === 1 ? 'month' : 'months'} with guests, ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`);
    replaceChildren(results,
      h('div', { class: 'person-card balance-chart-card' },
        h('h2', {}, p.series ? `Guests by gender: ${p.series}` : 'Guests by gender: all series'),
        buildLegend(order),
        buildChart(rows, { from: p.from, to: p.to, seriesChosen: p.series, order })),
      h('div', { class: 'table-wrap balance-table-wrap' }, buildTable(rows, order)));
  }

  async function exportCsv() {
    clearErrors();
    const p = params();
    if (!checkInputs(p)) return;
    exportButton.disabled = true;
    status.set('Exporting…');
    try {
      const saved = await api.exportBalanceCsv({ ...p, path: null });
      if (!alive) return;
      if (saved) {
        status.set(`Saved to ${saved.path}`, 'saved');
      } else {
        status.set('Export cancelled');
      }
    } catch (e) {
      if (!alive) return;
      status.set('');
      showServerError(e, 'Not exported');
    } finally {
      if (alive) exportButton.disabled = false;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    runReport();
  });
  for (const input of [from, to, series]) input.addEventListener('change', () => runReport());
  exportButton.addEventListener('click', exportCsv);

  // Series names for the datalist; free text works without them.
  (async () => {
    try {
      if (ctx.seriesSeen && ctx.seriesSeen.size === 0) {
        for (const p of await api.listProgrammes({ limit: 500 })) if (p.series) ctx.seriesSeen.add(p.series);
      }
      if (!alive) return;
      clear(seriesList);
      for (const s of [...(ctx.seriesSeen || [])].sort()) seriesList.append(h('option', { value: s }));
    } catch { /* free text still works */ }
  })();

  if (opening) {
    // First visit: open on the months that have programmes, not on an empty year.
    api.balanceRange().then((r) => {
      if (!alive || from.value !== state.from || to.value !== state.to) return; // the user chose already
      from.value = r.from;
      to.value = r.to;
      runReport();
    }, () => runReport());
  } else {
    runReport();
  }
  from.focus();

  return {
    unmount() {
      alive = false;
    },
  };
}
