// One person's history across programmes: how often and how lately they have been
// on, what they were billed as, a timeline, and every appearance (each opening its
// programme). Read-only; every way out goes through ctx.go / ctx.back.

import { h, replaceChildren } from '../dom.js';
import { api } from '../ipc.js';
import { statusBadge } from './list.js';
import { timeline } from './timeline.js';

const ROLE_LABELS = { guest: 'Guest', presenter: 'Presenter' };

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function daysAgo(n) {
  if (n === null || n === undefined) return '';
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n < 0) return `in ${-n} day${n === -1 ? '' : 's'}`;
  return `${n} days ago`;
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function backLabel(ctx) {
  const prev = ctx.previous && ctx.previous();
  if (!prev || prev.name === 'home') return '← Programmes';
  if (prev.name === 'guests') return '← Guests';
  if (prev.name === 'editor') return '← Programme';
  if (prev.name === 'settings') return '← Settings';
  return '← Back';
}

export function mountPerson(root, ctx, route) {
  let alive = true;
  const backButton = h('button', { type: 'button', id: 'person-back', class: 'button', onclick: () => ctx.back() }, backLabel(ctx));
  const heading = h('h1', { id: 'person-name', tabindex: -1, dir: 'auto' }, 'Guest history');
  const affiliation = h('p', { id: 'person-affiliation', class: 'person-affiliation', dir: 'auto' });
  const body = h('div', { class: 'person-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const page = h('section', { id: 'person-page', class: 'person-page', 'aria-labelledby': 'person-name' },
    h('div', { class: 'view-header person-header' },
      h('div', { class: 'person-heading' }, heading, affiliation),
      backButton),
    body);
  root.append(page);

  const onKey = (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      ctx.back();
    }
  };
  document.addEventListener('keydown', onKey);

  api.guestHistory(route.id).then(
    (history) => {
      if (!alive) return;
      show(history);
      heading.focus();
    },
    (e) => {
      if (!alive) return;
      heading.textContent = 'Guest history';
      replaceChildren(body, h('p', { class: 'error-box', role: 'alert' },
        e.code === 'not_found' ? 'This person is no longer in the directory.' : `Could not load the history: ${e.message}`));
      backButton.focus();
    },
  );

  function show(history) {
    const { person, appearances, totals, affiliations } = history;
    document.title = `${person.name} — Greenroom`;
    heading.textContent = person.name;
    // Current: what they were last billed as; the directory's entry when never billed.
    const latest = affiliations.length ? affiliations[0].affiliation : null;
    const current = latest || person.affiliation || '';
    affiliation.replaceChildren(current,
      latest && person.affiliation && person.affiliation !== latest
        ? h('span', { class: 'muted person-directory-affiliation' }, ` (directory: ${person.affiliation})`) : '');
    affiliation.hidden = !current;

    const rows = appearances.map(appearanceRow);
    const chart = timeline(appearances, {
      id: 'person-timeline',
      label: (a) => `${a.airDisplay || formatDate(a.airAt)} — ${a.title} (${(ROLE_LABELS[a.role] || a.role).toLowerCase()}${a.status === 'cancelled' ? ', cancelled' : ''})`,
      onPick: (a, index) => {
        const button = rows[index] && rows[index].querySelector('.appearance-open');
        if (button) {
          button.scrollIntoView({ block: 'center' });
          button.focus();
        }
      },
    });

    replaceChildren(body,
      person.notes ? h('p', { class: 'person-notes', dir: 'auto' }, person.notes) : null,
      totalsBlock(totals),
      h('div', { class: 'person-columns' },
        h('section', { class: 'person-card person-billing', 'aria-labelledby': 'billed-heading' },
          h('h2', { id: 'billed-heading' }, 'Billed as'),
          affiliations.length
            ? h('ul', { id: 'person-affiliations', class: 'affiliation-list' }, affiliations.map(affiliationItem))
            : h('p', { class: 'muted', id: 'person-affiliations' }, 'Never billed with an affiliation.')),
        h('section', { class: 'person-card person-chart', 'aria-labelledby': 'timeline-heading' },
          h('div', { class: 'section-head' },
            h('h2', { id: 'timeline-heading' }, 'Timeline'),
            h('p', { class: 'timeline-legend', 'aria-hidden': 'true' },
              h('span', { class: 'legend-dot role-guest' }), 'Guest',
              h('span', { class: 'legend-dot role-presenter' }), 'Presenter',
              h('span', { class: 'legend-dot upcoming' }), 'Not aired yet')),
          chart || h('p', { class: 'muted', id: 'person-timeline-empty' }, 'No dated appearances to chart.'))),
      h('section', { class: 'person-appearances', 'aria-labelledby': 'appearances-heading' },
        h('h2', { id: 'appearances-heading' }, `Appearances (${appearances.length})`),
        appearances.length
          ? h('div', { class: 'table-wrap' }, appearanceTable(rows))
          : h('p', { class: 'muted' }, 'Not on any programme.')));
  }

  function totalsBlock(t) {
    const item = (label, value, id) => h('div', { class: 'stat' },
      h('dt', {}, label), h('dd', { id }, value));
    const last = t.last ? `${formatDate(t.last)}${t.daysSinceLast !== null && t.daysSinceLast !== undefined ? ` (${daysAgo(t.daysSinceLast)})` : ''}` : '—';
    return h('div', { class: 'person-totals-wrap' },
      h('dl', { id: 'person-totals', class: 'person-totals' },
        item('Appearances', String(t.appearances), 'total-appearances'),
        item('First', t.first ? formatDate(t.first) : '—', 'total-first'),
        item('Last', last, 'total-last'),
        item('Last 30 days', String(t.last30Days), 'total-30'),
        item('Last 90 days', String(t.last90Days), 'total-90'),
        item('Last 365 days', String(t.last365Days), 'total-365'),
        item('Upcoming', String(t.upcoming), 'total-upcoming')),
      h('p', { class: 'hint' }, 'Counts leave out cancelled programmes and programmes that have not aired yet.'));
  }

  function affiliationItem(a) {
    let when;
    if (!a.first && !a.last) when = 'undated';
    else if (formatDate(a.first) === formatDate(a.last)) when = formatDate(a.first);
    else when = `${formatDate(a.first) || 'undated'} – ${formatDate(a.last) || 'undated'}`;
    return h('li', { class: 'affiliation-item' },
      h('span', { class: 'affiliation-name', dir: 'auto' }, a.affiliation),
      h('span', { class: 'affiliation-when' }, `${when} · ${plural(a.appearances, 'appearance')}`));
  }

  function appearanceRow(a) {
    const td = (cls, ...content) => h('td', { role: 'cell', class: cls }, content);
    const open = h('button', {
      type: 'button', class: 'link-button appearance-open', dir: 'auto',
      onclick: () => ctx.go({ name: 'editor', id: a.programmeId }),
    }, a.title);
    return h('tr', { class: ['appearance-row', `status-row-${a.status}`], role: 'row', dataset: { programmeId: a.programmeId } },
      td('col-date', a.airDisplay || (a.airAt ? formatDate(a.airAt) : h('span', { class: 'muted' }, 'undated'))),
      h('td', { role: 'cell', class: 'col-series', dir: 'auto' }, a.series || ''),
      td('col-title', open,
        a.status !== 'aired' ? [' ', statusBadge(a.status)] : null,
        a.role === 'guest' && a.presenter ? h('span', { class: 'appearance-presenter muted', dir: 'auto' }, `with ${a.presenter}`) : null),
      td('col-role', h('span', { class: `role-badge role-${a.role}` }, ROLE_LABELS[a.role] || a.role)),
      h('td', { role: 'cell', class: 'col-billed', dir: 'auto' }, a.affiliation || ''),
      h('td', { role: 'cell', class: 'col-copanel', dir: 'auto' }, a.coPanelists.join(', ')));
  }

  function appearanceTable(rows) {
    const th = (cls, text) => h('th', { scope: 'col', role: 'columnheader', class: cls }, text);
    return h('table', { id: 'person-appearances', class: 'data-table appearance-table', role: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Appearances, newest first; undated ones last.'),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
        th('col-date', 'Date'), th('col-series', 'Series'), th('col-title', 'Programme'),
        th('col-role', 'Role'), th('col-billed', 'Billed as'), th('col-copanel', 'Alongside'))),
      h('tbody', { role: 'rowgroup' }, rows));
  }

  return {
    here: () => ({ name: 'person', id: route.id }),
    unmount() {
      alive = false;
      document.removeEventListener('keydown', onKey);
    },
  };
}
