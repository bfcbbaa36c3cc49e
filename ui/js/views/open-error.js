// The start screen for a database that cannot be opened: what happened, where the
// file is, and, for a damaged file, the backups that could replace it. Nothing is
// repaired or replaced unless the producer asks, and a restore first keeps a copy of
// the file it replaces (`…-before-restore.db` in the backups folder).

import { h, replaceChildren } from '../dom.js';
import { api } from '../ipc.js';
import { errorBox, statusLine } from '../feedback.js';
import { backupItem } from '../parts/backup.js';

// Errors a backup can put right. A newer schema wants a newer Greenroom, and a
// folder problem wants the folder fixed: a restore would lose data or fail.
const RESTORABLE = new Set(['corrupt', 'not_a_database']);

export function mountOpenError(root, info, { onRestored }) {
  let alive = true;
  let busy = false;
  const err = info.openError;

  const reassure = h('p', { class: 'fatal-reassure', id: 'open-error-reassure' },
    'The file was not changed. Close Greenroom, deal with the file (or start Greenroom with another database), then open it again.');
  const backupsBox = h('section', { id: 'open-error-backups', class: 'open-error-backups', 'aria-labelledby': 'open-error-backups-heading', hidden: true });
  const status = statusLine({ id: 'restore-status' });
  const failure = errorBox({ id: 'restore-error' });

  replaceChildren(
    root,
    h('section', { class: 'fatal', id: 'open-error' },
      h('div', { role: 'alert' },
        h('h1', {}, err.code === 'corrupt' ? 'Greenroom’s database is damaged' : 'Greenroom could not open its database'),
        h('p', { class: 'fatal-message' }, err.message)),
      h('dl', { class: 'fatal-details' },
        h('dt', {}, 'Database file'),
        h('dd', {}, h('code', { class: 'path' }, info.dbPath)),
        h('dt', {}, 'Error code'),
        h('dd', {}, h('code', {}, err.code))),
      reassure,
      backupsBox,
      status.el,
      failure.el),
  );

  const buttons = () => [...backupsBox.querySelectorAll('button')];

  async function restore(fileName) {
    if (busy) return;
    busy = true;
    for (const b of buttons()) b.disabled = true;
    failure.hide();
    status.set('Checking the backup and restoring it…');
    try {
      const done = await api.restoreBackup(fileName);
      if (!alive) return;
      status.set('Restored', 'saved');
      onRestored(done);
    } catch (e) {
      if (!alive) return;
      busy = false;
      for (const b of buttons()) b.disabled = false;
      status.set('');
      failure.showText(`Not restored: ${e.message}`);
    }
  }

  function showBackups(overview) {
    const list = overview.backups;
    if (list.length === 0) {
      replaceChildren(backupsBox,
        h('h2', { id: 'open-error-backups-heading' }, 'Backups'),
        h('p', {}, 'There are no backups to restore in ', h('code', { class: 'path' }, overview.folder), '.'));
      backupsBox.hidden = false;
      return;
    }
    reassure.textContent = 'The file was not changed. Restoring a backup replaces it, after keeping a copy of it in the backups folder (named …-before-restore.db).';
    replaceChildren(backupsBox,
      h('h2', { id: 'open-error-backups-heading' }, 'Restore from a backup'),
      h('p', { class: 'hint' }, 'Backups are kept in ', h('code', { class: 'path', id: 'backups-folder' }, overview.folder),
        '. Each is checked before it is restored; a damaged one is refused.'),
      h('p', {}, h('button', { type: 'button', id: 'restore-newest', class: 'button primary', onclick: () => restore(null) },
        'Restore from the newest good backup')),
      h('ol', { id: 'backup-list', class: 'backup-list' },
        list.map((b) => backupItem(b,
          h('button', { type: 'button', class: 'button restore-one', onclick: () => restore(b.fileName) },
            'Restore this one')))));
    backupsBox.hidden = false;
  }

  if (RESTORABLE.has(err.code)) {
    api.listBackups().then(
      (overview) => { if (alive) showBackups(overview); },
      (e) => {
        if (!alive) return;
        failure.showText(`The backups could not be listed: ${e.message}`);
      },
    );
  }

  return {
    unmount() {
      alive = false;
    },
  };
}
