// "Same person?": before a save adds a guest who is not in the directory but whose name
// nearly matches someone who is ("Tarik Oguzlu" and "Tarık Oğuzlu"), the producer
// says which. The server decides what is near (suggest_people's nearMatch, the rule
// "possible duplicates" uses); this only asks. "Use existing" links the row to that
// person; "Create new" saves the name as typed and is not asked again for it;
// Escape stops the save with nothing changed.

import { h } from '../../dom.js';
import { api } from '../../ipc.js';
import { ask } from '../../dialog.js';
import { nameKey } from '../../names.js';

export function samePersonCheck() {
  const confirmedNew = new Set(); // name keys the producer said are new people
  const question = h('p', { id: 'same-person-question', dir: 'auto' });
  const choices = h('ul', { id: 'same-person-matches', class: 'same-person-matches' });
  const dialog = h('dialog', { id: 'same-person-dialog', class: 'dialog', 'aria-labelledby': 'same-person-title' },
    h('h2', { id: 'same-person-title' }, 'Same person?'),
    question,
    choices,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', id: 'same-person-new', class: 'button', dataset: { answer: 'new' } }, 'Create new'),
      h('button', { type: 'button', id: 'same-person-cancel', class: 'button', dataset: { answer: 'cancel' } }, 'Cancel')));

  // Asks about each unlinked guest row in turn; false if the producer cancelled.
  // `rows()` → the guest rows; `link(row, person)` links one to a directory entry.
  async function confirm(rows, link) {
    for (const row of rows()) {
      const input = row.querySelector('.guest-name');
      const name = input ? input.value.trim() : '';
      if (!name || row.dataset.personId || confirmedNew.has(nameKey(name))) continue;
      let near;
      try {
        near = (await api.suggestPeople(name, 8)).filter((p) => p.nearMatch);
      } catch {
        continue; // the check is a safeguard; the save itself still works
      }
      if (!near.length) continue;
      question.textContent = `“${name}” is not in the directory, but these people are. Is it one of them?`;
      choices.replaceChildren(...near.map((p, i) => h('li', { class: 'same-person-match' },
        h('span', { class: 'same-person-name', dir: 'auto' }, p.name),
        p.affiliation ? h('span', { class: 'muted', dir: 'auto' }, ` – ${p.affiliation}`) : null,
        ' ',
        h('button', {
          type: 'button', class: 'button small same-person-use', dataset: { answer: `use:${i}` },
          'aria-label': `Use existing: ${p.name}`,
        }, 'Use existing'))));
      const answer = await ask(dialog, 'cancel', '.same-person-use');
      if (answer === 'cancel') return false;
      if (answer === 'new') confirmedNew.add(nameKey(name));
      else link(row, near[Number(answer.slice(4))]);
    }
    return true;
  }

  return { el: dialog, confirm };
}
