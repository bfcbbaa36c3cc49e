// Converting between what the server sends, what the form holds, and what the
// server accepts. Pointing the server's validation errors at the right control is
// parts/field-errors.js (the import review shares it).

import { userTimeZone, formatSlot } from '../../format.js';

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

// A segment as the form holds it: the same shape the server accepts. Its id goes
// with it through edits and moves (a desk merges running orders by it); a new row
// has none and gets one when saved.
const segmentFromProgramme = (s) => ({
  id: s.id ?? null,
  kind: s.kind,
  title: s.title ?? '',
  duration: s.duration ?? formatSlot(s.durationSeconds),
  people: (s.people || []).map((p) => p.name),
  question: s.question ?? null,
  notes: s.notes ?? '',
});

// A series format's segment (no people, no question) as a form row: a new segment.
export const segmentFromFormat = (s) => ({
  id: null, kind: s.kind, title: s.title ?? '', duration: formatSlot(s.durationSeconds), people: [], question: null, notes: s.notes ?? '',
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
      id: s.id || null, kind: s.kind, title: s.title, duration: s.duration, people: s.people, question: s.question ?? null, notes: s.notes,
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

// What "changed" means, field by field: differences the server would keep. Blank
// rows and surrounding spaces are not changes. The keys are the form's own.
export function formParts(f) {
  const t = (s) => (s || '').trim();
  const parts = {
    title: t(f.title), series: t(f.series), status: f.status, airLocal: t(f.airLocal), timeZone: t(f.timeZone),
    slot: t(f.slot), presenter: t(f.presenter.name), notes: t(f.notes).replace(/\r\n/g, '\n'),
    framing: f.framing.map(t).filter(Boolean),
    guests: f.guests.filter((g) => t(g.name) || g.personId).map((g) => [t(g.name), t(g.affiliation)]),
    // Every segment row counts, blank or not: adding one is an edit the producer made.
    segments: (f.segments || []).map((s) => [
      s.kind, t(s.title), t(s.duration), (s.people || []).map(t), s.question ?? null, t(s.notes).replace(/\r\n/g, '\n'),
    ]),
  };
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, JSON.stringify(v)]));
}

export function fingerprint(f) {
  return JSON.stringify(formParts(f));
}
