// Another member changed the programme open here while it has unsaved edits: the
// editor never reloads under the producer. Instead, field by field between the
// version the edits started from (`base`) and the new one (`theirs`): a field only
// they changed is taken in; a field both changed differently keeps what was typed,
// and the banner shows theirs beside it with "Use theirs"; a field only I changed
// stays mine. The banner says who changed it and what.

import { h, replaceChildren } from '../../dom.js';
import { statusLabel } from '../../format.js';
import { formParts } from './form.js';

const LABELS = {
  title: 'Title', series: 'Series', status: 'Status', airLocal: 'Air time', timeZone: 'Time zone', slot: 'Slot length',
  presenter: 'Presenter', notes: 'Notes', framing: 'Framing', guests: 'Guests', segments: 'Running order',
};

// A field's value in words, short enough for the banner.
function said(key, f) {
  const blank = (s) => ((s || '').trim() === '' ? '(blank)' : s.trim());
  switch (key) {
    case 'status': return statusLabel(f.status);
    case 'presenter': return blank(f.presenter.name);
    case 'framing': return f.framing.filter((t) => t.trim()).join(' · ') || '(none)';
    case 'guests': {
      const g = f.guests.filter((x) => (x.name || '').trim());
      return g.map((x) => (x.affiliation ? `${x.name} – ${x.affiliation}` : x.name)).join(', ') || '(none)';
    }
    case 'segments': {
      const s = f.segments || [];
      return s.length ? `${s.length} segment${s.length === 1 ? '' : 's'}: ${s.map((x) => x.title || x.kind).join(', ')}` : '(none)';
    }
    default: return blank(f[key]);
  }
}

// Merges `theirs` into `mine` (all three are forms). Returns the merged form, the
// fields taken in, and the fields both changed (mine kept).
export function mergeForms(base, mine, theirs) {
  const [b, m, t] = [formParts(base), formParts(mine), formParts(theirs)];
  const merged = { ...mine };
  const taken = [];
  const both = [];
  for (const key of Object.keys(LABELS)) {
    if (t[key] === b[key]) continue;
    if (m[key] === b[key]) {
      merged[key] = theirs[key];
      taken.push(key);
    } else if (m[key] !== t[key]) {
      both.push(key);
    }
  }
  return { merged, taken, both };
}

// The banner's element: `show(...)` fills it, `hide()` empties it.
// `use(key, value)` puts their value of one field into the form.
export function reviewBanner({ use }) {
  const el = h('section', { id: 'desk-review', class: 'notice desk-review', role: 'status', 'aria-labelledby': 'desk-review-title', hidden: true, tabindex: -1 });
  const hide = () => { el.hidden = true; el.replaceChildren(); };

  function show({ author, theirs, taken, both }) {
    const rows = [
      ...taken.map((key) => h('li', { class: 'review-taken', dataset: { field: key } },
        h('strong', {}, `${LABELS[key]}: `), h('span', { dir: 'auto' }, said(key, theirs)), h('span', { class: 'muted' }, ' — taken in'))),
      ...both.map((key) => {
        const li = h('li', { class: 'review-both', dataset: { field: key } },
          h('strong', {}, `${LABELS[key]}: `), 'theirs ', h('q', { dir: 'auto' }, said(key, theirs)), h('span', { class: 'muted' }, ' — yours is kept until you pick '),
          h('button', {
            type: 'button', class: 'button small review-use-theirs', onclick: () => {
              use(key, theirs[key]);
              li.replaceChildren(h('strong', {}, `${LABELS[key]}: `), h('span', { dir: 'auto' }, said(key, theirs)), h('span', { class: 'muted' }, ' — theirs taken'));
            },
          }, 'Use theirs'));
        return li;
      }),
    ];
    replaceChildren(el,
      h('div', { class: 'desk-review-head' },
        h('strong', { id: 'desk-review-title', dir: 'auto' }, `${author} changed this programme — review`),
        h('button', { type: 'button', id: 'desk-review-done', class: 'button small', onclick: hide }, 'Done')),
      rows.length
        ? h('ul', { id: 'desk-review-list', class: 'desk-review-list' }, rows)
        : h('p', { class: 'hint' }, 'Nothing shown here differs from what you have: they made the same change, or changed what this form does not show.'),
      h('p', { class: 'hint' }, 'Your unsaved typing is kept. Saving now saves what the form shows, over the new version.'));
    el.hidden = false;
  }

  return { el, show, hide };
}
