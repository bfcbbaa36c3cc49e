// A programme as a page to read, not a form to edit: what History shows of a past
// revision and of the current one, side by side. Every value is user text, set as text.

import { h } from '../../dom.js';
import { formatSlot, statusLabel } from '../../format.js';

const none = () => h('span', { class: 'muted' }, '—');
const text = (v) => (v ? h('span', { dir: 'auto' }, v) : none());

export function revisionView(p, { id } = {}) {
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  const listOf = (items, render) => (items.length
    ? h('ol', { class: 'revision-items' }, items.map((x) => h('li', { dir: 'auto' }, render(x))))
    : h('p', { class: 'muted' }, 'None'));
  return h('article', { id, class: 'revision-view' },
    h('h4', { class: 'revision-view-title', dir: 'auto' }, p.title),
    h('dl', { class: 'revision-fields' },
      row('Series', text(p.series)),
      row('Status', statusLabel(p.status)),
      row('Air time', text(p.airDisplay)),
      row('Slot', p.slotSeconds ? formatSlot(p.slotSeconds) : none()),
      row('Presenter', text(p.presenter && p.presenter.name))),
    h('h5', {}, 'Framing'),
    listOf(p.framing, (f) => f),
    h('h5', {}, 'Guests'),
    listOf(p.guests, (g) => (g.affiliation ? `${g.name} (${g.affiliation})` : g.name)),
    h('h5', {}, 'Running order'),
    listOf(p.segments, (s) => h('span', { class: 'revision-segment' },
      h('span', { class: 'revision-segment-time' }, `${s.start}–${s.end}`),
      ` ${s.title || s.kind} `,
      h('span', { class: 'muted' }, `(${s.duration})`))),
    p.notes ? [h('h5', {}, 'Notes'), h('p', { class: 'revision-notes', dir: 'auto' }, p.notes)] : null);
}
