// Text limits without silent cuts. No control has `maxlength` (the browser drops
// what goes past it, pasted text included, without a word); a control carries
// `data-limit` instead, keeps everything typed or pasted, and shows a counter
// ("5,000 / 500") once it is near or over its limit. Saving past a limit is refused
// by the server, which names the field, as for any other invalid value.

import { h } from './dom.js';
import { formatNumber } from './format.js';

const NEAR = 0.9; // the counter shows from 90 % of the limit
const counters = new WeakMap();

// Characters as the server counts them (code points, not UTF-16 units).
const length = (value) => {
  let n = 0;
  for (const _ of value) n += 1; // eslint-disable-line no-unused-vars
  return n;
};

// Shows, updates or hides the counter of one control.
export function showLimit(control) {
  const limit = Number(control.dataset.limit);
  if (!limit) return;
  // UTF-16 length bounds the character count from above: short values need no count.
  const n = control.value.length < limit * NEAR ? 0 : length(control.value);
  let counter = counters.get(control);
  if (n < limit * NEAR) {
    if (counter) counter.hidden = true;
    return;
  }
  if (!counter) {
    counter = h('span', { class: 'limit-counter', 'aria-live': 'polite' });
    counters.set(control, counter);
    control.insertAdjacentElement('afterend', counter);
  }
  const over = n > limit;
  counter.hidden = false;
  counter.classList.toggle('over', over);
  counter.textContent = `${formatNumber(n)} / ${formatNumber(limit)}${over ? ' — too long' : ''}`;
}

// Every control with `data-limit` in `root`, e.g. after a form was filled.
export function showLimits(root) {
  for (const control of root.querySelectorAll('[data-limit]')) showLimit(control);
}

// One listener for the whole window: views only mark their controls.
export function watchLimits(root = document) {
  const update = (e) => {
    if (e.target instanceof Element && e.target.hasAttribute('data-limit')) showLimit(e.target);
  };
  root.addEventListener('input', update);
  root.addEventListener('focusin', update);
}
