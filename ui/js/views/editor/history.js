// The programme's History: every revision newest first, with who, when and what
// changed in words (the server writes the words, so the CLI and the window agree); any
// revision opened read-only beside the current one; and "Restore this version", which
// the server records as a new revision — history is never rewritten.

import { h, replaceChildren } from '../../dom.js';
import { formatDateTime } from '../../format.js';
import { api } from '../../ipc.js';
import { ask } from '../../dialog.js';
import { errorBox } from '../../feedback.js';
import { operationLabel, revisionItem } from '../../parts/revisions.js';
import { revisionView } from './revision-view.js';

// `programme()`: the programme as the editor last read it (its revision is what a
// restore expects); `isDirty()`: unsaved edits, which a restore would replace;
// `onRestored(saved, before)`: the restore is in; `onStale()`: reload the latest.
export function historyPanel({ programme, isDirty, onRestored, onStale }) {
  let revisions = [];
  const heading = h('h2', { id: 'history-title', tabindex: -1 }, 'History');
  const errors = errorBox({ id: 'history-error' });
  const body = h('div', { id: 'history-body', class: 'history-body' });
  const close = h('button', { type: 'button', id: 'close-history', class: 'button', dataset: { answer: 'close' } }, 'Close');
  const el = h('dialog', { id: 'history-dialog', class: 'dialog history-dialog', 'aria-labelledby': 'history-title' },
    h('div', { class: 'history-head' }, heading, close),
    errors.el,
    body);

  // A deletion keeps no version of its own (it is the one before it): nothing to view.
  const entry = (r) => revisionItem(r, r.operation === 'delete' ? null : h('button', {
    type: 'button', class: 'button small view-revision', 'aria-label': `View revision ${r.revision}`,
    onclick: () => compare(r),
  }, 'View'));

  function showList() {
    errors.hide();
    heading.textContent = 'History';
    replaceChildren(body, revisions.length
      ? h('ol', { id: 'history-list', class: 'history-list' }, revisions.map(entry))
      : h('p', { id: 'history-empty', class: 'hint' },
        'No revisions recorded yet: this programme has not been saved since Greenroom began keeping them.'));
  }

  async function load() {
    const p = programme();
    replaceChildren(body, h('p', { class: 'hint' }, 'Loading…'));
    try {
      revisions = await api.programmeHistory(p.id);
      showList();
    } catch (e) {
      replaceChildren(body);
      errors.show(`The history could not be read: ${e.message}`);
    }
  }

  // One revision, read-only, beside the programme as the editor last read it.
  async function compare(r) {
    errors.hide();
    const now = programme();
    let then;
    try {
      then = await api.programmeAsOf(now.id, r.revision);
    } catch (e) {
      errors.show(`Revision ${r.revision} could not be read: ${e.message}`);
      return;
    }
    const isCurrent = r.revision === now.revision;
    const restore = h('button', {
      type: 'button', id: 'restore-revision', class: 'button primary',
      disabled: isCurrent || isDirty(), onclick: () => restoreTo(r),
    }, 'Restore this version');
    const why = isCurrent ? 'This is the current version.'
      : isDirty() ? 'Save or discard your unsaved changes first: restoring replaces them.'
        : `Restoring makes it revision ${now.revision + 1}; nothing in the history is lost.`;
    const back = h('button', { type: 'button', id: 'history-back', class: 'button', onclick: () => { showList(); focusFirst(); } }, '← All revisions');
    heading.textContent = `Revision ${r.revision}`;
    replaceChildren(body,
      h('div', { class: 'history-compare-actions' }, back, restore, h('p', { class: 'hint', id: 'restore-hint' }, why)),
      h('div', { class: 'history-compare' },
        h('section', { class: 'history-column', 'aria-labelledby': 'revision-then-title' },
          h('h3', { id: 'revision-then-title' },
            `Revision ${r.revision} · ${operationLabel(r.operation)} by `,
            h('span', { dir: 'auto' }, r.author), ` · ${formatDateTime(r.at)}`),
          revisionView(then, { id: 'revision-then' })),
        h('section', { class: 'history-column', 'aria-labelledby': 'revision-now-title' },
          h('h3', { id: 'revision-now-title' }, `Current · revision ${now.revision}`),
          revisionView(now, { id: 'revision-now' }))));
    (restore.disabled ? back : restore).focus();
  }

  async function restoreTo(r) {
    const now = programme();
    errors.hide();
    try {
      const saved = await api.restoreProgramme(now.id, r.revision, now.revision);
      close.click(); // as the user would, so the open question is answered
      onRestored(saved, now, r.revision);
    } catch (e) {
      if (e.code === 'conflict') {
        errors.show(`Not restored: ${e.message}. Someone changed it after you opened it; load the latest version and look again.`,
          h('button', {
            type: 'button', id: 'history-load-latest', class: 'button',
            onclick: async () => { await onStale(); await load(); focusFirst(); },
          }, 'Load the latest version'));
      } else {
        errors.show(`Not restored: ${e.message}`);
      }
      errors.el.querySelector('button')?.focus();
    }
  }

  function focusFirst() {
    const first = body.querySelector('.view-revision');
    (first || heading).focus();
  }

  return {
    el,
    async open() {
      if (!programme()) return;
      const answered = ask(el, 'close', '#close-history');
      await load();
      if (el.open) focusFirst();
      await answered;
    },
  };
}
