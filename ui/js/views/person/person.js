// One person's history across programmes: how often and how lately they have been
// on, what they were billed as, a timeline, and every appearance (each opening its
// programme), then the record's own history (changes.js). "Edit details" opens the
// directory record's form (form.js);
// every way out goes through ctx.go / ctx.back.

import { h, replaceChildren, escapeLeaves } from '../../dom.js';
import { api } from '../../ipc.js';
import { formatDate, daysAgo, nextBooking, plural } from '../../format.js';
import { unsavedChangesDialog } from '../../dialog.js';
import { errorBox, statusLine } from '../../feedback.js';
import { statusBadge } from '../../parts/status.js';
import { timeline } from './timeline.js';
import { personForm } from './form.js';
import { changesSection } from './changes.js';
import { onDesk, touches } from '../../desk-feed.js';

const ROLE_LABELS = { guest: 'Guest', presenter: 'Presenter' };
// Appearance rows drawn at a time: a presenter of a daily show has thousands, and
// laying out 26,000 rows took WebKit over 10 s (docs/PERFORMANCE.md, issue 6).
const ROWS_PAGE = 200;

export function mountPerson(root, ctx, route) {
  let alive = true;
  const backButton = h('button', { type: 'button', id: 'person-back', class: 'button', onclick: () => ctx.back() }, ctx.backLabel());
  const heading = h('h1', { id: 'person-name', tabindex: -1, dir: 'auto' }, 'Guest history');
  const affiliation = h('p', { id: 'person-affiliation', class: 'person-affiliation', dir: 'auto' });
  const body = h('div', { class: 'person-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const editButton = h('button', { type: 'button', id: 'edit-person', class: 'button', 'aria-expanded': 'false', disabled: true }, 'Edit details');
  const savedNote = statusLine({ id: 'person-saved' });
  const details = h('dl', { id: 'person-details', class: 'person-details', hidden: true });
  const editor = personForm({
    personId: route.id,
    onSaved: () => {
      editButton.setAttribute('aria-expanded', 'false');
      editor.close();
      savedNote.set('Details saved', 'saved');
      load();
    },
    onCancel: () => {
      editButton.setAttribute('aria-expanded', 'false');
      editButton.focus();
    },
  });
  editButton.addEventListener('click', () => {
    if (editor.isOpen()) return editor.el.querySelector('#pf-name').focus();
    savedNote.set('');
    editButton.setAttribute('aria-expanded', 'true');
    editor.open();
  });
  const unsavedDialog = unsavedChangesDialog({
    id: 'person-unsaved-dialog', titleId: 'person-unsaved-title', keepId: 'person-keep-editing', discardId: 'person-discard',
    text: 'The changes to this person’s details are not saved.',
  });
  const page = h('section', { id: 'person-page', class: 'person-page', 'aria-labelledby': 'person-name' },
    h('div', { class: 'view-header person-header' },
      h('div', { class: 'person-heading' }, heading, affiliation, details),
      h('div', { class: 'person-header-actions' }, savedNote.el, editButton, backButton)),
    editor.el,
    body,
    unsavedDialog.el);
  root.append(page);

  const onKey = (e) => {
    // Escape inside the open form does not throw the edits away.
    if (editor.isOpen() && editor.el.contains(e.target)) return;
    if (escapeLeaves(e)) {
      e.preventDefault();
      ctx.back();
    }
  };
  document.addEventListener('keydown', onKey);

  let loads = 0;
  // Each drawing of the page; a page fetch or pick from an earlier one then stops.
  let renders = 0;
  function load() {
    loads += 1;
    const mine = loads;
    // The directory record (honorific, expertise…) is extra: the page works without it.
    const profile = api.personProfile(route.id).catch(() => null);
    return api.guestHistory(route.id).then(
      async (history) => {
        const p = await profile;
        if (!alive || mine !== loads) return;
        show(history, p);
        editButton.disabled = false;
        if (mine === 1) heading.focus();
      },
      (e) => {
        if (!alive || mine !== loads) return;
        heading.textContent = 'Guest history';
        const failed = errorBox({ tag: 'p' });
        failed.showText(e.code === 'not_found' ? 'This person is no longer in the directory.' : `Could not load the history: ${e.message}`);
        replaceChildren(body, failed.el);
        backButton.focus();
      },
    );
  }
  load();

  // Another member changed this person, or a programme (their appearances): the page
  // is read again where it is. The details form, open or not, is never refilled: what
  // is typed there stays (a save over a newer record is refused as a conflict).
  const stopDesk = onDesk((m) => {
    if (!touches(m, 'person', route.id) && !touches(m, 'programme')) return;
    const scrolled = window.scrollY;
    const focused = document.activeElement && document.activeElement.id;
    load().then(() => {
      if (!alive) return;
      window.scrollTo(0, scrolled);
      const again = focused && document.getElementById(focused);
      if (again && again !== document.activeElement) again.focus({ preventScroll: true });
    });
  });

  function showDetails(p) {
    const rows = [];
    const item = (label, value, id) => rows.push(h('div', { class: 'person-detail' },
      h('dt', {}, label), h('dd', { id, dir: 'auto' }, value)));
    if (p && p.expertise && p.expertise.length) item('Expertise', p.expertise.join(', '), 'person-expertise');
    if (p && p.languages && p.languages.length) item('Languages', p.languages.join(', '), 'person-languages');
    const base = p ? [p.baseCity, p.baseTimeZone].filter(Boolean).join(' · ') : '';
    if (base) item('Based in', base, 'person-base');
    if (p && p.email) item('Email', p.email, 'person-email');
    if (p && p.phone) item('Phone', p.phone, 'person-phone');
    details.replaceChildren(...rows);
    details.hidden = rows.length === 0;
  }

  function show(history, profile) {
    renders += 1;
    const { person, timeline: entries, totals, affiliations } = history;
    const honorific = profile && profile.honorific;
    const name = profile ? profile.name : person.name;
    document.title = `${honorific ? `${honorific} ` : ''}${name} — Greenroom`;
    heading.replaceChildren(honorific ? h('span', { class: 'person-honorific' }, `${honorific} `) : '', name);
    showDetails(profile);
    // Current: what they were billed as when last on air; the directory's entry apart.
    const latest = history.lastBilled || null;
    const current = latest || person.affiliation || '';
    affiliation.replaceChildren(current,
      latest && person.affiliation && person.affiliation !== latest
        ? h('span', { class: 'muted person-directory-affiliation' }, ` (directory: ${person.affiliation})`) : '');
    affiliation.hidden = !current;

    // The history brings every appearance in brief (the timeline) and the first page
    // in full; later pages are fetched as rows are asked for. Rows, dots and tooltips
    // are matched by programme, not by position: an import running meanwhile can add
    // appearances the timeline (read when the page opened) does not have.
    const render = renders;
    const shown = () => alive && render === renders;
    const total = entries.length;
    const loaded = history.appearances.slice();
    const fullById = new Map(loaded.map((a) => [a.programmeId, a]));
    const rowById = new Map();
    let next = history.next;
    let fetching = null;
    const fetchMore = () => {
      if (!fetching) {
        fetching = api.guestAppearances(route.id, next, ROWS_PAGE).then((page) => {
          if (!shown()) return;
          loaded.push(...page.appearances);
          for (const a of page.appearances) fullById.set(a.programmeId, a);
          next = page.next;
          retitle();
        }).finally(() => { fetching = null; });
      }
      return fetching;
    };
    const rows = [];
    const tbody = h('tbody', { role: 'rowgroup' });
    const more = h('button', { type: 'button', id: 'appearances-more', class: 'button', hidden: true });
    const moreError = errorBox({ id: 'appearances-error', tag: 'p' });
    // Draws rows until `enough()` or the appearances run out.
    const drawUntil = async (enough) => {
      try {
        while (!enough()) {
          if (rows.length >= loaded.length) {
            if (!next) break;
            await fetchMore();
            if (!shown()) return;
            continue;
          }
          const a = loaded[rows.length];
          const row = appearanceRow(a);
          rows.push(row);
          rowById.set(a.programmeId, row);
          tbody.append(row);
        }
        moreError.hide();
      } catch (e) {
        moreError.showText(`Could not load more appearances: ${e.message}`);
      }
      const left = Math.max(total, loaded.length) - rows.length;
      more.hidden = rows.length >= loaded.length && !next;
      more.textContent = left > 0 ? `Show ${Math.min(left, ROWS_PAGE)} more (${left} not shown)` : 'Show more';
    };
    const drawUpTo = (n) => drawUntil(() => rows.length >= n);
    more.addEventListener('click', () => drawUpTo(rows.length + ROWS_PAGE));
    drawUpTo(ROWS_PAGE);
    // A dot names its programme once that appearance is loaded; before, when and how.
    const tipFor = (a) => {
      const full = fullById.get(a.programmeId);
      const when = formatDate(full ? full.airAt : a.airAt);
      const what = full ? full.title : (a.affiliation ? `billed as ${a.affiliation}` : 'not loaded yet');
      return `${when} — ${what} (${(ROLE_LABELS[a.role] || a.role).toLowerCase()}${a.status === 'cancelled' ? ', cancelled' : ''})`;
    };
    let picks = 0;
    const chart = timeline(entries, {
      id: 'person-timeline',
      label: tipFor,
      onPick: async (a) => {
        // Only the latest pick moves the focus, however long an earlier one loads.
        const pick = ++picks;
        await drawUntil(() => rowById.has(a.programmeId));
        const row = rowById.get(a.programmeId);
        const button = row && row.querySelector('.appearance-open');
        if (button && pick === picks && shown()) {
          button.scrollIntoView({ block: 'center' });
          button.focus();
        }
      },
    });
    function retitle() {
      if (!chart) return;
      for (const dot of chart.querySelectorAll('circle[data-index]')) {
        const entry = entries[Number(dot.dataset.index)];
        const tip = dot.querySelector('title');
        if (tip && entry && fullById.has(entry.programmeId)) tip.textContent = tipFor(entry);
      }
    }

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
        h('h2', { id: 'appearances-heading' }, `Appearances (${total})`),
        total
          ? [h('div', { class: 'table-wrap' }, appearanceTable(tbody)), h('div', { class: 'list-more' }, more), moreError.el]
          : h('p', { class: 'muted' }, 'Not on any programme.')),
      changesSection(route.id));
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
        item('Upcoming', String(t.upcoming), 'total-upcoming'),
        t.next ? item('Next', nextBooking(t.next).replace(/^Next: /, ''), 'total-next') : null),
      h('p', { class: 'hint' }, 'Appearances are aired programmes; planned, draft, confirmed and cancelled ones are not counted.'));
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
      td('col-date', a.airAt ? formatDate(a.airAt) : h('span', { class: 'muted' }, 'undated')),
      h('td', { role: 'cell', class: 'col-series', dir: 'auto' }, a.series || ''),
      td('col-title', open,
        a.status !== 'aired' ? [' ', statusBadge(a.status)] : null,
        a.role === 'guest' && a.presenter ? h('span', { class: 'appearance-presenter muted', dir: 'auto' }, `with ${a.presenter}`) : null),
      td('col-role', h('span', { class: `role-badge role-${a.role}` }, ROLE_LABELS[a.role] || a.role)),
      h('td', { role: 'cell', class: 'col-billed', dir: 'auto' }, a.affiliation || ''),
      h('td', { role: 'cell', class: 'col-copanel', dir: 'auto' }, a.coPanelists.join(', ')));
  }

  function appearanceTable(tbody) {
    const th = (cls, text) => h('th', { scope: 'col', role: 'columnheader', class: cls }, text);
    return h('table', { id: 'person-appearances', class: 'data-table appearance-table', role: 'table' },
      h('caption', { class: 'visually-hidden' }, 'Appearances, newest first; undated ones last.'),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
        th('col-date', 'Date'), th('col-series', 'Series'), th('col-title', 'Programme'),
        th('col-role', 'Role'), th('col-billed', 'Billed as'), th('col-copanel', 'Alongside'))),
      tbody);
  }

  return {
    here: () => ({ name: 'person', id: route.id }),
    async confirmLeave() {
      if (!editor.isDirty()) return true;
      return (await unsavedDialog.confirm()) === 'discard';
    },
    unmount() {
      alive = false;
      stopDesk();
      document.removeEventListener('keydown', onKey);
    },
  };
}
