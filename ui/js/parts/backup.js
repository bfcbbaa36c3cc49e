// How a backup is shown to a producer: the list on the open-error screen (with a
// restore button each) and in Settings (read-only).

import { h } from '../dom.js';
import { formatDateTime, formatSize } from '../format.js';

// `label` is the part of the file name after its time: `before-v5`, `before-restore`,
// possibly with a counter (`-2`) when two were taken in the same second.
function backupLabel(label) {
  if (!label) return 'Daily or manual backup';
  const migration = /^before-v(\d+)/.exec(label);
  if (migration) return `Before upgrading to schema version ${migration[1]}`;
  if (label.startsWith('before-restore')) return 'Kept when a backup was restored';
  return 'Backup';
}

// One backup of the list: when, what kind, how large, then `extra` (a button).
export function backupItem(b, ...extra) {
  return h('li', { class: 'backup-item', dataset: { file: b.fileName } },
    h('span', { class: 'backup-time' }, formatDateTime(b.takenAt)),
    h('span', { class: 'backup-label' }, backupLabel(b.label)),
    h('span', { class: 'backup-size' }, formatSize(b.size)),
    extra);
}
