// The header's search box: programmes and people as the user types, in a listbox
// under the box (the ARIA combobox pattern). Focus stays in the box; the arrow keys
// move the highlighted result, Enter opens it, Escape closes the list.

import { h, clear } from '../dom.js';
import { api } from '../ipc.js';
import { formatAir, plural } from '../format.js';

const DEBOUNCE_MS = 120;
const LIMIT = 8;

export function mountSearch(input, ctx) {
  const wrap = input.parentElement;
  const status = h('p', { class: 'search-status', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { id: 'global-search-results', class: 'search-results', role: 'listbox', 'aria-label': 'Search results' });
  const panel = h('div', { class: 'search-panel', id: 'global-search-panel', hidden: true }, status, list);
  wrap.append(panel);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let seq = 0; // bumps on every query; replies to older ones are dropped
  let timer = null;
  let options = []; // the <li>s that can be opened, in display order
  const opens = new WeakMap(); // <li> → what opening it does
  let active = -1;
  let shownFor = null; // the text the listed results are for

  function open() {
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  }

  function setActive(i) {
    if (options[active]) options[active].classList.remove('active');
    active = i;
    const el = options[active];
    if (el) {
      el.classList.add('active');
      el.scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', el.id);
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function option(id, onOpen, ...content) {
    const li = h('li', { id, role: 'option', class: ['search-result', onOpen ? null : 'inert'] }, content);
    if (onOpen) {
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the box
      li.addEventListener('click', () => choose(onOpen));
      options.push(li);
      opens.set(li, onOpen);
    }
    return li;
  }

  function show(results, text) {
    clear(list);
    options = [];
    active = -1;
    input.removeAttribute('aria-activedescendant');
    shownFor = input.value;
    const { programmes, people } = results;
    if (!programmes.length && !people.length) {
      status.textContent = `Nothing matches “${text}”`;
      open();
      return;
    }
    status.textContent = '';
    if (programmes.length) {
      list.append(h('li', { role: 'presentation', class: 'search-group' }, 'Programmes'));
      for (const p of programmes) {
        list.append(option(`search-programme-${p.id}`, () => ctx.go({ name: 'editor', id: p.id }),
          h('span', { class: 'search-title', dir: 'auto' }, p.title),
          h('span', { class: 'search-meta' }, [p.series, p.airAt ? formatAir(p.airAt, p.timeZone) : 'No air time'].filter(Boolean).join(' · ')),
          p.snippet ? h('span', { class: 'search-snippet', dir: 'auto' }, p.snippet) : null));
      }
    }
    if (people.length) {
      list.append(h('li', { role: 'presentation', class: 'search-group' }, 'People'));
      for (const p of people) {
        list.append(option(`search-person-${p.id}`, () => ctx.go({ name: 'person', id: p.id }),
          h('span', { class: 'search-title', dir: 'auto' }, p.name),
          h('span', { class: 'search-meta', dir: 'auto' },
            [p.affiliation, plural(p.appearances, 'appearance')].filter(Boolean).join(' · '))));
      }
    }
    open();
  }

  async function run() {
    const text = input.value;
    seq += 1;
    const mine = seq;
    if (!text.trim()) {
      clear(list);
      options = [];
      close();
      return;
    }
    try {
      const results = await api.search(text, LIMIT);
      if (mine !== seq) return;
      show(results, text.trim());
    } catch (e) {
      if (mine !== seq) return;
      clear(list);
      options = [];
      status.textContent = e.code === 'validation' ? e.message : `Search failed: ${e.message}`;
      open();
    }
  }

  async function choose(onOpen) {
    close();
    // The editor's unsaved-changes guard may keep the user where they are; only a
    // successful move clears the box.
    if (await onOpen()) {
      input.value = '';
      clear(list);
      options = [];
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      e.preventDefault();
      if (panel.hidden) open();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      const target = options[active] || options[0];
      // Enter on text the list is not for yet searches now rather than opening a stale result.
      if (!target || panel.hidden || shownFor !== input.value) run();
      else choose(opens.get(target));
    } else if (e.key === 'Escape') {
      if (!panel.hidden) {
        e.preventDefault();
        close();
      } else if (input.value) {
        e.preventDefault();
        input.value = '';
      }
    }
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && (options.length || status.textContent)) open();
  });
  // Closes when focus leaves the box (clicks on results keep it, see mousedown above).
  input.addEventListener('blur', () => close());

  // The box searches the whole archive, not the page: a change of view empties it
  // (the router calls this), so old text is never taken for a filter of the new page.
  return {
    reset() {
      seq += 1; // an answer still on its way is for text that is gone
      clearTimeout(timer);
      input.value = '';
      clear(list);
      options = [];
      status.textContent = '';
      close();
    },
  };
}
