// Name autocomplete for the editor's guest and presenter inputs: people from the
// directory as the producer types (fuzzy on the server: accents, honorifics,
// particles), in a listbox under the input (the ARIA combobox pattern). Focus stays
// in the input; ↑/↓ move the highlight, Enter or Tab picks, Escape closes, a click
// picks. Typing freely without picking still works: that is a new person.
//
// A pick sets the input's value and sends an ordinary `input` event, so the rows'
// existing "this name is a known person" code links the row; `pickedPerson(input)`
// tells that code which person was picked (until the name is typed away from).

import { h, clear, nextId } from '../dom.js';
import { api } from '../ipc.js';
import { plural } from '../format.js';
import { nameKey } from '../names.js';

const DEBOUNCE_MS = 120;
const LIMIT = 8;

const picks = new WeakMap(); // input → the person last picked in it

// The person picked in `input`, while its text is still that person's name.
export function pickedPerson(input) {
  const p = picks.get(input);
  if (p && nameKey(p.name) === nameKey(input.value)) return p;
  return null;
}

// Wraps `input` with its popup; returns the wrapper to put where the input was.
export function personCombo(input) {
  const popup = h('ul', { id: nextId('person-suggest'), class: 'person-suggest', role: 'listbox', hidden: true });
  popup.setAttribute('aria-label', 'People in the directory');
  const wrap = h('div', { class: 'person-suggest-wrap' }, input, popup);
  input.removeAttribute('list');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', popup.id);
  input.setAttribute('aria-expanded', 'false');

  let seq = 0; // bumps on every query and every close; older replies are dropped
  let timer = null;
  let people = [];
  let options = [];
  let active = -1;
  let picking = false;

  function open() {
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    seq += 1;
    clearTimeout(timer);
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function setActive(i) {
    if (options[active]) {
      options[active].classList.remove('active');
      options[active].setAttribute('aria-selected', 'false');
    }
    active = i;
    const el = options[active];
    if (el) {
      el.classList.add('active');
      el.setAttribute('aria-selected', 'true');
      el.scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', el.id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function show(list) {
    clear(popup);
    people = list;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    options = list.map((p, i) => {
      const li = h('li', {
        id: `${popup.id}-${i}`, role: 'option', class: 'person-suggest-option', 'aria-selected': 'false',
        dataset: { personId: p.id },
      },
      h('span', { class: 'person-suggest-name', dir: 'auto' }, p.name),
      h('span', { class: 'person-suggest-meta' },
        p.affiliation ? h('span', { class: 'person-suggest-affiliation', dir: 'auto' }, p.affiliation) : null,
        h('span', { class: 'person-suggest-count' }, plural(p.appearances, 'appearance'))));
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => pick(i));
      return li;
    });
    popup.append(...options);
    if (options.length) open();
    else close();
  }

  async function run() {
    const text = input.value;
    seq += 1;
    const mine = seq;
    if (!text.trim() || document.activeElement !== input) {
      close();
      return;
    }
    let list;
    try {
      list = await api.suggestPeople(text, LIMIT);
    } catch {
      if (mine === seq) close(); // a convenience: free typing still works
      return;
    }
    if (mine !== seq || input.value !== text || document.activeElement !== input) return;
    show(list);
  }

  function pick(i) {
    const person = people[i];
    close();
    if (!person) return;
    picks.set(input, person);
    input.value = person.name;
    picking = true;
    try {
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      picking = false;
    }
  }

  input.addEventListener('input', () => {
    if (picking) return;
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return; // Alt+↑/↓ moves the row
    const shown = !popup.hidden && options.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      e.preventDefault();
      if (popup.hidden) {
        open();
        setActive(e.key === 'ArrowDown' ? 0 : options.length - 1);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (shown && active >= 0) {
        e.preventDefault(); // not a form submission
        pick(active);
      } else if (shown) {
        close();
      }
    } else if (e.key === 'Tab') {
      if (shown && active >= 0 && !e.shiftKey) pick(active); // focus moves on as usual
      else close();
    } else if (e.key === 'Escape') {
      if (shown) {
        e.preventDefault(); // only closes the list, not the editor
        e.stopPropagation();
        close();
      }
    }
  });
  input.addEventListener('blur', () => close());

  return wrap;
}
