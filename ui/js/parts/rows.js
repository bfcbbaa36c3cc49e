// The ordered lists of the programme editor and the import review: framing questions
// and guests here, the editor's segments (views/editor/segment.js) on the same
// machinery. Rows are built synchronously so a click on "Add" leaves a usable input
// in the DOM at once.

import { h, nextId } from '../dom.js';
import { api } from '../ipc.js';
import { personCombo, pickedPerson } from './person-suggest.js';

export const LIMITS = { framingItems: 40, guests: 12, framingItem: 4000, name: 200, affiliation: 300 };

export function controls(noun) {
  return h('div', { class: 'row-controls' },
    h('button', { type: 'button', class: 'icon-button move-up', 'aria-label': `Move ${noun} up`, title: 'Move up (Alt+↑)' }, '↑'),
    h('button', { type: 'button', class: 'icon-button move-down', 'aria-label': `Move ${noun} down`, title: 'Move down (Alt+↓)' }, '↓'),
    h('button', { type: 'button', class: 'icon-button remove', 'aria-label': `Remove ${noun}`, title: 'Remove' }, '×'));
}

// A small "History" button for a name linked to a person in the directory; hidden
// while the name is not linked (a new person has no history).
export function historyButton(personId, name) {
  const button = h('button', { type: 'button', class: 'link-button guest-history', title: 'Open this person’s history' }, 'History');
  syncHistoryButton(button, personId, name);
  return button;
}

export function syncHistoryButton(button, personId, name) {
  button.hidden = !personId;
  if (personId) {
    button.dataset.personId = personId;
    button.setAttribute('aria-label', `History of ${(name || '').trim() || 'this person'}`);
  } else {
    delete button.dataset.personId;
    button.removeAttribute('aria-label');
  }
}

// Shared behaviour: add, move, remove, renumber, keyboard moves.
// `kind` supplies build(values), read(row), noun(n), relabel(row, n), and optionally
// `focus` (the selector of the control a new row starts in) and `allowEmpty` (the
// list may have no rows at all; otherwise removing the last row leaves a blank one).
export function rowList(listEl, addButton, kind, max, onChange) {
  const rows = () => Array.from(listEl.children);
  const focusSelector = kind.focus || 'textarea, input';
  // The row an event happened in: a direct child of the list, whatever its tag.
  const rowOf = (el) => {
    while (el && el.parentElement !== listEl) el = el.parentElement;
    return el;
  };

  function renumber() {
    const all = rows();
    all.forEach((row, i) => {
      const noun = kind.noun(i + 1);
      row.querySelector('.row-number').textContent = String(i + 1);
      row.querySelector('.move-up').setAttribute('aria-label', `Move ${noun} up`);
      row.querySelector('.move-down').setAttribute('aria-label', `Move ${noun} down`);
      row.querySelector('.remove').setAttribute('aria-label', `Remove ${noun}`);
      kind.relabel(row, i + 1);
      row.querySelector('.move-up').disabled = i === 0;
      row.querySelector('.move-down').disabled = i === all.length - 1;
    });
    addButton.disabled = all.length >= max;
    addButton.title = all.length >= max ? `At most ${max}` : '';
  }

  function move(row, delta, keepFocus) {
    const sibling = delta < 0 ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) return;
    // Moving a node blurs whatever is focused inside it, so remember the caret.
    const sel = keepFocus && 'selectionStart' in keepFocus ? [keepFocus.selectionStart, keepFocus.selectionEnd] : null;
    if (delta < 0) listEl.insertBefore(row, sibling);
    else listEl.insertBefore(sibling, row);
    renumber();
    let target = keepFocus;
    if (target && target.disabled) target = row.querySelector(delta < 0 ? '.move-down' : '.move-up');
    if (target) {
      target.focus();
      if (sel) {
        try { target.setSelectionRange(sel[0], sel[1]); } catch { /* not a text control */ }
      }
    }
    onChange();
  }

  function remove(row) {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (rows().length === 0 && !kind.allowEmpty) add(undefined, false);
    renumber();
    const focusRow = next && next.isConnected ? next : listEl.firstElementChild;
    const focusTarget = (focusRow && focusRow.querySelector(focusSelector)) || addButton;
    focusTarget.focus();
    onChange();
  }

  function add(values, focus = true) {
    if (rows().length >= max) return null;
    const row = kind.build(values || {});
    listEl.append(row);
    renumber();
    if (focus) row.querySelector(focusSelector).focus();
    return row;
  }

  // Drag and drop: put `row` before `before` (null: at the end).
  function place(row, before) {
    if (before === row || row.nextElementSibling === before) return;
    listEl.insertBefore(row, before);
    renumber();
    onChange();
  }

  listEl.addEventListener('click', (e) => {
    const btn = e.target.closest('button');
    if (!btn) return;
    const row = rowOf(btn);
    if (!row) return;
    if (btn.classList.contains('move-up')) move(row, -1, btn);
    else if (btn.classList.contains('move-down')) move(row, 1, btn);
    else if (btn.classList.contains('remove')) remove(row);
  });
  listEl.addEventListener('keydown', (e) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    const row = rowOf(e.target);
    if (!row) return;
    e.preventDefault();
    move(row, e.key === 'ArrowUp' ? -1 : 1, e.target);
  });
  addButton.addEventListener('click', () => {
    // Focus after onChange: it may show a list that was hidden while empty (the
    // running order), and a control inside a hidden table cannot take focus.
    const row = add(undefined, false);
    if (!row) return;
    onChange();
    row.querySelector(focusSelector).focus();
  });

  return {
    add,
    rows,
    place,
    rowOf,
    values: () => rows().map(kind.read),
    setAll(list) {
      listEl.replaceChildren();
      for (const v of list.slice(0, max)) listEl.append(kind.build(v));
      renumber();
    },
  };
}

export function framingList(listEl, addButton, onChange) {
  const kind = {
    noun: (n) => `framing item ${n}`,
    build(text) {
      const id = nextId('framing');
      return h('li', { class: 'framing-row item-row' },
        h('span', { class: 'row-number', 'aria-hidden': 'true' }),
        h('div', { class: 'row-fields' },
          h('label', { for: id, class: 'visually-hidden' }, 'Framing item'),
          h('textarea', {
            id, class: 'framing-text', rows: 2, 'data-limit': LIMITS.framingItem, dir: 'auto',
            value: typeof text === 'string' ? text : '',
          })),
        controls('framing item'));
    },
    relabel(row, n) {
      row.querySelector('label').textContent = `Framing item ${n}`;
    },
    read: (row) => row.querySelector('.framing-text').value,
  };
  return rowList(listEl, addButton, kind, LIMITS.framingItems, onChange);
}

// `findPerson(name)` returns the directory entry whose name matches, or null.
// `onHistory(personId)` (optional) opens a linked guest's history.
export function guestList(listEl, addButton, findPerson, onChange, onHistory) {
  const kind = {
    noun: (n) => `guest ${n}`,
    build(g) {
      const nameId = nextId('guest-name');
      const affId = nextId('guest-affiliation');
      const row = h('li', { class: 'guest-row item-row', dataset: g.personId ? { personId: g.personId } : {} },
        h('span', { class: 'row-number', 'aria-hidden': 'true' }),
        h('div', { class: 'row-fields guest-fields' },
          h('div', { class: 'field' },
            h('div', { class: 'field-label-row' },
              h('label', { for: nameId, class: 'guest-name-label' }, 'Name'),
              onHistory ? historyButton(g.personId, g.name) : null),
            personCombo(h('input', {
              id: nameId, class: 'guest-name', type: 'text', 'data-limit': LIMITS.name,
              autocomplete: 'off', dir: 'auto', value: g.name || '',
            }))),
          h('div', { class: 'field' },
            h('label', { for: affId, class: 'guest-affiliation-label' }, 'Billed as / affiliation'),
            h('input', {
              id: affId, class: 'guest-affiliation', type: 'text', 'data-limit': LIMITS.affiliation,
              autocomplete: 'off', dir: 'auto', value: g.affiliation || '',
            }))),
        controls('guest'));
      return row;
    },
    relabel(row, n) {
      row.querySelector('.guest-name-label').textContent = `Guest ${n} name`;
      row.querySelector('.guest-affiliation-label').textContent = `Guest ${n} billed as`;
    },
    read: (row) => ({
      name: row.querySelector('.guest-name').value,
      affiliation: row.querySelector('.guest-affiliation').value,
      personId: row.dataset.personId || null,
    }),
  };

  // Picking a known person (from the suggestions, or typing their exact name) links the
  // row to them; typing away from the name unlinks it.
  // An affiliation we filled in ourselves goes away with the link; one the user typed stays.
  listEl.addEventListener('input', (e) => {
    const nameInput = e.target.closest('.guest-name');
    if (!nameInput) return;
    const row = nameInput.closest('li');
    const aff = row.querySelector('.guest-affiliation');
    const person = pickedPerson(nameInput) || findPerson(nameInput.value);
    if (person) {
      row.dataset.personId = person.id;
      // What they were last billed as on air; the directory's affiliation otherwise.
      const fill = (billed) => {
        if (!billed || aff.value.trim() || row.dataset.personId !== person.id) return;
        aff.value = billed;
        row.dataset.autoAffiliation = billed;
      };
      if (person.lastBilled !== undefined) fill(person.lastBilled || person.affiliation);
      else {
        // A name typed out in full matches the directory, which does not carry the
        // last billing: ask for it, and fill it only if nothing was typed meanwhile.
        api.suggestPeople(person.name, 10).then(
          (found) => fill(found.find((p) => p.id === person.id)?.lastBilled || person.affiliation),
          () => fill(person.affiliation),
        );
      }
    } else {
      delete row.dataset.personId;
      if (row.dataset.autoAffiliation !== undefined && aff.value === row.dataset.autoAffiliation) aff.value = '';
      delete row.dataset.autoAffiliation;
    }
    const history = row.querySelector('.guest-history');
    if (history) syncHistoryButton(history, row.dataset.personId, nameInput.value);
  });
  listEl.addEventListener('click', (e) => {
    const button = e.target.closest('.guest-history');
    if (button && onHistory && button.dataset.personId) onHistory(button.dataset.personId);
  });
  listEl.addEventListener('input', (e) => {
    if (e.target.closest('.guest-affiliation')) delete e.target.closest('li').dataset.autoAffiliation;
  });

  return rowList(listEl, addButton, kind, LIMITS.guests, onChange);
}
