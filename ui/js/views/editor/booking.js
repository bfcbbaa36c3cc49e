// Booking warnings in the editor: as the line-up or the air time changes, ask the
// server (booking_warnings) whether any guest was on very recently, is on a lot, or
// is on air elsewhere at that time. Advisory only: nothing here blocks a save.

import { h, replaceChildren } from '../../dom.js';
import { api } from '../../ipc.js';
import { nameKey } from '../../names.js';

const DELAY_MS = 250;

// `read()` → the booking_warnings form; `rows()` → the guest rows (li elements with
// .guest-name and dataset.personId); `open(personId)` opens a person's history.
export function bookingWarnings({ read, rows, open }) {
  let timer = null;
  let asked = 0; // sequence number of the newest request
  let shown = []; // the warnings on screen
  let shownKey = '[]';

  const list = h('ul', { class: 'booking-warning-list' });
  const el = h('div', { id: 'booking-warnings', class: 'booking-warnings', role: 'status', 'aria-live': 'polite', hidden: true },
    h('h3', { class: 'booking-warnings-title' }, 'Booking warnings'),
    list,
    h('p', { class: 'hint' }, 'Warnings are for your judgement; they never stop a save. Thresholds are in Settings.'));

  el.addEventListener('click', (e) => {
    const button = e.target.closest('.warning-history');
    if (button && button.dataset.personId) open(button.dataset.personId);
  });

  function render(warnings) {
    const key = JSON.stringify(warnings.map((w) => [w.kind, w.personId, w.message]));
    shown = warnings;
    mark();
    if (key === shownKey) return; // unchanged: do not make screen readers say it again
    shownKey = key;
    replaceChildren(list, warnings.map((w) => h('li', { class: ['booking-warning', `kind-${w.kind}`], dataset: { personId: w.personId } },
      h('span', { class: 'booking-warning-text', dir: 'auto' }, w.message),
      ' ',
      h('button', {
        type: 'button', class: 'link-button warning-history', dataset: { personId: w.personId },
        'aria-label': `Open history of ${w.name}`,
      }, 'Open history'))));
    el.hidden = warnings.length === 0;
  }

  // Puts the marker on every guest row a warning is about.
  function mark() {
    const ids = new Set(shown.map((w) => w.personId));
    const names = new Set(shown.map((w) => nameKey(w.name)));
    for (const row of rows()) {
      const input = row.querySelector('.guest-name');
      const name = input ? input.value : '';
      const warned = row.dataset.personId ? ids.has(row.dataset.personId) : Boolean(name.trim()) && names.has(nameKey(name));
      row.classList.toggle('has-warning', warned);
      if (warned) {
        const about = shown.filter((w) => w.personId === row.dataset.personId || nameKey(w.name) === nameKey(name));
        row.title = about.map((w) => w.message).join('\n');
      } else {
        row.removeAttribute('title');
      }
    }
  }

  async function ask() {
    timer = null;
    asked += 1;
    const mine = asked;
    const form = read();
    if (form.guests.length === 0) {
      render([]);
      return;
    }
    try {
      const warnings = await api.bookingWarnings(form);
      // Replies can overtake each other; only the newest question's answer counts.
      if (mine === asked) render(warnings);
    } catch {
      // A convenience: if the check fails, say nothing rather than something stale.
      if (mine === asked) render([]);
    }
  }

  return {
    el,
    schedule() {
      mark(); // rows may have been rebuilt: keep the markers until the answer comes
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    },
    warnings: () => shown,
    stop() {
      clearTimeout(timer);
      asked += 1; // anything still in flight is now stale
    },
  };
}

// The form booking_warnings takes, from the editor's controls.
export function bookingForm({ programmeId, air, timeZone, slot, guests }) {
  const orNull = (s) => (typeof s === 'string' && s.trim() !== '' ? s.trim() : null);
  return {
    programmeId: programmeId || null,
    air: orNull(air),
    timeZone: orNull(timeZone),
    slot: orNull(slot),
    guests: guests
      .filter((g) => (g.name && g.name.trim()) || g.personId)
      .map((g) => ({ personId: g.personId || null, name: (g.name || '').trim() })),
  };
}
