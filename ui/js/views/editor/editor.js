// The programme editor. Its promises to the producer: typing is never lost (drafts
// in localStorage on every input), leaving with unsaved changes asks first, and a
// conflicting save keeps what was typed and offers both ways out. The running order
// (segment.js), its live timing (timing.js), the Export menu (export.js), booking
// warnings (booking.js), the same-person check (same-person.js) and the History
// (history.js) live in their own modules; this one wires them to the form. A save,
// a restore and a delete can be undone (undo-actions.js) until the next action.

import { h, anyDialogOpen, escapeLeaves } from '../../dom.js';
import { formatDateTime } from '../../format.js';
import { api } from '../../ipc.js';
import { saveDraft, loadDraft, clearDraft } from '../../drafts.js';
import { showLimits } from '../../limits.js';
import { nameKey } from '../../names.js';
import { confirmDialog, unsavedChangesDialog } from '../../dialog.js';
import { errorBox, noticeBox, statusLine } from '../../feedback.js';
import { framingList, guestList, historyButton, syncHistoryButton } from '../../parts/rows.js';
import { personCombo, pickedPerson } from '../../parts/person-suggest.js';
import { statusSelect } from '../../parts/status.js';
import { suggestTimeZones } from '../../parts/time-zones.js';
import { clearFieldErrors, showFieldError, fieldLabel, fieldMessage } from '../../parts/field-errors.js';
import {
  emptyForm, formFromProgramme, inputFromForm, fingerprint, segmentFromFormat, airToSend, readingLabel,
} from './form.js';
import { segmentTable, rowKey } from './segment.js';
import { liveTiming, describeTiming } from './timing.js';
import { exportMenu } from './export.js';
import { bookingWarnings, bookingForm } from './booking.js';
import { samePersonCheck } from './same-person.js';
import { historyPanel } from './history.js';
import { offerUndo } from '../../undo.js';
import { undoCreate, undoDelete, undoSave } from './undo-actions.js';
import { mergeForms, reviewBanner } from './review.js';
import { deskConflictsNote } from './desk-conflicts.js';
import { lockControl } from './lock.js';
import { onDesk, touches } from '../../desk-feed.js';

let kindCache = null; // the segment kinds never change while the app runs

export function mountEditor(root, ctx, route) {
  let current = route.programme || null; // the programme as last read from the server
  let baseline = null; // fingerprint of `current` (or of the empty form)
  let saving = false;
  let airChoice = null; // the reading picked for an air time the clocks pass twice
  let people = [];
  let defaults = null; // Settings' default.* values, once get_settings has answered
  const peopleByKey = new Map();
  const draftKey = () => (current ? current.id : 'new');

  const field = (label, control, hint) => {
    control.id = control.id || label;
    return h('div', { class: 'field' },
      h('label', { for: control.id }, label),
      control,
      hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null);
  };

  // --- Controls -----------------------------------------------------------
  const title = h('textarea', { id: 'title', rows: 2, 'data-limit': 500, required: true, dir: 'auto', class: 'title-input' });
  const series = h('input', { id: 'series', type: 'text', 'data-limit': 200, list: 'series-names', autocomplete: 'off', dir: 'auto' });
  const status = statusSelect();
  const airLocal = h('input', { id: 'air-local', type: 'datetime-local' });
  const timeZone = h('input', { id: 'time-zone', type: 'text', list: 'time-zone-names', autocomplete: 'off', spellcheck: 'false' });
  const slot = h('input', { id: 'slot', type: 'text', placeholder: 'e.g. 25m', inputmode: 'text', autocomplete: 'off', class: 'short' });
  const presenter = h('input', { id: 'presenter-name', type: 'text', 'data-limit': 200, autocomplete: 'off', dir: 'auto' });
  const notes = h('textarea', { id: 'notes', rows: 6, 'data-limit': 100000, dir: 'auto' });
  const framingEl = h('ol', { id: 'framing-list', class: 'item-list' });
  const addFraming = h('button', { type: 'button', id: 'add-framing', class: 'button subtle' }, '+ Add framing item');
  const guestEl = h('ol', { id: 'guest-list', class: 'item-list' });
  const addGuest = h('button', { type: 'button', id: 'add-guest', class: 'button subtle' }, '+ Add guest');
  const segmentBody = h('tbody', { id: 'segment-rows' });
  const segmentTableEl = h('table', { id: 'segment-table', class: 'segment-table', 'aria-labelledby': 'segments-heading' },
    h('thead', {}, h('tr', {},
      h('th', { class: 'seg-handle' }, h('span', { class: 'visually-hidden' }, 'Drag')),
      h('th', { class: 'seg-number' }, '#'),
      h('th', {}, 'Start'), h('th', {}, 'End'),
      h('th', { class: 'seg-back-head', title: 'Time left to the off-air time when the segment starts' }, 'Back-time'),
      h('th', {}, 'Kind'), h('th', {}, 'Title'),
      h('th', {}, 'Duration'), h('th', { class: 'seg-people-cell' }, 'People'), h('th', { class: 'seg-question-cell' }, 'Question'),
      h('th', {}, h('span', { class: 'visually-hidden' }, 'Actions')))),
    segmentBody);
  const segmentsEmpty = h('p', { class: 'segments-empty', id: 'segments-empty' },
    'No segments yet. Add the first one, or pick a series that has a saved format.');
  const addSegment = h('button', { type: 'button', id: 'add-segment', class: 'button subtle' }, '+ Add segment');
  const saveFormat = h('button', { type: 'button', id: 'save-format', class: 'button small', disabled: true }, 'Save running order as series format');
  const timingSummary = h('p', { id: 'timing-summary', class: 'timing-summary', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

  const seriesList = h('datalist', { id: 'series-names' });
  const zoneList = h('datalist', { id: 'time-zone-names' });

  const heading = h('h1', { id: 'editor-heading', tabindex: -1, dir: 'auto' });
  const meta = h('p', { class: 'form-meta', id: 'form-meta' });
  const stateLine = statusLine({ id: 'form-status' });
  const notices = noticeBox({ id: 'draft-notice' });
  const errors = errorBox({ id: 'form-error', focusable: true });
  const saveButton = h('button', { type: 'submit', id: 'save', class: 'button primary' }, 'Save');
  const backButton = h('button', { type: 'button', id: 'back', class: 'button' }, '← Programmes');
  const deleteButton = h('button', { type: 'button', id: 'delete', class: 'button danger', hidden: true }, 'Delete…');
  // Beside the revision line it opens, where it costs the sticky bar no width.
  const revisionsButton = h('button', { type: 'button', id: 'history', class: 'link-button history-link', hidden: true, 'aria-haspopup': 'dialog' }, 'History');

  const findPerson = (name) => peopleByKey.get(nameKey(name)) || null;
  const framing = framingList(framingEl, addFraming, () => { syncQuestions(); changed(); });
  const openHistory = (personId) => ctx.go({ name: 'person', id: personId });
  const guests = guestList(guestEl, addGuest, findPerson, () => { syncLineup(); warnings.schedule(); changed(); }, openHistory);
  const presenterHistory = historyButton(null, '');
  presenterHistory.addEventListener('click', () => {
    if (presenterHistory.dataset.personId) openHistory(presenterHistory.dataset.personId);
  });
  const syncPresenterHistory = () => syncHistoryButton(presenterHistory, presenter.dataset.personId, presenter.value);
  // Booking warnings: judged on the line-up and the air time as typed.
  const warnings = bookingWarnings({
    read: () => bookingForm({
      programmeId: current ? current.id : null,
      air: airLocal.value, timeZone: timeZone.value, slot: slot.value,
      guests: guests.values(),
    }),
    rows: () => guests.rows(),
    open: openHistory,
  });
  const segments = segmentTable(segmentBody, addSegment, () => { segmentsShown(); timing.schedule(); changed(); });
  const timing = liveTiming(() => ({
    air: airLocal.value.trim() || null,
    timeZone: timeZone.value.trim() || null,
    slot: slot.value.trim() || null,
    durations: segments.durations(),
  }), showTiming);
  const exporter = exportMenu({
    programme: () => current,
    isDirty: () => isDirty(),
    report: {
      notice: (text, ...actions) => { hideError(); notices.show(text, ...actions); },
      error: (text, ...actions) => { errors.show(text, ...actions); errors.focus(); },
      clear: () => hideError(),
    },
  });

  // Lock for air: the badge and button in the bar; another's lock makes the form read only.
  const locker = lockControl({
    programme: () => current,
    onChange: () => applyAccess(),
    report: { error: (text) => { errors.show(text); errors.focus(); } },
  });

  // Another member's change to this programme while it has unsaved edits.
  const review = reviewBanner({
    use: (key, value) => {
      const f = readForm();
      f[key] = value;
      fillForm(f);
      applyAccess();
      changed();
    },
  });

  const conflictsNote = deskConflictsNote({ open: () => ctx.go({ name: 'conflicts' }) });

  const form = h('form', { id: 'programme-form', class: 'editor', novalidate: true, 'aria-labelledby': 'editor-heading' },
    // Errors and notices live in the sticky top so their buttons stay reachable.
    h('div', { class: 'editor-top' },
      h('div', { class: 'editor-bar' },
        backButton,
        h('div', { class: 'editor-bar-title' }, heading, h('div', { class: 'form-meta-row' }, meta, revisionsButton)),
        stateLine.el,
        locker.el,
        exporter.el,
        deleteButton,
        saveButton),
      errors.el,
      notices.el,
      review.el,
      conflictsNote.el),
    h('div', { class: 'editor-body' },
      field('Title — the question the programme asks', title),
      h('div', { class: 'field-grid' },
        field('Series', series),
        field('Status', status),
        h('div', { class: 'field' },
          h('div', { class: 'field-label-row' }, h('label', { for: presenter.id }, 'Presenter'), presenterHistory),
          personCombo(presenter)),
        field('Air time', airLocal, 'Wall-clock time in the time zone'),
        field('Time zone', timeZone),
        field('Slot length', slot, 'e.g. 25:00, 25m, 1h')),
      h('section', { class: 'form-section', 'aria-labelledby': 'framing-heading' },
        h('h2', { id: 'framing-heading' }, 'Framing'),
        h('p', { class: 'hint' }, 'The presenter’s set-up, one point per item, in running order. Alt+↑/↓ moves an item.'),
        framingEl,
        h('div', { class: 'section-actions' }, addFraming)),
      h('section', { class: 'form-section', 'aria-labelledby': 'guests-heading' },
        h('h2', { id: 'guests-heading' }, 'Guests'),
        h('p', { class: 'hint' }, 'In on-screen order, billed as they should appear. Up to 12. Alt+↑/↓ moves a guest.'),
        guestEl,
        h('div', { class: 'section-actions' }, addGuest),
        warnings.el),
      h('section', { class: 'form-section', 'aria-labelledby': 'segments-heading' },
        h('div', { class: 'section-head' }, h('h2', { id: 'segments-heading' }, 'Running order'), timingSummary),
        h('p', { class: 'hint' },
          'Segments in the order they air; start and end follow from the air time. Durations like 1:30, 90s or 2m. Alt+↑/↓ or drag ⠿ moves a segment.'),
        segmentTableEl,
        segmentsEmpty,
        h('div', { class: 'section-actions inline' }, addSegment, saveFormat)),
      field('Notes', notes)),
    seriesList, zoneList);

  const unsavedDialog = unsavedChangesDialog({
    id: 'unsaved-dialog', titleId: 'unsaved-title', keepId: 'keep-editing', discardId: 'discard-changes',
    text: 'This programme has changes that are not saved to the archive.',
  });
  const deleteDialog = confirmDialog({
    id: 'delete-dialog', titleId: 'delete-title', title: 'Delete this programme?',
    buttons: [
      { id: 'cancel-delete', label: 'Cancel', answer: 'cancel' },
      { id: 'confirm-delete', label: 'Delete programme', answer: 'delete', kind: 'danger' },
    ],
    safe: 'cancel',
  });

  const samePerson = samePersonCheck();
  const history = historyPanel({
    programme: () => current,
    isDirty: () => isDirty(),
    onRestored: (saved, before, to) => {
      adopt(saved, { restoreDraft: false });
      offerUndo(undoSave(saved, before.revision, `Restored revision ${to} of “${saved.title}” (now revision ${saved.revision}).`));
      heading.focus();
    },
    onStale: () => loadLatest(),
  });
  root.append(form, unsavedDialog.el, deleteDialog.el, samePerson.el, history.el);

  // --- Reading and writing the form ------------------------------------------
  function readForm() {
    return {
      title: title.value, series: series.value, status: status.value, airLocal: airLocal.value,
      timeZone: timeZone.value, slot: slot.value,
      presenter: { name: presenter.value, personId: presenter.dataset.personId || null },
      notes: notes.value, framing: framing.values(), guests: guests.values(), segments: segments.values(),
    };
  }

  function fillForm(f) {
    // Rebuilding rows drops focus; put it back on the equivalent control.
    const active = document.activeElement;
    const where = active && form.contains(active) ? locate(active) : null;
    title.value = f.title; series.value = f.series; status.value = f.status;
    airLocal.value = f.airLocal; timeZone.value = f.timeZone; slot.value = f.slot;
    presenter.value = f.presenter.name;
    if (f.presenter.personId) presenter.dataset.personId = f.presenter.personId;
    else delete presenter.dataset.personId;
    notes.value = f.notes;
    framing.setAll(f.framing.length ? f.framing : ['']);
    guests.setAll(f.guests.length ? f.guests : [{}]);
    // Segment rows offer the line-up and the framing items, so those go first.
    syncLineup();
    syncQuestions();
    segments.setAll(f.segments || []);
    segmentsShown();
    timing.schedule();
    syncPresenterHistory();
    warnings.schedule();
    if (where) restore(where);
  }

  // --- The running order's links to the rest of the form -------------------------
  function syncLineup() {
    segments.setLineup([
      { key: 'presenter', name: presenter.value.trim() },
      ...guests.rows().map((row) => ({ key: rowKey(row), name: row.querySelector('.guest-name').value.trim() })),
    ]);
  }
  function syncQuestions() {
    segments.setQuestions(framing.rows().map((row) => ({ key: rowKey(row), text: row.querySelector('.framing-text').value })));
  }
  function segmentsShown() {
    const none = segments.rows().length === 0;
    segmentTableEl.hidden = none;
    segmentsEmpty.hidden = !none;
  }
  function showTiming(preview, error) {
    if (!preview) {
      timingSummary.textContent = `Timing unavailable: ${error.message}`;
      timingSummary.className = 'timing-summary neutral';
      segments.applyTiming(null);
      return;
    }
    const { text, tone } = describeTiming(preview);
    timingSummary.textContent = text;
    timingSummary.className = `timing-summary ${tone}`;
    segments.applyTiming(preview);
  }
  function updateSaveFormat() {
    const ok = Boolean(current && current.series && current.segments && current.segments.length > 0);
    saveFormat.disabled = !ok;
    saveFormat.title = ok ? `Make this running order the starting point of new ${current.series} programmes`
      : 'Needs a saved programme with a series and at least one segment';
  }

  function locate(el) {
    const row = el.closest('li, tr.segment-row');
    if (!row) return { el };
    const list = row.parentElement;
    return { list, index: Array.from(list.children).indexOf(row), cls: el.className.split(' ')[0] };
  }
  function restore(where) {
    if (where.el) return where.el.isConnected && where.el.focus();
    const row = where.list.children[Math.min(where.index, where.list.children.length - 1)];
    const el = row && (row.querySelector(`.${where.cls}`) || row.querySelector('textarea, input'));
    if (el) el.focus();
  }

  const isDirty = () => baseline !== null && fingerprint(readForm()) !== baseline;

  function showHeader() {
    heading.textContent = current ? current.title : 'New programme';
    meta.textContent = current ? `Revision ${current.revision} · updated ${formatDateTime(current.updatedAt)}` : '';
    if (current) showLastChange(current);
    deleteButton.hidden = !current;
    revisionsButton.hidden = !current;
    exporter.update();
    updateSaveFormat();
    locker.sync();
    applyAccess();
  }

  // "Last changed by NAME, TIME", in the programme's own zone (the desk's members
  // may be in others).
  async function showLastChange(p) {
    let last;
    try {
      last = await api.lastChange('programme', p.id);
    } catch {
      return; // the revision line stays as it was
    }
    if (!last || current !== p) return;
    const zone = p.timeZone || null;
    meta.textContent = `Revision ${p.revision} · last changed by ${last.author}, ${formatDateTime(last.at, zone)}${zone ? ` (${zone})` : ''}`;
  }

  // Read only while another member holds the lock, or in a viewer's window: fields
  // can still be read, selected and copied; what cannot be saved cannot be typed.
  // Only what this made read only is given back.
  function applyAccess() {
    const readOnly = locker.readOnly();
    form.classList.toggle('read-only', readOnly);
    for (const el of form.querySelectorAll('.editor-body input, .editor-body textarea, .editor-body select, .editor-body button')) {
      if (el.classList.contains('guest-history')) continue; // opens a history: reading
      const typed = el.matches('input:not([type=checkbox]):not([type=radio]), textarea');
      if (readOnly) {
        if (typed ? el.readOnly : el.disabled) continue;
        if (typed) el.readOnly = true;
        else el.disabled = true;
        el.dataset.heldRo = '1';
      } else if (el.dataset.heldRo) {
        if (typed) el.readOnly = false;
        else el.disabled = false;
        delete el.dataset.heldRo;
      }
    }
    saveButton.disabled = readOnly;
    deleteButton.disabled = readOnly;
  }

  function showStateStatus() {
    if (isDirty()) stateLine.set('Unsaved changes', 'dirty');
    else if (current) stateLine.set('Saved', 'saved');
    else stateLine.set('New programme — not in the archive yet');
  }

  const hideError = () => { errors.hide(); bannerFor = null; };
  // The control a "Not saved: <field> …" banner is about: editing it retires the banner.
  let bannerFor = null;

  // Every edit: refresh the status line and keep a draft (or drop it once nothing differs).
  function changed() {
    if (baseline === null) return;
    if (isDirty()) saveDraft(draftKey(), readForm(), current ? current.revision : null);
    else clearDraft(draftKey());
    showStateStatus();
  }

  form.addEventListener('input', (e) => {
    if (bannerFor && e.target === bannerFor) {
      hideError();
      showStateStatus();
    }
    if (e.target.getAttribute('aria-invalid')) {
      e.target.removeAttribute('aria-invalid');
      const note = form.querySelector(`#${e.target.getAttribute('aria-describedby')}`);
      if (note) note.remove();
      e.target.removeAttribute('aria-describedby');
    }
    const t = e.target;
    if (t === presenter || t.classList.contains('guest-name')) syncLineup();
    if (t.classList.contains('framing-text')) syncQuestions();
    if (t === airLocal || t === timeZone || t === slot || t.classList.contains('seg-duration')) timing.schedule();
    if (t === airLocal || t === timeZone || t === slot || t.classList.contains('guest-name')) warnings.schedule();
    changed();
  });
  form.addEventListener('change', (e) => {
    // Date pickers and datalist picks may only report a change.
    if (e.target === airLocal || e.target === timeZone || e.target === slot) timing.schedule();
    if (e.target === airLocal || e.target === timeZone || e.target === slot || e.target.classList.contains('guest-name')) warnings.schedule();
    changed();
  });

  // A new programme in a series with a saved format starts from that format, as long
  // as the producer has not begun a running order of their own; a slot left blank (or
  // still the default one) becomes the format's total, so "over" means something.
  async function startFromFormat() {
    const name = series.value.trim();
    if (current || !name || !segments.isEmpty()) return false;
    let format;
    try {
      format = await api.getSeriesFormat(name);
    } catch {
      return false; // a convenience: the running order can still be typed by hand
    }
    if (!format || !format.segments.length || current || series.value.trim() !== name || !segments.isEmpty()) return false;
    segments.setAll(format.segments.map(segmentFromFormat));
    if (!slot.value.trim() || slot.value === emptyForm(defaults).slot) slot.value = format.total;
    segmentsShown();
    timing.schedule();
    warnings.schedule();
    changed();
    const n = format.segments.length;
    notices.show(`Started from the ${format.series} format (${n} segment${n === 1 ? '' : 's'}, ${format.total}).`);
    return true;
  }
  series.addEventListener('change', startFromFormat);

  // A new programme starts from the Settings' defaults. They arrive after the form is
  // usable, so only fields still as the plain new form had them take them.
  async function applyDefaults() {
    let settings;
    try {
      settings = await api.getSettings();
    } catch {
      return; // the computer's zone and blank fields will do
    }
    if (current || !form.isConnected) return;
    const untouched = !isDirty();
    const plain = emptyForm();
    defaults = settings;
    const wanted = emptyForm(defaults);
    for (const [control, key] of [[series, 'series'], [timeZone, 'timeZone'], [slot, 'slot']]) {
      if (control.value === plain[key]) control.value = wanted[key];
    }
    timing.schedule();
    if (untouched) baseline = fingerprint(readForm());
    await startFromFormat();
    if (untouched && !current) baseline = fingerprint(readForm());
    changed();
  }

  saveFormat.addEventListener('click', async () => {
    if (!current || !current.series) return;
    const { series: name, id } = current;
    const stale = isDirty();
    saveFormat.disabled = true;
    try {
      const n = await api.saveSeriesFormat(name, id);
      hideError();
      notices.show(`Saved as the format of ${name} (${n} segment${n === 1 ? '' : 's'}${stale ? ', as last saved — unsaved changes are not in it' : ''}).`);
    } catch (e) {
      errors.show(`Format not saved: ${e.message}`);
      errors.focus();
    } finally {
      updateSaveFormat();
    }
  });

  presenter.addEventListener('input', () => {
    const person = pickedPerson(presenter) || findPerson(presenter.value);
    if (person) presenter.dataset.personId = person.id;
    else delete presenter.dataset.personId;
    syncPresenterHistory();
  });

  // --- Loading ---------------------------------------------------------------
  function adopt(programme, { restoreDraft }) {
    current = programme;
    conflictsNote.follow(programme ? programme.id : null);
    const base = programme ? formFromProgramme(programme) : emptyForm(defaults);
    fillForm(base);
    baseline = fingerprint(readForm());
    showHeader();
    notices.hide();
    const draft = restoreDraft ? loadDraft(draftKey()) : null;
    const newer = draft && (!programme || Date.parse(draft.savedAt) > Date.parse(programme.updatedAt));
    if (newer && fingerprint(draft.form) !== baseline) {
      fillForm({ ...base, ...draft.form });
      notices.show(`Restored unsaved changes from ${formatDateTime(draft.savedAt)}.`,
        h('button', { type: 'button', id: 'discard-draft', class: 'button small', onclick: discardDraft }, 'Discard draft'));
    }
    showLimits(form); // a draft or a stored value may already be near its limit
    showStateStatus();
  }

  function discardDraft() {
    clearDraft(draftKey());
    fillForm(current ? formFromProgramme(current) : emptyForm(defaults));
    notices.hide();
    clearFieldErrors(form);
    showStateStatus();
    title.focus();
  }

  async function refreshPeople() {
    try {
      people = await api.listPeople();
    } catch {
      return; // suggestions are a convenience; the form works without them
    }
    peopleByKey.clear();
    for (const p of people) peopleByKey.set(nameKey(p.name), p);
  }

  async function loadSuggestions() {
    refreshPeople();
    try {
      kindCache = kindCache || (await api.listSegmentKinds());
      segments.setKinds(kindCache);
    } catch { /* each row still shows its own kind */ }
    await suggestTimeZones(zoneList);
    try {
      if (ctx.seriesSeen.size === 0) {
        for (const p of await api.listProgrammes({ limit: 500 })) if (p.series) ctx.seriesSeen.add(p.series);
      }
      seriesList.replaceChildren(...[...ctx.seriesSeen].sort().map((s) => h('option', { value: s })));
    } catch { /* as above */ }
  }

  // --- Saving ------------------------------------------------------------------
  // "Use existing" in the same-person prompt: the row becomes that person, billed as
  // they were last (unless a billing was typed).
  function linkGuest(row, person) {
    const aff = row.querySelector('.guest-affiliation');
    if (!aff.value.trim()) aff.value = person.lastBilled || person.affiliation || '';
    const input = row.querySelector('.guest-name');
    input.value = person.name;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    row.dataset.personId = person.id;
  }

  async function save() {
    if (saving || baseline === null) return;
    if (locker.readOnly()) {
      errors.show(locker.role() === 'viewer'
        ? 'You are a viewer on this desk: this programme can be read and exported here, not changed.'
        : 'Not saved: another member locked this programme for air (see the lock in the bar). What you typed is kept as a draft.');
      if (isDirty()) saveDraft(draftKey(), readForm(), current ? current.revision : null);
      return;
    }
    saving = true;
    // A new guest whose name nearly matches someone in the directory: ask first.
    if (!(await samePerson.confirm(() => guestEl.querySelectorAll('li.guest-row'), linkGuest))) {
      saving = false;
      return;
    }
    form.setAttribute('aria-busy', 'true');
    clearFieldErrors(form);
    hideError();
    stateLine.set('Saving…');
    const sent = readForm();
    try {
      const wasNew = !current;
      const input = { ...inputFromForm(sent), air: airToSend(sent, current, airChoice) };
      const saved = wasNew
        ? await api.createProgramme(input)
        : await api.updateProgramme(current.id, current.revision, input);
      if (wasNew) clearDraft('new');
      current = saved;
      const typedSince = fingerprint(readForm()) !== fingerprint(sent);
      // Show the server's cleaned-up version, unless the user kept typing meanwhile.
      if (!typedSince) fillForm(formFromProgramme(saved));
      baseline = fingerprint(formFromProgramme(saved));
      if (isDirty()) saveDraft(draftKey(), readForm(), saved.revision);
      else clearDraft(draftKey());
      notices.hide();
      showHeader();
      showStateStatus();
      if (saved.series) ctx.seriesSeen.add(saved.series);
      warnings.schedule(); // now it is in the archive, it must not be compared with itself
      refreshPeople();
      offerUndo(wasNew ? undoCreate(saved) : undoSave(saved, saved.revision - 1, `Saved “${saved.title}” (revision ${saved.revision}).`));
    } catch (e) {
      saveFailed(e);
    } finally {
      saving = false;
      form.removeAttribute('aria-busy');
    }
  }

  function saveFailed(e) {
    saveDraft(draftKey(), readForm(), current ? current.revision : null);
    if (e.code === 'validation' && e.field) {
      const control = showFieldError(form, e.field, e.message);
      const jump = control && h('button', { type: 'button', class: 'button small', onclick: () => control.focus() }, `Go to ${fieldLabel(e.field)}`);
      errors.show(`Not saved: ${fieldLabel(e.field)} ${fieldMessage(e.field, e.message)}.`, jump);
      bannerFor = control;
      stateLine.set('Not saved — see the highlighted field', 'error');
      (control || errors).focus();
    } else if (e.code === 'ambiguous_time' && Array.isArray(e.readings)) {
      // The clocks go back over this hour: ask which of the two the producer means.
      const pick = (reading) => {
        const f = readForm();
        airChoice = { airLocal: f.airLocal, timeZone: f.timeZone, reading };
        save();
      };
      errors.show(`Not saved: this air time happens twice in ${timeZone.value.trim()}, because the clocks go back. Which one do you mean?`,
        ...e.readings.map((r, i) => h('button', { type: 'button', id: `air-reading-${i}`, class: 'button', onclick: () => pick(r) },
          `${i === 0 ? 'The first' : 'The second'}: ${readingLabel(r)}`)));
      stateLine.set('Not saved — which air time?', 'error');
      errors.focus();
    } else if (e.code === 'conflict') {
      errors.show(`Not saved: ${e.message}. What you typed is still here and kept as a draft.`,
        h('button', { type: 'button', id: 'conflict-load-latest', class: 'button', onclick: loadLatest }, 'Load the latest version'),
        h('button', { type: 'button', id: 'conflict-overwrite', class: 'button danger', onclick: overwrite }, 'Overwrite with mine'));
      stateLine.set('Not saved — changed elsewhere', 'error');
      errors.focus();
    } else if (e.code === 'locked' || e.code === 'read_only') {
      errors.show(`Not saved: ${e.message}. What you typed is still here and kept as a draft.`);
      stateLine.set('Not saved — locked', 'error');
      errors.focus();
      locker.refresh();
    } else if (e.code === 'not_found' && current) {
      errors.show('Not saved: this programme was deleted elsewhere. What you typed is still here.',
        h('button', { type: 'button', id: 'save-as-new', class: 'button', onclick: saveAsNew }, 'Save it as a new programme'));
      stateLine.set('Not saved', 'error');
      errors.focus();
    } else {
      errors.show(`Not saved: ${e.message}. What you typed is still here and kept as a draft on this computer.`);
      stateLine.set('Not saved', 'error');
      errors.focus();
    }
  }

  async function loadLatest() {
    const mine = readForm();
    saveDraft(current.id, mine, current.revision);
    try {
      const latest = await api.getProgramme(current.id);
      hideError();
      adopt(latest, { restoreDraft: false });
      notices.show(`Loaded revision ${latest.revision}. Your version is kept as a draft on this computer until you edit again.`,
        h('button', {
          type: 'button', id: 'restore-mine', class: 'button small',
          onclick: () => { fillForm(mine); notices.hide(); changed(); title.focus(); },
        }, 'Put my version back'));
      heading.focus();
    } catch (err) {
      errors.show(`Could not load the latest version: ${err.message}`);
    }
  }

  async function overwrite() {
    try {
      const latest = await api.getProgramme(current.id);
      current = { ...current, revision: latest.revision };
    } catch (err) {
      errors.show(`Could not read the latest version: ${err.message}`);
      return;
    }
    await save();
  }

  function saveAsNew() {
    const mine = readForm();
    current = null;
    baseline = fingerprint(emptyForm(defaults));
    fillForm(mine);
    showHeader();
    save();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });

  revisionsButton.addEventListener('click', async () => {
    await history.open();
    if (revisionsButton.isConnected && !form.contains(document.activeElement)) revisionsButton.focus();
  });

  // --- Leaving and deleting ------------------------------------------------------
  backButton.addEventListener('click', () => ctx.go({ name: 'home' }));

  deleteButton.addEventListener('click', async () => {
    if (!current) return;
    const text = `“${current.title}” goes to the trash, with its running order and line-up, and can be restored from there. The people on it stay in the directory.`;
    if ((await deleteDialog.confirm({ text })) !== 'delete') return deleteButton.focus();
    try {
      const { id, title: gone } = current;
      await api.deleteProgramme(id, current.revision);
      clearDraft(id);
      offerUndo(undoDelete(id, gone));
      ctx.go({ name: 'home' }, { force: true });
    } catch (e) {
      errors.show(`Not deleted: ${e.message}`);
      errors.focus();
    }
  });

  const onKey = (e) => {
    if (anyDialogOpen()) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      save();
    } else if (escapeLeaves(e)) {
      e.preventDefault();
      // Deferred: a dialog opened while this Escape is still being handled would
      // be closed again by the same key press.
      setTimeout(() => ctx.go({ name: 'home' }), 0);
    }
  };
  const onBeforeUnload = (e) => {
    if (!isDirty()) return;
    e.preventDefault();
    e.returnValue = '';
  };
  document.addEventListener('keydown', onKey);
  window.addEventListener('beforeunload', onBeforeUnload);

  // --- Another member's changes ---------------------------------------------------
  // Without unsaved edits the form is read again in place (focus and scroll kept);
  // with them, what they changed is merged in field by field and reviewed in a banner.
  let rereading = false;
  let heardAgain = false; // news that came while the last was being read
  async function theyChanged() {
    if (!current) return;
    if (saving) {
      // Read once the save is in: it may have been made over this news.
      setTimeout(() => { if (form.isConnected) theyChanged(); }, 300);
      return;
    }
    if (rereading) {
      heardAgain = true;
      return;
    }
    rereading = true;
    heardAgain = false;
    try {
      const latest = await api.getProgramme(current.id);
      if (!form.isConnected || !current || latest.id !== current.id || latest.revision <= current.revision) return;
      if (!isDirty()) {
        const scrolled = window.scrollY;
        adopt(latest, { restoreDraft: false });
        window.scrollTo(0, scrolled);
        return;
      }
      let author = 'Another member';
      try {
        const [newest] = await api.programmeHistory(latest.id);
        if (newest && newest.author) author = newest.author;
      } catch { /* the banner still says what changed */ }
      if (!form.isConnected || saving) return;
      const mine = readForm();
      const theirs = formFromProgramme(latest);
      const { merged, taken, both } = mergeForms(formFromProgramme(current), mine, theirs);
      current = latest;
      fillForm(merged);
      baseline = fingerprint(theirs);
      showHeader();
      changed();
      review.show({ author, theirs, taken, both });
    } catch (e) {
      if (e.code === 'not_found' && form.isConnected) {
        errors.show('Another member deleted this programme. What you typed is still here.',
          h('button', { type: 'button', id: 'save-as-new', class: 'button', onclick: saveAsNew }, 'Save it as a new programme'));
      }
    } finally {
      rereading = false;
      if (heardAgain && form.isConnected) theyChanged();
    }
  }
  const stopDesk = onDesk((m) => {
    if (m.kind === 'locks') locker.use(m.locks);
    else if (m.kind === 'local') locker.refresh();
    if (current && touches(m, 'programme', current.id)) theyChanged();
    if (m.kind === 'synced' || m.kind === 'local') conflictsNote.refresh();
  });
  locker.refresh();

  // --- Start -----------------------------------------------------------------
  if (route.programme || !route.id) {
    adopt(route.programme || null, { restoreDraft: true });
    title.focus();
    if (!route.programme) applyDefaults();
  } else {
    stateLine.set('Loading…');
    form.inert = true;
    api.getProgramme(route.id).then(
      (p) => {
        form.inert = false;
        adopt(p, { restoreDraft: true });
        heading.focus();
      },
      (e) => {
        form.inert = false;
        errors.show(e.code === 'not_found' ? 'This programme no longer exists.' : `Could not open the programme: ${e.message}`);
        stateLine.set('');
        backButton.focus();
      },
    );
  }
  loadSuggestions();

  return {
    // Where Back returns to: this programme, once it is in the archive.
    here: () => ({ name: 'editor', id: current ? current.id : null }),
    async confirmLeave() {
      if (!isDirty()) return true;
      const answer = await unsavedDialog.confirm();
      if (answer !== 'discard') return false;
      clearDraft(draftKey());
      return true;
    },
    unmount() {
      stopDesk();
      timing.stop();
      warnings.stop();
      exporter.destroy();
      document.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}
