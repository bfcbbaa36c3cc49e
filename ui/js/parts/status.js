// A programme's status as the window shows it: a coloured badge (the list, a person's
// appearances) and the Status select (the editor, the import review).

import { h } from '../dom.js';
import { STATUSES, statusLabel } from '../format.js';

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, statusLabel(status));
}

export function statusSelect() {
  return h('select', { id: 'status' }, STATUSES.map((s) => h('option', { value: s }, statusLabel(s))));
}
