// The programme archive: a filterable table, newest air time first, paged because
// an archive of years of daily programmes is too large to render at once.

import { h, clear } from '../dom.js';
import { api } from '../ipc.js';
import { formatAir } from '../format.js';
import { errorBox } from '../feedback.js';
import { statusBadge } from '../parts/status.js';
import { onDesk, touches } from '../desk-feed.js';

const PAGE = 200;
const DEBOUNCE_MS = 150;

export function mountList(root, ctx) {
  const state = ctx.listState;
  let loaded = 0;
  let lastId = null; // "Show more" continues after this row (keyset paging)
  let seq = 0; // bumps on every new query; answers to older queries are dropped
  let timer = null;

  const filter = h('input', {
    type: 'search', id: 'filter', class: 'filter-input', value: state.text,
    placeholder: 'Filter by title, series or person', 'data-limit': 200, autocomplete: 'off',
    spellcheck: 'false',
  });
  // Explicit roles: the rows are laid out as grids (see app.css), which in WebKit
  // would otherwise cost the table its semantics for screen readers.
  const tbody = h('tbody', { role: 'rowgroup' });
  const th = (cls, text) => h('th', { scope: 'col', role: 'columnheader', class: cls }, text);
  const table = h('table', { id: 'programme-list', class: 'programme-table', role: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Programmes, newest air time first. Press Enter on a row to open it.'),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      th('col-air', 'Air time'),
      th('col-title', 'Title'),
      th('col-series', 'Series'),
      th('col-status', 'Status'),
      th('col-people', 'Presenter & guests'))),
    tbody);
  const empty = h('p', { class: 'list-empty', id: 'list-empty', hidden: true });
  const count = h('p', { class: 'list-count', role: 'status', 'aria-live': 'polite' });
  const error = errorBox({ tag: 'p' });
  const more = h('button', { type: 'button', id: 'show-more', class: 'button', hidden: true }, 'Show more');

  root.append(
    h('section', { class: 'list-view' },
      h('div', { class: 'view-header' },
        h('h1', {}, 'Programmes'),
        h('div', { class: 'view-actions' },
          h('button', { type: 'button', id: 'paste-listing', class: 'button', onclick: () => ctx.go({ name: 'import' }) }, 'Paste listing'),
          h('button', { type: 'button', id: 'import-files', class: 'button', onclick: () => ctx.go({ name: 'import-files' }) }, 'Import files…'),
          h('button', { type: 'button', id: 'open-trash', class: 'button', onclick: () => ctx.go({ name: 'trash' }) }, 'Trash'),
          h('button', { type: 'button', id: 'new-programme', class: 'button primary', onclick: () => ctx.go({ name: 'editor', id: null }) }, 'New programme'))),
      h('div', { class: 'list-toolbar' },
        h('label', { for: 'filter', class: 'visually-hidden' }, 'Filter programmes'),
        filter,
        count),
      error.el,
      h('div', { class: 'table-wrap' }, table),
      empty,
      h('div', { class: 'list-more' }, more)),
  );

  function row(p) {
    const people = [];
    if (p.presenter) people.push(h('span', { class: 'presenter', dir: 'auto' }, p.presenter));
    if (p.guests.length) {
      people.push(h('span', { class: 'guests', dir: 'auto' }, p.guests.join(', ')));
    }
    const td = (cls, ...content) => h('td', { role: 'cell', class: cls }, content);
    return h('tr', { class: 'programme-row', role: 'row', tabindex: 0, dataset: { id: p.id } },
      td('col-air', p.airAt ? formatAir(p.airAt, p.timeZone) : h('span', { class: 'muted', 'aria-label': 'No air time' }, '—')),
      h('td', { role: 'cell', class: 'col-title', dir: 'auto' }, p.title),
      h('td', { role: 'cell', class: 'col-series', dir: 'auto' }, p.series || ''),
      td('col-status', statusBadge(p.status)),
      td('col-people', people));
  }

  // `keep`: the same rows again, read anew (another member changed some), with the
  // scroll and the focused row kept.
  async function load(reset, { keep = false } = {}) {
    const text = filter.value.trim();
    state.text = text;
    if (reset) seq += 1;
    const mine = seq;
    const offset = reset ? 0 : loaded;
    // The offset is the fallback if that row was deleted meanwhile.
    const after = reset ? null : lastId;
    const limit = keep ? Math.max(loaded, PAGE) : PAGE;
    const focusedRow = keep && document.activeElement && tbody.contains(document.activeElement)
      ? document.activeElement.closest('tr.programme-row') : null;
    const scrolled = window.scrollY;
    more.disabled = true;
    try {
      const page = await api.listProgrammes({ text: text || null, limit, offset, after });
      if (mine !== seq) return;
      error.hide();
      if (reset) {
        clear(tbody);
        loaded = 0;
        lastId = null;
      }
      for (const p of page) {
        tbody.append(row(p));
        if (p.series) ctx.seriesSeen.add(p.series);
      }
      loaded += page.length;
      if (page.length) lastId = page[page.length - 1].id;
      markLocks();
      more.hidden = page.length < limit;
      if (keep) {
        window.scrollTo(0, scrolled);
        const again = focusedRow && tbody.querySelector(`tr[data-id="${CSS.escape(focusedRow.dataset.id)}"]`);
        if (again) again.focus({ preventScroll: true });
      }
      empty.hidden = loaded > 0;
      table.hidden = loaded === 0;
      empty.textContent = text ? 'No programmes match' : 'No programmes yet. Use “New programme” to add one.';
      count.textContent = loaded === 0 ? '' : `${loaded}${more.hidden ? '' : '+'} programme${loaded === 1 ? '' : 's'}`;
    } catch (e) {
      if (mine !== seq) return;
      error.showText(`Could not load programmes: ${e.message}`);
    } finally {
      if (mine === seq) more.disabled = false;
    }
  }

  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(true), DEBOUNCE_MS);
  });
  filter.addEventListener('keydown', (e) => {
    // Enter skips the debounce; Down moves into the results.
    if (e.key === 'Enter') {
      clearTimeout(timer);
      load(true);
    } else if (e.key === 'ArrowDown') {
      const first = tbody.querySelector('tr.programme-row');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  more.addEventListener('click', () => load(false));

  const open = (tr) => ctx.go({ name: 'editor', id: tr.dataset.id });
  tbody.addEventListener('click', (e) => {
    const tr = e.target.closest('tr.programme-row');
    if (tr) open(tr);
  });
  tbody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr.programme-row');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(tr);
    } else if (e.key === 'ArrowDown' && tr.nextElementSibling) {
      e.preventDefault();
      tr.nextElementSibling.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (tr.previousElementSibling || filter).focus();
    }
  });

  // Locked for air: a mark on the row, naming who holds it.
  let locks = [];
  function markLocks() {
    const held = new Map(locks.filter((l) => l.entity === 'programme').map((l) => [l.entityId, l]));
    for (const tr of tbody.querySelectorAll('tr.programme-row')) {
      const old = tr.querySelector('.lock-mark');
      if (old) old.remove();
      const l = held.get(tr.dataset.id);
      if (l) {
        tr.querySelector('.col-title').append(' ', h('span', { class: 'lock-mark', title: `Locked for air since ${new Date(l.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` },
          l.mine ? 'Locked by you' : `Locked by ${l.memberName}`));
      }
    }
  }
  api.deskStatus().then((s) => (s ? api.deskLocks() : [])).then((all) => { locks = all; markLocks(); }, () => {});

  // Another member's change: the rows are read again where they are.
  const stopDesk = onDesk((m) => {
    if (m.kind === 'locks') {
      locks = m.locks;
      markLocks();
    }
    if (touches(m, 'programme') || touches(m, 'person')) load(true, { keep: true });
  });

  load(true);
  filter.focus();

  return {
    unmount() {
      clearTimeout(timer);
      seq += 1;
      stopDesk();
    },
  };
}
