// Possible duplicates in the people directory: pairs the server thinks are one
// person, with how alike the names are and why. Merging (after a confirmation)
// moves every appearance of one onto the other; every merge can be undone, from the
// notice right after it or from the list of recent merges.

import { h, clear, leaveOnEscape } from '../dom.js';
import { formatDateTime, plural } from '../format.js';
import { api } from '../ipc.js';
import { confirmDialog } from '../dialog.js';
import { errorBox, noticeBox } from '../feedback.js';
import { offerUndo, forgetUndo } from '../undo.js';

export function mountDuplicates(root, ctx) {
  let alive = true;
  let busy = false;
  let names = new Map(); // person id → name, for the merge history

  const backButton = h('button', { type: 'button', id: 'duplicates-back', class: 'button', onclick: () => ctx.back() }, ctx.backLabel());
  const notice = noticeBox({ id: 'merge-notice' });
  const error = errorBox({ id: 'duplicates-error', focusable: true });
  const count = h('p', { class: 'list-count', id: 'duplicates-count', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { id: 'duplicate-list', class: 'duplicate-list' });
  const empty = h('p', { class: 'list-empty', id: 'duplicates-empty', hidden: true }, 'No possible duplicates found.');
  const mergesList = h('ol', { id: 'merge-list', class: 'merge-list' });
  const mergesEmpty = h('p', { class: 'muted', id: 'merges-empty', hidden: true }, 'No merges yet.');

  const dialog = confirmDialog({
    id: 'merge-dialog', titleId: 'merge-dialog-title', title: 'Merge these people?', textId: 'merge-dialog-text',
    hint: 'You can undo the merge afterwards, here under Recent merges.',
    buttons: [
      { id: 'cancel-merge', label: 'Cancel', answer: 'cancel' },
      { id: 'confirm-merge', label: 'Merge', answer: 'merge', kind: 'primary' },
    ],
    safe: 'cancel',
  });

  root.append(h('section', { id: 'duplicates-page', class: 'duplicates-page', 'aria-labelledby': 'duplicates-title' },
    h('div', { class: 'view-header' },
      h('div', {},
        h('h1', { id: 'duplicates-title', tabindex: -1 }, 'Possible duplicates'),
        h('p', { class: 'hint' }, 'People who are probably entered twice under slightly different names. People who appeared on the same programme are never suggested.')),
      backButton),
    notice.el,
    error.el,
    count,
    list,
    empty,
    h('section', { class: 'recent-merges', id: 'recent-merges', 'aria-labelledby': 'merges-heading' },
      h('h2', { id: 'merges-heading' }, 'Recent merges'),
      mergesList,
      mergesEmpty),
    dialog.el));

  // Escape, outside a field and a dialog, goes back.
  const stopEscape = leaveOnEscape(() => ctx.back());

  function showError(text) {
    error.show(text);
    error.focus();
  }
  const showNotice = (text, ...actions) => notice.show(h('span', { id: 'merge-notice-text' }, text), ...actions);

  function personBlock(p, role) {
    return h('div', { class: ['duplicate-person', `duplicate-${role}`] },
      h('span', { class: 'duplicate-role' }, role === 'keep' ? 'Keep' : 'Merge away'),
      h('button', {
        type: 'button', class: 'link-button duplicate-open', dir: 'auto',
        onclick: () => ctx.go({ name: 'person', id: p.id }),
      }, p.name),
      p.affiliation ? h('span', { class: 'duplicate-affiliation', dir: 'auto' }, p.affiliation) : h('span', { class: 'duplicate-affiliation muted' }, 'No affiliation'),
      h('span', { class: 'duplicate-appearances' }, plural(p.appearances, 'appearance')));
  }

  function pairItem(pair) {
    let keep = pair.keep;
    let drop = pair.drop;
    const people = h('div', { class: 'duplicate-people' });
    const mergeButton = h('button', { type: 'button', class: 'button primary merge-pair' });
    const swapButton = h('button', {
      type: 'button', class: 'button small swap-pair', title: 'Keep the other one instead',
    }, '⇄ Swap');
    const render = () => {
      people.replaceChildren(personBlock(keep, 'keep'), personBlock(drop, 'drop'));
      mergeButton.textContent = `Merge into ${keep.name}`;
      swapButton.setAttribute('aria-label', `Keep ${drop.name} instead of ${keep.name}`);
    };
    render();
    swapButton.addEventListener('click', () => {
      [keep, drop] = [drop, keep];
      render();
    });
    mergeButton.addEventListener('click', () => merge(keep, drop, mergeButton));
    return h('li', { class: 'duplicate-pair', dataset: { keepId: pair.keep.id, dropId: pair.drop.id } },
      people,
      h('div', { class: 'duplicate-why' },
        h('p', { class: 'duplicate-score' }, `${Math.round(pair.score * 100)}% alike`),
        pair.evidence.length
          ? h('ul', { class: 'duplicate-evidence' }, pair.evidence.map((e) => h('li', {}, e)))
          : null),
      h('div', { class: 'duplicate-actions' }, swapButton, mergeButton));
  }

  function mergeItem(m) {
    const keepName = names.get(m.keepId) || 'someone no longer in the directory';
    const n = (m.programmes || []).length;
    return h('li', { class: ['merge-record', m.undoneAt ? 'undone' : null], dataset: { mergeId: String(m.id) } },
      h('span', { class: 'merge-text', dir: 'auto' }, `${m.dropName} into ${keepName}`),
      h('span', { class: 'merge-when muted' },
        `${formatDateTime(m.mergedAt)} · ${plural(n, 'programme')}`,
        m.undoneAt ? ` · undone ${formatDateTime(m.undoneAt)}` : ''),
      m.undoneAt ? null : h('button', {
        type: 'button', class: 'button small undo-merge', 'aria-label': `Undo merging ${m.dropName} into ${keepName}`,
        onclick: () => undo(m, keepName),
      }, 'Undo'));
  }

  async function load() {
    let pairs;
    let merges;
    try {
      [pairs, merges] = await Promise.all([api.possibleDuplicates(), api.listMerges()]);
    } catch (e) {
      if (alive) showError(`Could not look for duplicates: ${e.message}`);
      return false;
    }
    let people = [];
    try {
      people = await api.listPeople();
    } catch { /* the history then shows fewer names */ }
    if (!alive) return false;
    names = new Map(people.map((p) => [p.id, p.name]));
    clear(list);
    list.append(...pairs.map(pairItem));
    list.hidden = pairs.length === 0;
    empty.hidden = pairs.length > 0;
    count.textContent = pairs.length ? plural(pairs.length, 'possible duplicate') : '';
    clear(mergesList);
    mergesList.append(...merges.map(mergeItem));
    mergesEmpty.hidden = merges.length > 0;
    return true;
  }

  async function merge(keep, drop, button) {
    if (busy) return;
    const answer = await dialog.confirm({
      title: `Merge ${drop.name} into ${keep.name}?`,
      text: `All of ${drop.name}’s appearances (${plural(drop.appearances, 'programme')}) move to ${keep.name}, `
        + `and ${drop.name} leaves the directory. Details ${keep.name} lacks (affiliation, contacts…) are filled in from ${drop.name}.`,
      labels: { merge: `Merge into ${keep.name}` },
    });
    if (answer !== 'merge') {
      if (button.isConnected) button.focus();
      return;
    }
    busy = true;
    error.hide();
    try {
      const record = await api.mergePeople(keep.id, drop.id);
      if (!alive) return;
      await load();
      showNotice(`Merged ${record.dropName || drop.name} into ${keep.name}.`,
        h('button', { type: 'button', id: 'undo-merge', class: 'button small', onclick: () => undo(record, keep.name) }, 'Undo'));
      notice.el.querySelector('#undo-merge').focus();
      // The notice has its Undo; Ctrl+Z reaches the same, from wherever the user goes next.
      offerUndo({
        message: `Merged ${record.dropName || drop.name} into ${keep.name}.`,
        toast: false,
        undo: async () => {
          await api.undoMerge(record.id);
          return { message: `Undone: ${record.dropName} is separate from ${keep.name} again.`, route: { name: 'duplicates' } };
        },
      });
    } catch (e) {
      if (!alive) return;
      showError(e.code === 'validation' ? `Not merged: ${e.message}` : `Could not merge: ${e.message}`);
    } finally {
      busy = false;
    }
  }

  async function undo(record, keepName) {
    if (busy) return;
    busy = true;
    error.hide();
    forgetUndo();
    try {
      await api.undoMerge(record.id);
      if (!alive) return;
      await load();
      showNotice(`Undone: ${record.dropName} is separate from ${keepName} again.`);
    } catch (e) {
      if (!alive) return;
      notice.hide();
      showError(`Could not undo the merge: ${e.message}`);
    } finally {
      busy = false;
    }
  }

  load().then((ok) => {
    if (ok && alive) root.querySelector('#duplicates-title').focus();
  });

  return {
    here: () => ({ name: 'duplicates' }),
    unmount() {
      alive = false;
      stopEscape();
    },
  };
}
