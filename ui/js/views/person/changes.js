// A person's record over time: profile edits, merges and unmerges in one history,
// newest first, each with who, when and what changed (the server's words).

import { h, replaceChildren } from '../../dom.js';
import { api } from '../../ipc.js';
import { revisionItem } from '../../parts/revisions.js';

export function changesSection(personId) {
  const list = h('div', { id: 'person-changes' }, h('p', { class: 'muted' }, 'Loading…'));
  const el = h('section', { class: 'person-changes', 'aria-labelledby': 'changes-heading' },
    h('h2', { id: 'changes-heading' }, 'History'),
    list);
  api.personHistory(personId).then(
    (revisions) => replaceChildren(list, revisions.length
      ? h('ol', { class: 'history-list' }, revisions.map((r) => revisionItem(r)))
      : h('p', { class: 'muted' }, 'No changes recorded yet: the details have not been edited since Greenroom began keeping them.')),
    (e) => replaceChildren(list, h('p', { class: 'muted' }, `The history could not be read: ${e.message}`)),
  );
  return el;
}
