// Reviewing a listing read by the server before it becomes a programme: the title,
// framing and line-up as read (all editable), who each person is in the directory
// (the exact match, or a choice between a new person and similar names), and what the
// listing does not say (series, air time, slot, status). Nothing is saved until
// "Import programme". Ids and classes are the editor's, so the editor's code points
// the server's field errors (`guests[1].name`, `air`…) at the right control here too.

import { h, replaceChildren, nextId } from '../../dom.js';
import { api } from '../../ipc.js';
import { showLimits } from '../../limits.js';
import { plural, userTimeZone } from '../../format.js';
import { nameKey } from '../../names.js';
import { errorBox, noticeBox, statusLine } from '../../feedback.js';
import { framingList, rowList, controls, LIMITS } from '../../parts/rows.js';
import { statusSelect } from '../../parts/status.js';
import { suggestTimeZones } from '../../parts/time-zones.js';
import { clearFieldErrors, showFieldError, fieldLabel, fieldMessage } from '../../parts/field-errors.js';

const orNull = (s) => (typeof s === 'string' && s.trim() !== '' ? s.trim() : null);

// A row of the line-up as the form keeps it. `src` is where it came from in the draft
// ('presenter', a guest's index, or null for one added by hand); `choice` is 'new',
// 'matched' or the id of a candidate picked.
function rowFromMatch(p, src) {
  return {
    src,
    name: p ? p.name : '',
    honorific: (p && p.honorific) || '',
    affiliation: (p && p.affiliation) || '',
    choice: p && p.matchedPersonId ? 'matched' : 'new',
  };
}

// The review form's values before any edit.
export function initialValues(draft) {
  return {
    title: draft.title,
    framing: draft.framing.length ? [...draft.framing] : [''],
    presenter: rowFromMatch(draft.presenter, 'presenter'),
    guests: draft.guests.map((g, i) => rowFromMatch(g, i)),
    series: '',
    status: 'aired', // a published listing is of a programme that went out
    airLocal: '',
    timeZone: userTimeZone(),
    slot: '',
  };
}

// What makes two listings the same import: the title and the guests' names.
const importKey = (title, names) => JSON.stringify([nameKey(title), names.map(nameKey).filter(Boolean).sort()]);

// `draft` is the server's ImportDraft; `values` the form as last edited (or null).
// `onChange(values)` after every edit; `onImported(result)` once saved; `onBack()`
// returns to the pasted text; `onCancel()` drops the import.
export function reviewForm({ draft, values, ctx, onChange, onImported, onBack, onCancel }) {
  const v = values || initialValues(draft);
  const matchOf = (src) => (src === 'presenter' ? draft.presenter : typeof src === 'number' ? draft.guests[src] : null) || null;
  const originalKey = importKey(draft.title, draft.guests.map((g) => g.name));
  let busy = false;

  // --- Header: where the actions are ----------------------------------------
  const heading = h('h1', { id: 'review-heading', tabindex: -1 }, 'Review the import');
  const reviewStatus = statusLine({ id: 'review-status' });
  const errors = errorBox({ id: 'review-error', focusable: true });
  const notice = noticeBox({ id: 'already-imported', focusable: true });
  const importButton = h('button', { type: 'submit', id: 'import-programme', class: 'button primary' }, 'Import programme');
  const cancelButton = h('button', { type: 'button', id: 'review-cancel', class: 'button', onclick: onCancel }, 'Cancel');
  const backButton = h('button', { type: 'button', id: 'review-back', class: 'button', onclick: onBack }, '← Edit the text');

  // --- What the listing said ------------------------------------------------
  const title = h('textarea', { id: 'title', rows: 2, 'data-limit': 500, required: true, dir: 'auto', class: 'title-input', value: v.title });
  const framingEl = h('ol', { id: 'framing-list', class: 'item-list' });
  const addFraming = h('button', { type: 'button', id: 'add-framing', class: 'button subtle' }, '+ Add framing item');
  const framing = framingList(framingEl, addFraming, changed);
  framing.setAll(v.framing.length ? v.framing : ['']);

  const presenter = personRow(v.presenter, 'presenter');
  const guestEl = h('ol', { id: 'guest-list', class: 'item-list' });
  const addGuest = h('button', { type: 'button', id: 'add-guest', class: 'button subtle' }, '+ Add guest');
  const guests = rowList(guestEl, addGuest, {
    noun: (n) => `guest ${n}`,
    build: (row) => personRow({ src: null, name: '', honorific: '', affiliation: '', choice: 'new', ...row }, 'guest'),
    relabel(row, n) {
      row.querySelector('.guest-name-label').textContent = `Guest ${n} name`;
      row.querySelector('.honorific-label .label-prefix').textContent = `Guest ${n} `;
      row.querySelector('.guest-affiliation-label').textContent = `Guest ${n} billed as`;
    },
    read: readRow,
    focus: '.guest-name',
    allowEmpty: true,
  }, LIMITS.guests, changed);
  guests.setAll(v.guests);

  // --- What it did not say --------------------------------------------------
  const series = h('input', { id: 'series', type: 'text', 'data-limit': 200, list: 'import-series-names', autocomplete: 'off', dir: 'auto', value: v.series });
  const status = statusSelect();
  status.value = v.status;
  const airLocal = h('input', { id: 'air-local', type: 'datetime-local', value: v.airLocal });
  const timeZone = h('input', { id: 'time-zone', type: 'text', list: 'import-zone-names', autocomplete: 'off', spellcheck: 'false', value: v.timeZone });
  const slot = h('input', { id: 'slot', type: 'text', placeholder: 'e.g. 25m', autocomplete: 'off', class: 'short', value: v.slot });
  const seriesList = h('datalist', { id: 'import-series-names' }, [...ctx.seriesSeen].sort().map((s) => h('option', { value: s })));
  const zoneList = h('datalist', { id: 'import-zone-names' });

  const field = (label, control, hint) => h('div', { class: 'field' },
    h('label', { for: control.id }, label), control,
    hint ? h('p', { class: 'hint' }, hint) : null);

  const form = h('form', { id: 'import-review', class: 'editor import-review', novalidate: true, 'aria-labelledby': 'review-heading' },
    h('div', { class: 'editor-top' },
      h('div', { class: 'editor-bar' },
        backButton,
        h('div', { class: 'editor-bar-title' }, heading,
          h('p', { class: 'form-meta' }, 'Nothing is saved until you import it.')),
        reviewStatus.el, cancelButton, importButton),
      errors.el, notice.el),
    h('div', { class: 'editor-body' },
      readerNotes(),
      field('Title — the question the programme asks', title),
      h('section', { class: 'form-section', 'aria-labelledby': 'lineup-heading' },
        h('h2', { id: 'lineup-heading' }, 'Presenter and guests'),
        h('p', { class: 'hint' },
          'Each person is linked to the directory when the name matches someone there; otherwise pick who they are, or keep “New person”.'),
        h('div', { class: 'import-presenter' }, presenter),
        guestEl,
        h('div', { class: 'section-actions' }, addGuest)),
      h('section', { class: 'form-section', 'aria-labelledby': 'framing-heading' },
        h('h2', { id: 'framing-heading' }, 'Framing'),
        h('p', { class: 'hint' }, 'As read from the listing, one point per item. Remove what is not the programme’s.'),
        framingEl,
        h('div', { class: 'section-actions' }, addFraming)),
      h('section', { class: 'form-section', 'aria-labelledby': 'airing-heading' },
        h('h2', { id: 'airing-heading' }, 'When and where it aired'),
        h('p', { class: 'hint' }, 'A listing rarely says; fill in what you know. Everything here can be changed later in the editor.'),
        h('div', { class: 'field-grid' },
          field('Series', series),
          field('Status', status),
          field('Slot length', slot, 'e.g. 25:00, 25m, 1h'),
          field('Air time', airLocal, 'Wall-clock time in the time zone'),
          field('Time zone', timeZone)))),
    seriesList, zoneList);

  // The parser's caveats and the listings it saw but did not take.
  function readerNotes() {
    const parts = [];
    if (draft.warnings.length) {
      parts.push(h('div', { id: 'import-warnings', class: 'import-warnings', role: 'note' },
        h('h2', {}, 'Check these'),
        h('ul', {}, draft.warnings.map((w) => h('li', { dir: 'auto' }, w)))));
    }
    if (draft.otherListings.length) {
      parts.push(h('div', { id: 'other-listings', class: 'import-others' },
        h('p', {}, `Also found, not imported (${draft.otherListings.length}):`),
        h('ul', {}, draft.otherListings.map((t) => h('li', { dir: 'auto' }, t))),
        h('p', { class: 'hint' }, 'Paste each of them on its own to import it.')));
    }
    return parts.length ? h('div', { class: 'import-notes' }, parts) : null;
  }

  // --- One person: name, honorific, billing, and who they are ----------------
  function personRow(row, role) {
    const isPresenter = role === 'presenter';
    const nameId = isPresenter ? 'presenter-name' : nextId('guest-name');
    const honId = isPresenter ? 'presenter-honorific' : nextId('guest-honorific');
    const affId = isPresenter ? 'presenter-affiliation' : nextId('guest-affiliation');
    const el = h(isPresenter ? 'div' : 'li', {
      class: ['import-person', isPresenter ? 'presenter-row' : 'guest-row item-row'],
      dataset: { src: row.src === null ? '' : String(row.src), choice: row.choice },
    },
    isPresenter ? null : h('span', { class: 'row-number', 'aria-hidden': 'true' }),
    h('div', { class: 'row-fields' },
      h('div', { class: 'import-person-fields' },
        h('div', { class: 'field' },
          h('label', { for: nameId, class: 'guest-name-label' }, isPresenter ? 'Presenter' : 'Name'),
          h('input', { id: nameId, class: isPresenter ? 'person-name' : 'person-name guest-name', type: 'text', 'data-limit': LIMITS.name, autocomplete: 'off', dir: 'auto', value: row.name })),
        h('div', { class: 'field' },
          // The column is narrow: whose honorific it is goes to screen readers only.
          h('label', { for: honId, class: 'honorific-label' },
            h('span', { class: 'visually-hidden label-prefix' }, isPresenter ? 'Presenter ' : 'Guest '), 'Honorific'),
          h('input', { id: honId, class: 'person-honorific', type: 'text', 'data-limit': 50, autocomplete: 'off', dir: 'auto', value: row.honorific })),
        h('div', { class: 'field' },
          h('label', { for: affId, class: 'guest-affiliation-label' }, isPresenter ? 'Presenter billed as' : 'Billed as / affiliation'),
          h('input', { id: affId, class: isPresenter ? 'person-affiliation' : 'person-affiliation guest-affiliation', type: 'text', 'data-limit': LIMITS.affiliation, autocomplete: 'off', dir: 'auto', value: row.affiliation }))),
      h('div', { class: 'person-match', 'aria-live': 'polite' })),
    isPresenter ? null : controls('guest'));
    showMatch(el);
    return el;
  }

  // Shows who the row's person is. A name edited away from the one read is matched by
  // name on import; putting the name back brings the choice back.
  function showMatch(el) {
    const box = el.querySelector('.person-match');
    const name = el.querySelector('.person-name').value;
    const m = matchOf(srcOf(el));
    if (!name.trim()) {
      replaceChildren(box, el.classList.contains('presenter-row') && !m
        ? h('p', { class: 'hint' }, 'No presenter was found in the listing; type one, or leave it empty.')
        : null);
      return;
    }
    if (!m || nameKey(m.name) !== nameKey(name)) {
      replaceChildren(box, h('p', { class: 'hint match-new' },
        'Linked on import to someone with exactly this name in the directory; otherwise added as a new person.'));
      return;
    }
    if (m.matchedPersonId) {
      const count = h('span', { class: 'match-count' });
      replaceChildren(box, h('p', { class: 'match-found' },
        'In the directory: ', h('strong', { dir: 'auto' }, m.matchedName), count, ' — ',
        h('button', {
          type: 'button', class: 'link-button open-history', dataset: { personId: m.matchedPersonId },
          'aria-label': `Open the history of ${m.matchedName}`,
        }, 'Open history')));
      appearancesOf(m).then((n) => { if (n !== null) count.textContent = ` (${plural(n, 'appearance')})`; });
      return;
    }
    if (!m.candidates.length) {
      replaceChildren(box, h('p', { class: 'hint match-new' }, 'New person — no one with a similar name in the directory.'));
      return;
    }
    const group = nextId('match');
    const option = (value, ...label) => {
      const id = nextId('match-option');
      return h('div', { class: 'match-option' },
        h('input', { type: 'radio', id, name: group, value, class: 'match-choice', checked: el.dataset.choice === value }),
        h('label', { for: id }, label));
    };
    replaceChildren(box, h('fieldset', { class: 'match-choices' },
      h('legend', {}, `Who is ${name.trim()}?`),
      option('new', 'New person'),
      m.candidates.map((c) => option(c.id,
        h('span', { dir: 'auto' }, c.name),
        h('span', { class: 'muted' }, ` — ${c.affiliation ? `${c.affiliation}, ` : ''}${plural(c.appearances, 'appearance')}`)))));
  }

  function srcOf(el) {
    const s = el.dataset.src;
    if (s === '') return null;
    return s === 'presenter' ? s : Number(s);
  }

  function readRow(el) {
    return {
      src: srcOf(el),
      name: el.querySelector('.person-name').value,
      honorific: el.querySelector('.person-honorific').value,
      affiliation: el.querySelector('.person-affiliation').value,
      choice: el.dataset.choice || 'new',
    };
  }

  // The directory id the row links to, or null (a new person, or matched by name).
  function personIdOf(row) {
    const m = matchOf(row.src);
    if (!m || nameKey(m.name) !== nameKey(row.name)) return null;
    if (m.matchedPersonId) return m.matchedPersonId;
    return m.candidates.some((c) => c.id === row.choice) ? row.choice : null;
  }

  function readValues() {
    return {
      title: title.value, framing: framing.values(),
      presenter: readRow(presenter), guests: guests.values(),
      series: series.value, status: status.value, airLocal: airLocal.value, timeZone: timeZone.value, slot: slot.value,
    };
  }

  // The programme to save, and the honorifics for its line-up in the same order.
  function toInput(f) {
    const person = (row) => ({ personId: personIdOf(row), name: row.name, affiliation: orNull(row.affiliation) });
    const hasPresenter = f.presenter.name.trim() !== '';
    const lineup = [...(hasPresenter ? [f.presenter] : []), ...f.guests];
    return {
      input: {
        series: orNull(f.series), title: f.title, framing: f.framing,
        presenter: hasPresenter ? person(f.presenter) : null,
        guests: f.guests.map(person),
        air: orNull(f.airLocal), timeZone: orNull(f.timeZone), slot: orNull(f.slot),
        status: f.status, notes: '',
      },
      honorifics: lineup.map((row) => orNull(row.honorific)),
    };
  }

  // --- Already imported -------------------------------------------------------
  // The same title and guests would be the same programme again, so Import waits for
  // an edit that makes it another one.
  function syncAlreadyImported() {
    const f = readValues();
    const same = draft.alreadyImported && importKey(f.title, f.guests.map((g) => g.name)) === originalKey;
    importButton.disabled = busy || Boolean(same);
    importButton.title = same ? 'Imported before: change the title or the guests to import it as another programme' : '';
    if (same && !notice.shown) showAlreadyImported(draft.alreadyImported, 'This listing was imported before.');
  }

  function showAlreadyImported(id, text) {
    const open = h('button', {
      type: 'button', id: 'open-already-imported', class: 'button small',
      onclick: () => ctx.go({ name: 'editor', id }),
    }, 'Open that programme');
    notice.show(text, open);
    api.getProgramme(id).then((p) => {
      open.textContent = `Open “${p.title}”`;
    }, () => { /* the plain label will do */ });
  }

  // --- Events -------------------------------------------------------------------
  function changed() {
    syncAlreadyImported();
    onChange(readValues());
  }

  form.addEventListener('input', (e) => {
    const t = e.target;
    // Editing the field a "Not imported: <field> …" banner is about retires the banner.
    if (bannerFor && t === bannerFor) {
      bannerFor = null;
      errors.hide();
      setStatus('');
    }
    if (t.getAttribute('aria-invalid')) {
      t.removeAttribute('aria-invalid');
      const note = form.querySelector(`#${t.getAttribute('aria-describedby')}`);
      if (note) note.remove();
      t.removeAttribute('aria-describedby');
    }
    if (t.classList.contains('person-name')) showMatch(t.closest('.import-person'));
    changed();
  });
  form.addEventListener('change', (e) => {
    if (e.target.classList.contains('match-choice')) {
      e.target.closest('.import-person').dataset.choice = e.target.value;
    }
    changed();
  });
  form.addEventListener('click', (e) => {
    const open = e.target.closest('.open-history');
    if (open) ctx.go({ name: 'person', id: open.dataset.personId });
  });
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      submit();
    } else if (e.target.tagName === 'INPUT') {
      e.preventDefault(); // Enter in a field is not "import now"; Ctrl+Enter is
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });

  // --- Importing ------------------------------------------------------------------
  async function submit() {
    if (busy || importButton.disabled) return;
    busy = true;
    importButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    clearFieldErrors(form);
    errors.hide();
    setStatus('Importing…');
    const { input, honorifics } = toInput(readValues());
    try {
      const result = await api.importListing(input, honorifics);
      if (result.outcome === 'created') {
        onImported({ ...result, title: input.title });
        return;
      }
      setStatus('Not imported', 'error');
      showAlreadyImported(result.id, 'Not imported: a programme with this title and these guests was imported before.');
      notice.focus();
    } catch (e) {
      failed(e);
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
      if (form.isConnected) syncAlreadyImported();
    }
  }

  function failed(e) {
    setStatus('Not imported — nothing was saved', 'error');
    if (e.code === 'validation' && e.field) {
      const control = showFieldError(form, e.field, e.message);
      const jump = control && h('button', { type: 'button', class: 'button small', onclick: () => control.focus() }, `Go to ${fieldLabel(e.field)}`);
      showError(`Not imported: ${fieldLabel(e.field)} ${fieldMessage(e.field, e.message)}.`, jump);
      bannerFor = control;
      (control || errors).focus();
    } else {
      showError(`Not imported: ${e.message}. Nothing was saved; the review is kept.`);
      errors.focus();
    }
  }

  let bannerFor = null;
  function showError(text, action) {
    bannerFor = null;
    errors.show(text, action);
  }

  const setStatus = (text, kind) => reviewStatus.set(text, kind);

  async function appearancesOf(m) {
    try {
      const found = await api.suggestPeople(m.matchedName, 10);
      const p = found.find((s) => s.id === m.matchedPersonId);
      return p ? p.appearances : null;
    } catch {
      return null; // the count is a convenience
    }
  }

  suggestTimeZones(zoneList);

  showLimits(form); // a listing's title may already be past its limit
  syncAlreadyImported();
  return {
    el: form,
    focus: () => heading.focus(),
  };
}
