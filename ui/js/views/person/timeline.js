// A guest's appearances on a time axis: one dot per dated appearance, coloured by
// role (through CSS classes, so light and dark mode both read), year ticks below,
// month ticks when the span is short. Built with createElementNS; the chart scales
// to its container through the viewBox.

import { svg } from '../../dom.js';

const DAY = 86400000;

const WIDTH = 800;
const LEFT = 24;
const RIGHT = 24;
const TOP = 22; // room for the "Today" label
const R = 6.5;
const LANE = 15; // vertical step when dots would overlap
const MAX_LANES = 6;
// A presenter of a daily show has thousands of dots, most drawn exactly on top of one
// another; past this many, a dot that a later one in its lane covers to the pixel is
// left out (26,674 circles took the page 1.7 s and hundreds of MB).
const MAX_DOTS = 2000;


const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `appearances`: the history's timeline entries. `label(a, index)` → tooltip text for a dot.
// `onPick(a)` (optional) is called when a dot is clicked or activated.
// Returns an <svg>, or null when nothing is dated.
export function timeline(appearances, { id, label, onPick, now = Date.now() } = {}) {
  const dated = appearances
    .map((a, index) => ({ a, index, t: a.airAt ? Date.parse(a.airAt) : NaN }))
    .filter((d) => !Number.isNaN(d.t))
    .sort((x, y) => x.t - y.t);
  if (dated.length === 0) return null;

  // Domain: the appearances, padded so the end dots do not sit on the edge.
  const first = dated[0].t;
  const last = dated[dated.length - 1].t;
  const span = Math.max(last - first, 60 * DAY);
  const pad = Math.max(span * 0.05, 15 * DAY);
  const t0 = first - pad;
  const t1 = last + pad;
  const x = (t) => LEFT + ((t - t0) / (t1 - t0)) * (WIDTH - LEFT - RIGHT);

  // Dots that would overlap stack upwards in lanes.
  const laneEnds = [];
  for (const d of dated) {
    d.x = x(d.t);
    let lane = laneEnds.findIndex((end) => d.x - end >= 2 * R + 1);
    if (lane === -1) {
      if (laneEnds.length < MAX_LANES) {
        lane = laneEnds.length;
        laneEnds.push(d.x);
      } else {
        lane = laneEnds.indexOf(Math.min(...laneEnds));
      }
    }
    laneEnds[lane] = d.x;
    d.lane = lane;
  }
  const lanes = Math.max(1, laneEnds.length);
  const axisY = TOP + 8 + lanes * LANE;
  const showMonths = t1 - t0 <= 800 * DAY;
  const height = axisY + (showMonths ? 38 : 24);

  const yearsFrom = new Date(t0).getUTCFullYear();
  const yearsTo = new Date(t1).getUTCFullYear();
  const first0 = new Date(first);
  const last0 = new Date(last);

  const title = svg('title', { id: `${id}-title` });
  title.textContent = dated.length === 1
    ? `Timeline: 1 dated appearance, ${first0.getUTCFullYear()}`
    : `Timeline: ${dated.length} dated appearances, ${first0.getUTCFullYear()} to ${last0.getUTCFullYear()}`;

  const root = svg('svg', {
    id, class: 'timeline-svg', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img',
    'aria-labelledby': `${id}-title`, preserveAspectRatio: 'xMidYMid meet',
  }, title);

  const grid = svg('g', { class: 'tl-grid' });
  const axis = svg('g', { class: 'tl-axis' });
  axis.append(svg('line', { class: 'tl-axis-line', x1: LEFT, x2: WIDTH - RIGHT, y1: axisY, y2: axisY }));

  // Month ticks (short spans only), then year ticks on 1 January.
  if (showMonths) {
    for (let y = yearsFrom; y <= yearsTo; y += 1) {
      for (let m = 0; m < 12; m += 1) {
        const t = Date.UTC(y, m, 1);
        if (t < t0 || t > t1) continue;
        const tx = x(t);
        axis.append(svg('line', { class: 'tl-tick minor', x1: tx, x2: tx, y1: axisY, y2: axisY + 4 }));
        // Month names between ticks, where there is room for them.
        const mid = x(Math.min(Date.UTC(y, m + 1, 1), t1) / 2 + t / 2);
        if (x(Math.min(Date.UTC(y, m + 1, 1), t1)) - tx > 26) {
          axis.append(svg('text', { class: 'tl-month', x: mid, y: axisY + 15, 'text-anchor': 'middle', text: MONTHS[m] }));
        }
      }
    }
  }
  const yearLabelY = axisY + (showMonths ? 32 : 18);
  let yearTicks = 0;
  for (let y = yearsFrom; y <= yearsTo + 1; y += 1) {
    const t = Date.UTC(y, 0, 1);
    if (t < t0 || t > t1) continue;
    const tx = x(t);
    yearTicks += 1;
    grid.append(svg('line', { class: 'tl-year-grid', x1: tx, x2: tx, y1: TOP, y2: axisY }));
    axis.append(svg('line', { class: 'tl-tick major', x1: tx, x2: tx, y1: axisY, y2: axisY + (showMonths ? 22 : 7) }));
    // Labels start at their tick, except at the right edge, where they end there.
    const nearEnd = tx > WIDTH - RIGHT - 36;
    axis.append(svg('text', {
      class: 'tl-year', x: nearEnd ? tx - 4 : tx + 4, y: yearLabelY, 'text-anchor': nearEnd ? 'end' : 'start', text: String(y),
    }));
  }
  // A span inside one year still says which year it is.
  if (yearTicks === 0 || x(Date.UTC(yearsFrom + 1, 0, 1)) - LEFT > 60) {
    axis.append(svg('text', { class: 'tl-year', x: LEFT, y: yearLabelY, text: String(yearsFrom) }));
  }

  // Today, when it falls inside the chart (there are upcoming appearances).
  if (now >= t0 && now <= t1) {
    const tx = x(now);
    grid.append(svg('line', { class: 'tl-today', x1: tx, x2: tx, y1: TOP - 4, y2: axisY }));
    grid.append(svg('text', { class: 'tl-today-label', x: tx, y: TOP - 8, 'text-anchor': 'middle', text: 'Today' }));
  }

  let drawn = dated;
  if (dated.length > MAX_DOTS) {
    const onTop = new Map();
    for (const d of dated) onTop.set(`${d.lane}:${Math.round(d.x)}`, d);
    const kept = new Set(onTop.values());
    drawn = dated.filter((d) => kept.has(d));
  }
  const dots = svg('g', { class: 'tl-dots' });
  for (const d of drawn) {
    const a = d.a;
    const upcoming = d.t > now;
    const dot = svg('circle', {
      class: ['tl-dot', `role-${a.role}`, `status-${a.status}`, upcoming && 'upcoming'],
      cx: d.x.toFixed(1), cy: axisY - 10 - d.lane * LANE, r: R,
      'data-index': d.index,
    });
    const tip = svg('title');
    tip.textContent = label ? label(a, d.index) : a.title;
    dot.append(tip);
    if (onPick) dot.addEventListener('click', () => onPick(a, d.index));
    dots.append(dot);
  }

  root.append(grid, axis, dots);
  return root;
}
