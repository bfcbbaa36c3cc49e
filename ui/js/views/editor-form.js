// Converting between what the server sends, what the form holds, and what the
// server accepts; and pointing validation errors at the right control.

import { h } from '../dom.js';
import { userTimeZone, formatSlot } from '../format.js';

export const STATUSES = ['draft', 'planned', 'confirmed', 'aired', 'cancelled'];

export { userTimeZone, formatSlot };

// A new programme's form; `defaults` are the Settings' default.* values (get_settings).
export function emptyForm(defaults = null) {
  const d = defaults || {};
  return {
    title: '', series: d.defaultSeries || '', status: 'draft', airLocal: '',
    timeZone: d.defaultTimeZone || userTimeZone(), slot: formatSlot(d.defaultSlotSeconds),
    presenter: { name: '', personId: null }, notes: '',
    framing: [''], guests: [{ name: '', affiliation: '', personId: null }],
    segments: [], // empty, so that picking a series can start it from the series' format
  };
}

// A segment as the form holds it: the same shape the server accepts.
const segmentFromProgramme = (s) => ({
  kind: s.kind,
  title: s.title ?? '',
  duration: s.duration ?? formatSlot(s.durationSeconds),
  people: (s.people || []).map((p) => p.name),
  question: s.question ?? null,
  notes: s.notes ?? '',
});

// A series format's segment (no people, no question) as a form row.
export const segmentFromFormat = (s) => ({
  kind: s.kind, title: s.title ?? '', duration: formatSlot(s.durationSeconds), people: [], question: null, notes: s.notes ?? '',
});

export function formFromProgramme(p) {
  return {
    title: p.title,
    series: p.series ?? '',
    status: p.status,
    airLocal: p.airLocal ?? '',
    timeZone: p.timeZone ?? '',
    slot: formatSlot(p.slotSeconds),
    presenter: { name: p.presenter ? p.presenter.name : '', personId: p.presenter ? p.presenter.id : null },
    notes: p.notes ?? '',
    framing: p.framing.length ? [...p.framing] : [''],
    guests: p.guests.length
      ? p.guests.map((g) => ({ name: g.name, affiliation: g.affiliation ?? '', personId: g.personId }))
      : [{ name: '', affiliation: '', personId: null }],
    segments: (p.segments || []).map(segmentFromProgramme),
  };
}

const orNull = (s) => (typeof s === 'string' && s.trim() !== '' ? s : null);

// Blank rows are sent too, so that "guests[3]" in an error is the fourth row on screen.
export function inputFromForm(f) {
  const presenterSet = f.presenter.name.trim() !== '' || f.presenter.personId;
  return {
    series: orNull(f.series),
    title: f.title,
    framing: f.framing,
    presenter: presenterSet ? { personId: f.presenter.personId || null, name: f.presenter.name, affiliation: null } : null,
    guests: f.guests.map((g) => ({ personId: g.personId || null, name: g.name, affiliation: orNull(g.affiliation) })),
    air: orNull(f.airLocal),
    timeZone: orNull(f.timeZone),
    slot: orNull(f.slot),
    status: f.status,
    notes: f.notes,
    // Always a list, even an empty one: a running order the producer emptied stays empty.
    segments: (f.segments || []).map((s) => ({
      kind: s.kind, title: s.title, duration: s.duration, people: s.people, question: s.question ?? null, notes: s.notes,
    })),
  };
}

// The air time to send. One the producer picked from the two readings of an hour the
// clocks pass twice goes with its offset; one unchanged since it was saved goes as the
// instant it is, so that hour is not asked about again.
export function airToSend(sent, current, choice) {
  if (choice && choice.airLocal === sent.airLocal && choice.timeZone === sent.timeZone) return choice.reading;
  if (current && current.airAt && sent.airLocal === (current.airLocal ?? '')
    && sent.timeZone === (current.timeZone ?? '')) return current.airAt;
  return orNull(sent.airLocal);
}

// A reading of an ambiguous local time, "2025-10-26T01:30+01:00", as a button says it.
export function readingLabel(reading) {
  const m = /T(\d\d:\d\d(?::\d\d)?)([+-]\d\d:\d\d)$/.exec(reading);
  return m ? `${m[1]} at UTC${m[2]}` : reading;
}

// What "changed" means: differences the server would keep. Blank rows and
// surrounding spaces are not changes.
export function fingerprint(f) {
  const t = (s) => (s || '').trim();
  return JSON.stringify([
    t(f.title), t(f.series), f.status, t(f.airLocal), t(f.timeZone), t(f.slot),
    t(f.presenter.name), t(f.notes).replace(/\r\n/g, '\n'),
    f.framing.map(t).filter(Boolean),
    f.guests.filter((g) => t(g.name) || g.personId).map((g) => [t(g.name), t(g.affiliation)]),
    // Every segment row counts, blank or not: adding one is an edit the producer made.
    (f.segments || []).map((s) => [
      s.kind, t(s.title), t(s.duration), (s.people || []).map(t), s.question ?? null, t(s.notes).replace(/\r\n/g, '\n'),
    ]),
  ]);
}

export function fieldLabel(field) {
  const simple = {
    title: 'Title', series: 'Series', status: 'Status', air: 'Air time', timeZone: 'Time zone',
    slot: 'Slot length', notes: 'Notes', framing: 'Framing', guests: 'Guests',
    presenter: 'Presenter', 'presenter.name': 'Presenter', 'presenter.affiliation': 'Presenter affiliation',
    segments: 'Running order',
  };
  if (simple[field]) return simple[field];
  let m = /^framing\[(\d+)\]$/.exec(field);
  if (m) return `Framing item ${Number(m[1]) + 1}`;
  m = /^guests\[(\d+)\]\.(name|affiliation)$/.exec(field);
  if (m) return `Guest ${Number(m[1]) + 1} ${m[2] === 'name' ? 'name' : 'affiliation'}`;
  m = SEGMENT_FIELD.exec(field);
  if (m) return `Segment ${Number(m[1]) + 1}${m[2] ? ` ${SEGMENT_PARTS[m[2]].label}` : ''}`;
  return field;
}

// `segments[3].duration` and friends: the row, and the part of it.
const SEGMENT_FIELD = /^segments\[(\d+)\](?:\.(kind|title|duration|people|question|notes))?$/;
const SEGMENT_PARTS = {
  kind: { label: 'kind', selector: '.seg-kind' },
  title: { label: 'title', selector: '.seg-title' },
  duration: { label: 'duration', selector: '.seg-duration' },
  people: { label: 'people', selector: '.seg-person, .seg-people' },
  question: { label: 'framing question', selector: '.seg-question' },
  notes: { label: 'notes', selector: '.seg-notes' },
};

// The control a server field name refers to, or null.
export function controlFor(form, field) {
  const byId = {
    title: 'title', series: 'series', status: 'status', air: 'air-local', timeZone: 'time-zone',
    slot: 'slot', notes: 'notes', presenter: 'presenter-name', 'presenter.name': 'presenter-name',
    'presenter.affiliation': 'presenter-name', framing: 'add-framing', guests: 'add-guest',
    segments: 'add-segment',
  };
  if (byId[field]) return form.querySelector(`#${byId[field]}`);
  let m = /^framing\[(\d+)\]$/.exec(field);
  if (m) return form.querySelectorAll('#framing-list .framing-text')[Number(m[1])] || null;
  m = /^guests\[(\d+)\]\.(name|affiliation)$/.exec(field);
  if (m) {
    const row = form.querySelectorAll('#guest-list .guest-row')[Number(m[1])];
    return row ? row.querySelector(m[2] === 'name' ? '.guest-name' : '.guest-affiliation') : null;
  }
  m = SEGMENT_FIELD.exec(field);
  if (m) {
    const row = form.querySelectorAll('#segment-table .segment-row')[Number(m[1])];
    if (!row) return null;
    const control = row.querySelector(SEGMENT_PARTS[m[2] || 'title'].selector);
    if (control && control.classList.contains('seg-people')) control.tabIndex = -1; // no one to tick: focus the cell
    return control;
  }
  return null;
}

// The server's message repeats the field name ("title: is required"); the UI says it with a label.
export function fieldMessage(field, message) {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
}

// Puts the message next to its control and returns the control (to focus), or null.
export function showFieldError(form, field, message) {
  const control = controlFor(form, field);
  const id = `error-${field.replace(/[^a-zA-Z0-9]/g, '-')}`;
  const note = h('p', { class: 'field-error', id, dataset: { field } }, `${fieldLabel(field)} ${fieldMessage(field, message)}`);
  if (!control) return null;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', id);
  // In the running order the message goes in the line under the segment's row,
  // where there is room for a sentence; notes open so a notes error can be seen.
  const segmentRow = control.closest('.segment-row');
  if (segmentRow && control.classList.contains('seg-notes')) {
    segmentRow.querySelector('.seg-notes-wrap').hidden = false;
    segmentRow.querySelector('.seg-notes-toggle').setAttribute('aria-expanded', 'true');
  }
  const holder = segmentRow ? segmentRow.querySelector('.seg-detail')
    : control.closest('.field, .row-fields, .section-actions') || control.parentElement;
  holder.append(note);
  return control;
}
