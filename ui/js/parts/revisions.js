// One revision as a line to read, shared by a programme's History and a person's:
// its number, what happened, who, when, then what changed in the server's words.

import { h } from '../dom.js';
import { formatDateTime } from '../format.js';

const OPERATIONS = {
  create: 'Created', update: 'Edited', delete: 'Deleted', restore: 'Restored',
  merge: 'Merged', unmerge: 'Unmerged', import: 'Imported',
};
export const operationLabel = (op) => OPERATIONS[op] || op;

// `action`: an element for the end of the line (a View button), or null.
export function revisionItem(r, action = null) {
  return h('li', { class: 'revision-item', dataset: { revision: String(r.revision), operation: r.operation } },
    h('div', { class: 'revision-line' },
      h('span', { class: 'revision-number' }, `Revision ${r.revision}`),
      h('span', { class: 'revision-operation' }, operationLabel(r.operation)),
      h('span', {}, 'by ', h('span', { class: 'revision-author', dir: 'auto' }, r.author)),
      h('time', { class: 'revision-at', datetime: r.at }, formatDateTime(r.at)),
      action),
    r.summary.length
      ? h('ul', { class: 'revision-summary' }, r.summary.map((s) => h('li', { dir: 'auto' }, s)))
      : null);
}
