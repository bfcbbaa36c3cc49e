// The trash: deleted programmes (with their running order and line-up) and people
// dropped by a merge, newest first, each with when and by whom. Restore brings one
// back exactly as it went; "Empty trash" asks first, because that is for good.

import { h, replaceChildren, leaveOnEscape } from '../dom.js';
import { api } from '../ipc.js';
import { formatDateTime, plural } from '../format.js';
import { confirmDialog } from '../dialog.js';
import { errorBox, noticeBox } from '../feedback.js';

const KINDS = { programme: 'Programme', person: 'Person' };

export function mountTrash(root, ctx) {
  let alive = true;
  let entries = [];
  const heading = h('h1', { id: 'trash-title', tabindex: -1 }, 'Trash');
  const error = errorBox({ id: 'trash-error' });
  const notice = noticeBox({ id: 'trash-notice' });
  const list = h('div', { id: 'trash-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const keeps = h('p', { class: 'hint', id: 'trash-keeps' },
    'Deleted programmes and people merged into someone else stay here for a while (Settings says how long), then go for good. Restoring brings one back exactly as it was.');
  const emptyButton = h('button', { type: 'button', id: 'empty-trash', class: 'button danger', disabled: true }, 'Empty trash…');
  const backButton = h('button', { type: 'button', id: 'trash-back', class: 'button', onclick: () => ctx.back() }, ctx.backLabel());
  const dialog = confirmDialog({
    id: 'empty-trash-dialog', titleId: 'empty-trash-title', textId: 'empty-trash-text', title: 'Empty the trash?',
    buttons: [
      { id: 'cancel-empty-trash', label: 'Cancel', answer: 'cancel' },
      { id: 'confirm-empty-trash', label: 'Empty trash', answer: 'empty', kind: 'danger' },
    ],
    safe: 'cancel',
  });

  root.append(h('section', { id: 'trash-page', class: 'trash-page', 'aria-labelledby': 'trash-title' },
    h('div', { class: 'view-header' }, heading, h('div', { class: 'view-actions' }, backButton, emptyButton)),
    keeps,
    error.el,
    notice.el,
    list,
    dialog.el));

  function item(e) {
    const restore = h('button', {
      type: 'button', class: 'button small trash-restore', 'aria-label': `Restore ${e.name}`,
      onclick: () => restoreOne(e, restore),
    }, 'Restore');
    return h('li', { class: 'trash-item', dataset: { id: e.id, kind: e.kind } },
      h('div', { class: 'trash-what' },
        h('span', { class: 'trash-kind' }, KINDS[e.kind] || e.kind),
        h('span', { class: 'trash-name', dir: 'auto' }, e.name),
        e.detail ? h('span', { class: 'trash-detail muted', dir: 'auto' }, e.detail) : null),
      h('p', { class: 'trash-when' }, `Deleted ${formatDateTime(e.deletedAt)} by `, h('span', { dir: 'auto' }, e.author)),
      restore);
  }

  async function load() {
    try {
      entries = await api.trashList();
    } catch (e) {
      if (!alive) return;
      replaceChildren(list);
      error.show(`The trash could not be read: ${e.message}`);
      return;
    }
    if (!alive) return;
    emptyButton.disabled = entries.length === 0;
    replaceChildren(list, entries.length
      ? h('ol', { id: 'trash-list', class: 'trash-list' }, entries.map(item))
      : h('p', { id: 'trash-empty', class: 'list-empty' }, 'The trash is empty.'));
  }

  async function restoreOne(e, button) {
    button.disabled = true;
    error.hide();
    try {
      const back = await api.trashRestore(e.id);
      if (!alive) return;
      const open = back.kind === 'programme'
        ? h('button', { type: 'button', id: 'open-restored', class: 'button small', onclick: () => ctx.go({ name: 'editor', id: back.id }) }, 'Open it')
        : h('button', { type: 'button', id: 'open-restored', class: 'button small', onclick: () => ctx.go({ name: 'person', id: back.id }) }, 'Open their page');
      notice.show(h('span', { id: 'trash-notice-text', dir: 'auto' }, `Restored “${back.name}”.`), open);
      await load();
      open.focus();
    } catch (err) {
      if (!alive) return;
      button.disabled = false;
      error.show(`Not restored: ${err.message}`);
    }
  }

  emptyButton.addEventListener('click', async () => {
    const n = entries.length;
    const answer = await dialog.confirm({
      text: `${plural(n, 'item')} in the trash will be deleted for good, with every earlier version of each. This cannot be undone.`,
    });
    if (answer !== 'empty') return emptyButton.focus();
    error.hide();
    try {
      const gone = await api.emptyTrash(null);
      if (!alive) return;
      notice.show(h('span', { id: 'trash-notice-text' }, `Emptied the trash (${plural(gone, 'item')} deleted for good).`));
      await load();
      heading.focus();
    } catch (err) {
      if (!alive) return;
      error.show(`The trash was not emptied: ${err.message}`);
    }
  });

  // Escape, outside a field and a dialog, goes back.
  const stopEscape = leaveOnEscape(() => ctx.back());

  load().then(() => { if (alive) heading.focus(); });
  api.getSettings().then((s) => {
    if (alive) keeps.textContent = `Deleted programmes and people merged into someone else stay here for ${plural(s.trashDays, 'day')} (a setting), then go for good. Restoring brings one back exactly as it was.`;
  }, () => {});

  return {
    here: () => ({ name: 'trash' }),
    unmount() {
      alive = false;
      stopEscape();
    },
  };
}
