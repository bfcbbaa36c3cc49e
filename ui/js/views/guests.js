// The guest directory: everyone who has been on a programme, by name, with how
// often and how lately. Filtering is done here (the list is small next to the
// programme archive); a name opens that person's history.

import { h, clear } from '../dom.js';
import { api } from '../ipc.js';
import { formatDate, nextBooking } from '../format.js';
import { errorBox } from '../feedback.js';

// Case-, accent- and space-insensitive.
function fold(s) {
  return (s || '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

export function mountGuests(root, ctx) {
  const state = ctx.guestState || (ctx.guestState = { text: '' });
  let guests = [];
  let alive = true;

  const filter = h('input', {
    type: 'search', id: 'guest-filter', class: 'filter-input', value: state.text,
    placeholder: 'Filter by name or affiliation', 'data-limit': 200, autocomplete: 'off', spellcheck: 'false',
  });
  const count = h('p', { class: 'list-count', role: 'status', 'aria-live': 'polite' });
  const tbody = h('tbody', { role: 'rowgroup' });
  const th = (cls, text) => h('th', { scope: 'col', role: 'columnheader', class: cls }, text);
  const table = h('table', { id: 'guest-table', class: 'data-table guest-table', role: 'table', hidden: true },
    h('caption', { class: 'visually-hidden' }, 'People who have been on programmes, by name.'),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      th('col-name', 'Name'), th('col-affiliation', 'Affiliation'),
      th('col-count', 'Appearances'), th('col-last', 'Last appearance'))),
    tbody);
  const empty = h('p', { class: 'list-empty', id: 'guest-empty', hidden: true });
  const error = errorBox({ tag: 'p' });

  root.append(
    h('section', { id: 'guest-directory', class: 'guest-directory', 'aria-labelledby': 'guests-title' },
      h('div', { class: 'view-header' }, h('h1', { id: 'guests-title' }, 'Guests'),
        h('button', {
          type: 'button', id: 'open-duplicates', class: 'button',
          title: 'People who may be entered twice, and merging them',
          onclick: () => ctx.go({ name: 'duplicates' }),
        }, 'Possible duplicates…')),
      h('div', { class: 'list-toolbar' },
        h('label', { for: 'guest-filter', class: 'visually-hidden' }, 'Filter guests'),
        filter,
        count),
      error.el,
      h('div', { class: 'table-wrap' }, table),
      empty),
  );

  function row(g) {
    const td = (cls, ...content) => h('td', { role: 'cell', class: cls }, content);
    return h('tr', { class: 'guest-dir-row', role: 'row', dataset: { id: g.id } },
      td('col-name', h('button', {
        type: 'button', class: 'link-button guest-open', dir: 'auto',
        onclick: () => ctx.go({ name: 'person', id: g.id }),
      }, g.name)),
      h('td', { role: 'cell', class: 'col-affiliation', dir: 'auto' }, g.affiliation || ''),
      td('col-count', String(g.appearances)),
      td('col-last', g.lastAirAt ? formatDate(g.lastAirAt) : h('span', { class: 'muted' }, '—'),
        g.next ? h('span', { class: 'guest-next muted' }, ` · ${nextBooking(g.next)}`) : null));
  }

  function render() {
    const q = fold(filter.value);
    state.text = filter.value.trim();
    const shown = q ? guests.filter((g) => fold(`${g.name} ${g.affiliation || ''}`).includes(q)) : guests;
    clear(tbody);
    for (const g of shown) tbody.append(row(g));
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.textContent = guests.length === 0 ? 'Nobody yet: people appear here once they are on a programme.' : 'No guests match';
    count.textContent = guests.length === 0 ? ''
      : q ? `${shown.length} of ${guests.length}` : `${guests.length} ${guests.length === 1 ? 'person' : 'people'}`;
  }

  filter.addEventListener('input', render);
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      const first = tbody.querySelector('.guest-open');
      if (first) {
        e.preventDefault();
        if (e.key === 'Enter' && tbody.children.length === 1) first.click();
        else first.focus();
      }
    }
  });

  api.listGuests().then(
    (list) => {
      if (!alive) return;
      guests = list;
      render();
    },
    (e) => {
      if (!alive) return;
      error.showText(`Could not load the guests: ${e.message}`);
    },
  );
  filter.focus();

  return {
    unmount() {
      alive = false;
    },
  };
}
