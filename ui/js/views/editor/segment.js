// The running order: a table of segments on the same add/move/remove machinery as
// the guest rows, plus drag and drop. Clock times are never worked out here: the
// editor asks the server (preview_timing) and hands the answer to applyTiming, so
// the table, the CLI and the exports always agree.

import { h, nextId, replaceChildren } from '../../dom.js';
import { nameKey } from '../../names.js';
import { controls, rowList } from '../../parts/rows.js';

export const SEGMENT_LIMIT = 500; // the server's limit, so "Add" stops where saving would fail

// Stable identities for rows of other lists (guests, framing items), so that a
// renamed guest or a moved framing item can be followed rather than forgotten.
const rowKeys = new WeakMap();
let keySeq = 0;
export function rowKey(row) {
  if (!rowKeys.has(row)) {
    keySeq += 1;
    rowKeys.set(row, `k${keySeq}`);
  }
  return rowKeys.get(row);
}

// First names are enough to tell a panel apart; the full name is the value and the
// accessible name, and is shown whenever two first names collide.
function shortNames(names) {
  const first = (n) => n.split(/\s+/)[0];
  const counts = new Map();
  for (const n of names) counts.set(nameKey(first(n)), (counts.get(nameKey(first(n))) || 0) + 1);
  return names.map((n) => (counts.get(nameKey(first(n))) > 1 ? n : first(n)));
}

const QUESTION_CHARS = 26;
const UNKNOWN = '—';
const questionLabel = (n, text) => {
  const t = text.trim().replace(/\s+/g, ' ');
  return `Q${n} ${t.length > QUESTION_CHARS ? `${t.slice(0, QUESTION_CHARS - 1)}…` : t}`;
};

// `tbody` holds one tr.segment-row per segment. `onChange` runs after every
// structural change (add, move, remove, drop) — typing is reported by the form's
// own input events.
export function segmentTable(tbody, addButton, onChange) {
  let kinds = []; // [{value, label}] once list_segment_kinds has answered
  let lineup = []; // [{key, name}]: the presenter and guests, in form order
  let questions = []; // [{key, text}]: the non-blank framing items, numbered from 1

  function kindOptions(select, value) {
    const list = kinds.length ? kinds : [{ value, label: value }];
    const known = list.some((k) => k.value === value);
    // dom.js's replaceChildren skips the null; the DOM's own would print "null".
    replaceChildren(select,
      list.map((k) => h('option', { value: k.value }, k.label)),
      known ? null : h('option', { value }, value));
    select.value = value;
  }

  function questionOptions(select, number) {
    replaceChildren(select,
      h('option', { value: '' }, '—'),
      questions.map((q, i) => h('option', { value: String(i + 1), title: q.text }, questionLabel(i + 1, q.text))));
    select.value = number && number <= questions.length ? String(number) : '';
    select.title = select.value ? questions[Number(select.value) - 1].text : '';
  }

  function peopleChoices(group, selected) {
    const names = lineup.map((p) => p.name).filter(Boolean);
    const unique = names.filter((n, i) => names.findIndex((m) => nameKey(m) === nameKey(n)) === i);
    const picked = new Set(selected.map(nameKey));
    const labels = shortNames(unique);
    replaceChildren(group,
      unique.map((name, i) => h('label', { class: 'person-chip', title: name },
        h('input', { type: 'checkbox', class: 'seg-person', value: name, checked: picked.has(nameKey(name)), 'aria-label': personLabel(group, name) }),
        h('span', { 'aria-hidden': 'true' }, labels[i]))),
      unique.length ? null : h('span', { class: 'seg-no-people' }, 'No line-up yet'));
  }

  // Each box names its segment too: "Amal Saad in segment 3", not one "Amal Saad" per row.
  const personLabel = (group, name) => (group.dataset.n ? `${name} in segment ${group.dataset.n}` : name);

  const checkedPeople = (row) => Array.from(row.querySelectorAll('.seg-person:checked'), (c) => c.value);

  const kind = {
    noun: (n) => `segment ${n}`,
    focus: '.seg-title',
    allowEmpty: true,
    build(s) {
      const notesId = nextId('seg-notes');
      const errorId = nextId('seg-error');
      const kindSelect = h('select', { class: 'seg-kind' });
      kindOptions(kindSelect, s.kind || 'discussion');
      const question = h('select', { class: 'seg-question' });
      questionOptions(question, s.question ?? null);
      const people = h('div', { class: 'seg-people', role: 'group' });
      peopleChoices(people, s.people || []);
      const notesWrap = h('div', { class: 'seg-notes-wrap', id: notesId, hidden: true },
        h('label', { for: `${notesId}-text`, class: 'seg-notes-label' }, 'Notes'),
        h('textarea', {
          id: `${notesId}-text`, class: 'seg-notes', rows: 2, 'data-limit': 100000, dir: 'auto', value: s.notes || '',
        }));
      const row = h('tr', { class: 'segment-row' },
        h('td', { class: 'seg-handle' },
          h('span', { class: 'drag-handle', draggable: 'true', title: 'Drag to reorder', 'aria-hidden': 'true' }, '⠿')),
        h('td', { class: 'row-number seg-number' }),
        h('td', { class: 'seg-start' }),
        h('td', { class: 'seg-end' }),
        h('td', { class: 'seg-back' }),
        h('td', { class: 'seg-kind-cell' }, kindSelect),
        h('td', { class: 'seg-title-cell' },
          h('input', { type: 'text', class: 'seg-title', 'data-limit': 300, autocomplete: 'off', dir: 'auto', value: s.title || '' })),
        h('td', { class: 'seg-duration-cell' },
          h('input', {
            type: 'text', class: 'seg-duration', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. 90s',
            'aria-describedby': errorId, value: s.duration || '',
          })),
        h('td', { class: 'seg-people-cell' }, people),
        h('td', { class: 'seg-question-cell' }, question),
        h('td', { class: 'seg-actions' },
          h('button', {
            type: 'button', class: 'icon-button seg-notes-toggle', 'aria-expanded': 'false', 'aria-controls': notesId, title: 'Notes',
          }, '✎'),
          controls('segment')),
        h('td', { class: 'seg-detail' },
          h('p', { class: 'seg-error', id: errorId, hidden: true }),
          notesWrap));
      // The segment's id rides on its row, so a move (which moves the row) keeps it.
      if (s.id) row.dataset.segmentId = s.id;
      showNotesMark(row);
      return row;
    },
    relabel(row, n) {
      row.querySelector('.seg-kind').setAttribute('aria-label', `Segment ${n} kind`);
      row.querySelector('.seg-title').setAttribute('aria-label', `Segment ${n} title`);
      row.querySelector('.seg-duration').setAttribute('aria-label', `Segment ${n} duration`);
      const people = row.querySelector('.seg-people');
      people.setAttribute('aria-label', `People in segment ${n}`);
      people.dataset.n = String(n);
      for (const box of people.querySelectorAll('.seg-person')) box.setAttribute('aria-label', personLabel(people, box.value));
      row.querySelector('.seg-question').setAttribute('aria-label', `Segment ${n} framing question`);
      row.querySelector('.seg-notes-toggle').setAttribute('aria-label', `Notes for segment ${n}`);
      row.querySelector('.seg-notes-label').textContent = `Segment ${n} notes`;
    },
    read(row) {
      const q = row.querySelector('.seg-question').value;
      return {
        id: row.dataset.segmentId || null,
        kind: row.querySelector('.seg-kind').value,
        title: row.querySelector('.seg-title').value,
        duration: row.querySelector('.seg-duration').value,
        people: checkedPeople(row),
        question: q ? Number(q) : null,
        notes: row.querySelector('.seg-notes').value,
      };
    },
  };

  const list = rowList(tbody, addButton, kind, SEGMENT_LIMIT, onChange);

  // --- Notes: collapsed under the row so the table stays one line per segment ---
  function showNotesMark(row) {
    const has = row.querySelector('.seg-notes').value.trim() !== '';
    row.querySelector('.seg-notes-toggle').classList.toggle('has-notes', has);
  }
  function setNotesOpen(row, open) {
    row.querySelector('.seg-notes-wrap').hidden = !open;
    row.querySelector('.seg-notes-toggle').setAttribute('aria-expanded', String(open));
  }
  tbody.addEventListener('click', (e) => {
    const toggle = e.target.closest('.seg-notes-toggle');
    if (!toggle) return;
    const row = list.rowOf(toggle);
    const open = row.querySelector('.seg-notes-wrap').hidden;
    setNotesOpen(row, open);
    if (open) row.querySelector('.seg-notes').focus();
  });
  tbody.addEventListener('input', (e) => {
    if (e.target.classList.contains('seg-notes')) showNotesMark(list.rowOf(e.target));
    if (e.target.classList.contains('seg-question')) e.target.title = e.target.selectedOptions[0]?.title || '';
  });

  // --- Drag and drop: the handle starts it, the row under the pointer takes it ---
  let dragged = null;
  const clearMarks = () => {
    for (const r of tbody.querySelectorAll('.drop-before, .drop-after')) r.classList.remove('drop-before', 'drop-after');
  };
  const dropSide = (row, e) => {
    const box = row.getBoundingClientRect();
    return e.clientY < box.top + box.height / 2 ? 'before' : 'after';
  };
  tbody.addEventListener('dragstart', (e) => {
    const handle = e.target.closest && e.target.closest('.drag-handle');
    if (!handle) return;
    dragged = list.rowOf(handle);
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', dragged.querySelector('.seg-title').value || 'segment');
    if (e.dataTransfer.setDragImage) e.dataTransfer.setDragImage(dragged, 12, 12);
    dragged.classList.add('dragging');
  });
  tbody.addEventListener('dragover', (e) => {
    if (!dragged) return;
    const row = list.rowOf(e.target);
    if (!row) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    clearMarks();
    if (row !== dragged) row.classList.add(`drop-${dropSide(row, e)}`);
  });
  tbody.addEventListener('drop', (e) => {
    if (!dragged) return;
    e.preventDefault();
    const row = list.rowOf(e.target);
    if (row && row !== dragged) {
      list.place(dragged, dropSide(row, e) === 'before' ? row : row.nextElementSibling);
    }
    clearMarks();
  });
  tbody.addEventListener('dragend', () => {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
    clearMarks();
  });

  return {
    ...list,
    values: () => list.rows().map(kind.read),
    setAll(segments) {
      list.setAll(segments || []);
    },
    // True while there is nothing a producer typed in the running order.
    isEmpty: () => list.rows().every((row) => {
      const s = kind.read(row);
      return !s.title.trim() && !s.duration.trim() && !s.notes.trim() && !s.people.length && s.question === null;
    }),
    durations: () => list.rows().map((row) => row.querySelector('.seg-duration').value),

    setKinds(options) {
      kinds = options;
      for (const select of tbody.querySelectorAll('.seg-kind')) kindOptions(select, select.value);
    },

    // `entries`: [{key, name}] for the presenter and each guest row. A key whose
    // name changed is a rename, and its ticks follow it; a name that left the
    // line-up (row removed, name cleared) is unticked everywhere.
    setLineup(entries) {
      const before = new Map(lineup.map((p) => [p.key, p.name]));
      const renamed = new Map();
      for (const p of entries) {
        const old = before.get(p.key);
        if (old && p.name && nameKey(old) !== nameKey(p.name)) renamed.set(nameKey(old), p.name);
      }
      const same = entries.length === lineup.length && entries.every((p, i) => p.name === lineup[i].name);
      lineup = entries.map((p) => ({ key: p.key, name: p.name }));
      if (same) return;
      for (const row of list.rows()) {
        const picked = checkedPeople(row).map((n) => renamed.get(nameKey(n)) || n);
        peopleChoices(row.querySelector('.seg-people'), picked);
      }
    },

    // `items`: [{key, text}] for each framing row. Only non-blank items have numbers
    // (the server drops blank ones), and a segment keeps pointing at the same item
    // when items are moved, added or removed around it.
    setQuestions(items) {
      const next = items.filter((q) => q.text.trim() !== '');
      const same = next.length === questions.length && next.every((q, i) => q.key === questions[i].key && q.text === questions[i].text);
      if (same) return;
      const oldKeys = questions.map((q) => q.key);
      questions = next;
      for (const select of tbody.querySelectorAll('.seg-question')) {
        const key = select.value ? oldKeys[Number(select.value) - 1] : null;
        const at = key ? questions.findIndex((q) => q.key === key) : -1;
        questionOptions(select, at >= 0 ? at + 1 : null);
      }
    },

    // `preview`: preview_timing's answer for the durations as they were when asked.
    // A time the server cannot know (after a duration that is blank or invalid) is
    // shown as unknown, never as if that duration were zero.
    applyTiming(preview) {
      const rows = list.rows();
      const time = (cell, value) => {
        cell.textContent = value ?? (preview ? UNKNOWN : '');
        cell.title = value == null && preview ? 'Unknown until every duration above is valid' : '';
      };
      rows.forEach((row, i) => {
        const t = preview && preview.rows[i];
        time(row.querySelector('.seg-start'), t ? t.start : null);
        time(row.querySelector('.seg-end'), t ? t.end : null);
        // Back-time needs a slot: without one the column stays empty.
        const back = row.querySelector('.seg-back');
        const hasSlot = Boolean(preview && preview.rows.some((r) => r.backTime));
        if (hasSlot) time(back, t ? t.backTime : null);
        else back.textContent = '';
        back.classList.toggle('past', Boolean(t && t.backTime && t.backTime.startsWith('\u2212')));
        const input = row.querySelector('.seg-duration');
        // A blank duration is not a mistake yet; saving says it is required.
        const error = t && t.error && input.value.trim() !== '' ? t.error : null;
        const note = row.querySelector('.seg-error');
        row.classList.toggle('invalid', Boolean(error));
        note.textContent = error ? `Segment ${i + 1}: ${error}` : '';
        note.hidden = !error;
        if (!input.hasAttribute('aria-invalid')) input.setAttribute('aria-describedby', note.id);
      });
    },

    openNotes(row) {
      setNotesOpen(row, true);
    },
  };
}
