// Editing a person's directory record on the person page: name, honorific, current
// affiliation, expertise and languages (typed comma-separated, stored as lists),
// where they are based, notes, private contact details, and the optional fields for
// the balance report. The server validates; its messages go next to their field. A
// save against a stale revision is refused, and the form offers the latest version.

import { h } from '../../dom.js';
import { api } from '../../ipc.js';
import { errorBox, statusLine } from '../../feedback.js';
import { fieldMessage } from '../../parts/field-errors.js';
import { suggestTimeZones } from '../../parts/time-zones.js';

// "Russia, NATO ,, arms control" → ["Russia", "NATO", "arms control"]
export function splitTags(text) {
  return (text || '').split(',').map((t) => t.trim()).filter(Boolean);
}

const orNull = (s) => (s.trim() === '' ? null : s);

// The fields the server names in its errors, and the control of each.
const FIELDS = {
  name: { id: 'pf-name', label: 'Name' },
  honorific: { id: 'pf-honorific', label: 'Honorific' },
  affiliation: { id: 'pf-affiliation', label: 'Current affiliation' },
  expertise: { id: 'pf-expertise', label: 'Expertise' },
  languages: { id: 'pf-languages', label: 'Languages' },
  baseCity: { id: 'pf-base-city', label: 'Base city' },
  baseTimeZone: { id: 'pf-base-time-zone', label: 'Base time zone' },
  notes: { id: 'pf-notes', label: 'Notes' },
  email: { id: 'pf-email', label: 'Email' },
  phone: { id: 'pf-phone', label: 'Phone' },
  gender: { id: 'pf-gender', label: 'Gender' },
  genderSource: { id: 'pf-gender-source', label: 'Recorded as' },
};

// `onSaved(stored)` runs after a successful save; `onCancel()` when the form is closed unsaved.
export function personForm({ personId, onSaved, onCancel }) {
  let profile = null; // the stored profile the form was filled from (its revision is sent)
  let baseline = null;
  let saving = false;

  const input = (key, attrs = {}) => h('input', {
    id: FIELDS[key].id, type: 'text', autocomplete: 'off', dir: 'auto', ...attrs,
  });
  const c = {
    name: input('name', { 'data-limit': 200, required: true }),
    honorific: input('honorific', { 'data-limit': 50, placeholder: 'Dr, Prof, Amb…', class: 'short-text' }),
    affiliation: input('affiliation', { 'data-limit': 300 }),
    expertise: input('expertise', { placeholder: 'e.g. Russia, NATO, arms control' }),
    languages: input('languages', { placeholder: 'e.g. English, Arabic' }),
    baseCity: input('baseCity', { 'data-limit': 200 }),
    baseTimeZone: input('baseTimeZone', { 'data-limit': 64, list: 'person-time-zone-names', spellcheck: 'false', dir: 'ltr' }),
    notes: h('textarea', { id: FIELDS.notes.id, rows: 4, 'data-limit': 100000, dir: 'auto' }),
    email: input('email', { type: 'email', 'data-limit': 254, dir: 'ltr' }),
    phone: input('phone', { type: 'tel', 'data-limit': 50, dir: 'ltr' }),
    gender: input('gender', { 'data-limit': 100 }),
    genderSource: h('select', { id: FIELDS.genderSource.id },
      h('option', { value: '' }, '— not stated —'),
      h('option', { value: 'self' }, 'Self-identified'),
      h('option', { value: 'inferred' }, 'Inferred by a producer')),
  };
  const zoneList = h('datalist', { id: 'person-time-zone-names' });

  const field = (key, hint) => h('div', { class: 'field', dataset: { field: key } },
    h('label', { for: FIELDS[key].id }, FIELDS[key].label),
    c[key],
    hint ? h('p', { class: 'hint', id: `${FIELDS[key].id}-hint` }, hint) : null);
  for (const key of ['expertise', 'languages', 'gender']) c[key].setAttribute('aria-describedby', `${FIELDS[key].id}-hint`);

  const errors = errorBox({ id: 'person-form-error', focusable: true });
  const status = statusLine({ id: 'person-form-status' });
  const save = h('button', { type: 'submit', id: 'save-person', class: 'button primary' }, 'Save details');
  const cancel = h('button', { type: 'button', id: 'cancel-person', class: 'button' }, 'Cancel');

  const el = h('form', { id: 'person-form', class: 'person-form', novalidate: true, 'aria-labelledby': 'person-form-title', hidden: true },
    h('h2', { id: 'person-form-title' }, 'Edit details'),
    errors.el,
    h('div', { class: 'person-form-grid' },
      field('honorific'),
      field('name'),
      field('affiliation', null),
      field('expertise', 'Comma-separated'),
      field('languages', 'Comma-separated'),
      field('baseCity'),
      field('baseTimeZone')),
    field('notes'),
    h('fieldset', { class: 'person-fieldset', id: 'person-contacts', 'aria-describedby': 'person-contacts-note' },
      h('legend', {}, 'Private contact details'),
      h('p', { class: 'hint', id: 'person-contacts-note' }, 'Never included in exports, lists or search results.'),
      h('div', { class: 'person-form-grid' }, field('email'), field('phone'))),
    h('fieldset', { class: 'person-fieldset', id: 'person-balance', 'aria-describedby': 'person-balance-note' },
      h('legend', {}, 'For the balance report (optional)'),
      h('p', { class: 'hint', id: 'person-balance-note' },
        'Only used to count the balance of voices across programmes. Leave blank if unknown.'),
      h('div', { class: 'person-form-grid' },
        field('gender', 'Free text, as the person describes themselves'),
        field('genderSource'))),
    h('div', { class: 'person-form-actions' }, save, cancel, status.el),
    zoneList);

  function fill(p) {
    profile = p;
    c.name.value = p.name || '';
    c.honorific.value = p.honorific || '';
    c.affiliation.value = p.affiliation || '';
    c.expertise.value = (p.expertise || []).join(', ');
    c.languages.value = (p.languages || []).join(', ');
    c.baseCity.value = p.baseCity || '';
    c.baseTimeZone.value = p.baseTimeZone || '';
    c.notes.value = p.notes || '';
    c.email.value = p.email || '';
    c.phone.value = p.phone || '';
    c.gender.value = p.gender || '';
    c.genderSource.value = p.genderSource || '';
    baseline = JSON.stringify(read());
  }

  function read() {
    const gender = orNull(c.gender.value);
    return {
      name: c.name.value,
      honorific: orNull(c.honorific.value),
      affiliation: orNull(c.affiliation.value),
      expertise: splitTags(c.expertise.value),
      languages: splitTags(c.languages.value),
      baseCity: orNull(c.baseCity.value),
      baseTimeZone: orNull(c.baseTimeZone.value.trim()),
      notes: c.notes.value,
      email: orNull(c.email.value.trim()),
      phone: orNull(c.phone.value),
      gender,
      genderSource: gender ? (c.genderSource.value || null) : null,
    };
  }

  function clearErrors() {
    for (const n of el.querySelectorAll('.field-error')) n.remove();
    for (const ctl of el.querySelectorAll('[aria-invalid]')) {
      ctl.removeAttribute('aria-invalid');
      const hint = document.getElementById(`${ctl.id}-hint`);
      if (hint) ctl.setAttribute('aria-describedby', hint.id);
      else ctl.removeAttribute('aria-describedby');
    }
    errors.hide();
  }

  // The server's message repeats the field ("email: … is not an email address").
  function fieldError(field, message) {
    const spec = FIELDS[field];
    const ctl = spec && c[field];
    if (!ctl) return null;
    const text = fieldMessage(field, message);
    const id = `${spec.id}-error`;
    ctl.closest('.field').append(h('p', { class: 'field-error', id }, `${spec.label} ${text}`));
    ctl.setAttribute('aria-invalid', 'true');
    ctl.setAttribute('aria-describedby', [ctl.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    return ctl;
  }

  async function reload() {
    try {
      fill(await api.personProfile(personId));
      clearErrors();
      status.set(`Loaded the latest version (revision ${profile.revision}).`);
      c.name.focus();
    } catch (e) {
      errors.show(`Could not load the latest version: ${e.message}`);
    }
  }

  el.addEventListener('input', (e) => {
    const ctl = e.target;
    if (ctl.getAttribute('aria-invalid')) {
      const note = document.getElementById(`${ctl.id}-error`);
      if (note) note.remove();
      ctl.removeAttribute('aria-invalid');
      const hint = document.getElementById(`${ctl.id}-hint`);
      if (hint) ctl.setAttribute('aria-describedby', hint.id);
      else ctl.removeAttribute('aria-describedby');
    }
    status.set(isDirty() ? 'Unsaved changes' : '', isDirty() ? 'dirty' : '');
  });

  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving || !profile) return;
    saving = true;
    save.disabled = true;
    clearErrors();
    status.set('Saving…');
    try {
      const stored = await api.updatePerson(personId, profile.revision, read());
      fill(stored);
      status.set('Saved', 'saved');
      onSaved(stored);
    } catch (err) {
      if (err.code === 'validation' && err.field && FIELDS[err.field]) {
        const ctl = fieldError(err.field, err.message);
        status.set('Not saved — see the highlighted field', 'error');
        ctl.focus();
      } else if (err.code === 'conflict') {
        errors.show('Not saved: this person’s details were changed elsewhere (or merged) since you opened the form. What you typed is still here.',
          h('button', { type: 'button', id: 'person-load-latest', class: 'button', onclick: reload }, 'Load the latest version'));
        status.set('Not saved — changed elsewhere', 'error');
        errors.focus();
      } else {
        errors.show(`Not saved: ${err.message}`);
        status.set('Not saved', 'error');
        errors.focus();
      }
    } finally {
      saving = false;
      save.disabled = false;
    }
  });

  cancel.addEventListener('click', () => {
    close();
    onCancel();
  });

  function isDirty() {
    return !el.hidden && baseline !== null && JSON.stringify(read()) !== baseline;
  }

  function close() {
    el.hidden = true;
    clearErrors();
    status.set('');
  }

  // Opens the form on the latest stored record.
  async function open() {
    clearErrors();
    status.set('Loading…');
    el.hidden = false;
    el.inert = true;
    try {
      fill(await api.personProfile(personId));
      status.set('');
    } catch (e) {
      errors.show(`Could not load the details: ${e.message}`);
      status.set('');
      return;
    } finally {
      el.inert = false;
    }
    c.name.focus();
    if (!zoneList.firstChild) await suggestTimeZones(zoneList);
  }

  return { el, open, close, isDirty, isOpen: () => !el.hidden };
}
