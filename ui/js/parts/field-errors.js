// The server names the field a validation error is about (`title`, `guests[1].name`,
// `segments[3].duration`); this puts the message next to that control and says the
// field's name in words. The editor and the import review share ids and classes, so
// both use it.

import { h } from '../dom.js';

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
