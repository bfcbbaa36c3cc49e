// Importing one published listing: paste it, let the server read it, review what it
// read (review.js), import. What was pasted and every edit of the review are
// kept as a draft on this computer, so leaving (to look someone up, or by accident)
// and coming back finds the import as it was left; only Import or Cancel ends it.

import { h, replaceChildren, escapeLeaves } from '../../dom.js';
import { formatDateTime } from '../../format.js';
import { api } from '../../ipc.js';
import { saveDraft, loadDraft, clearDraft } from '../../drafts.js';
import { errorBox, noticeBox, statusLine } from '../../feedback.js';
import { offerUndoImport } from './undo-import.js';
import { fieldMessage } from '../../parts/field-errors.js';
import { reviewForm } from './review.js';

const DRAFT_KEY = 'import-listing';
const SAVE_DELAY_MS = 300;

export function mountImport(root, ctx) {
  // stage 'paste' (text only) or 'review' (text, the server's draft, the edited review)
  let state = { stage: 'paste', text: '', draft: null, review: null };
  let timer = null;
  let reading = false;

  const persist = () => {
    clearTimeout(timer);
    timer = null;
    if (state.stage === 'paste' && !state.text.trim()) clearDraft(DRAFT_KEY);
    else saveDraft(DRAFT_KEY, state, null);
  };
  const persistSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(persist, SAVE_DELAY_MS);
  };

  // --- Pasting ------------------------------------------------------------------
  const heading = h('h1', { id: 'import-heading', tabindex: -1 }, 'Paste a listing');
  const text = h('textarea', {
    id: 'listing-text', class: 'listing-text', rows: 18, dir: 'auto', spellcheck: 'false',
    'aria-describedby': 'listing-hint',
    placeholder: 'How to achieve a lasting ceasefire?\nIt took three years to get officials in the same room…\nPresenter: …\nGuests:\nName – Affiliation',
  });
  const notice = noticeBox({ id: 'import-notice' });
  const errors = errorBox({ id: 'import-error', focusable: true });
  const readButton = h('button', { type: 'button', id: 'read-listing', class: 'button primary' }, 'Read listing');
  const cancelButton = h('button', { type: 'button', id: 'import-cancel', class: 'button' }, 'Cancel');
  const readStatus = statusLine({ id: 'read-status' });

  const pasteView = h('section', { class: 'import-view', 'aria-labelledby': 'import-heading' },
    h('div', { class: 'view-header' }, heading,
      h('button', { type: 'button', id: 'import-files-link', class: 'button', onclick: () => ctx.go({ name: 'import-files' }) }, 'Import files instead…')),
    h('p', { class: 'lead' },
      'Paste a programme listing as it was published: the title, the framing, “Presenter:” and “Guests:”. ',
      'Page clutter around it (menus, related articles) is left out. You review what was read before anything is saved.'),
    notice.el,
    errors.el,
    h('div', { class: 'field' },
      h('label', { for: 'listing-text' }, 'Listing'),
      text,
      h('p', { class: 'hint', id: 'listing-hint' }, 'Ctrl+Enter reads it. One listing at a time; for many, use “Import files”.')),
    h('div', { class: 'import-actions' }, readButton, cancelButton, readStatus.el));

  function showPaste() {
    state.stage = 'paste';
    text.value = state.text;
    replaceChildren(root, pasteView);
  }

  function hideError() {
    errors.hide();
    text.removeAttribute('aria-invalid');
  }

  async function read() {
    if (reading) return;
    const pasted = text.value;
    hideError();
    if (!pasted.trim()) {
      errors.show('Paste a listing first.');
      text.focus();
      return;
    }
    reading = true;
    readButton.disabled = true;
    readStatus.set('Reading…');
    try {
      const draft = await api.draftListing(pasted);
      if (!draft.title.trim() && !draft.presenter && !draft.guests.length) {
        errors.show(['No listing was found in this text.', ...draft.warnings].join(' '));
        text.setAttribute('aria-invalid', 'true');
        text.focus();
        return;
      }
      state = { stage: 'review', text: pasted, draft, review: null };
      persist();
      showReview();
    } catch (e) {
      const why = e.field === 'listing' ? `the text ${fieldMessage(e.field, e.message)}` : e.message;
      errors.show(`Not read: ${why}. Nothing was saved.`);
      text.setAttribute('aria-invalid', 'true');
      text.focus();
    } finally {
      reading = false;
      readButton.disabled = false;
      readStatus.set('');
    }
  }

  text.addEventListener('input', () => {
    state.text = text.value;
    if (errors.shown) hideError();
    persistSoon();
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      read();
    }
  });
  readButton.addEventListener('click', read);
  cancelButton.addEventListener('click', cancel);

  // --- Reviewing -------------------------------------------------------------------
  function showReview() {
    const review = reviewForm({
      draft: state.draft,
      values: state.review,
      ctx,
      onChange: (values) => {
        state.review = values;
        persistSoon();
      },
      onImported: (result) => {
        clearTimeout(timer);
        clearDraft(DRAFT_KEY);
        state = { stage: 'done' };
        offerUndoImport([{ id: result.id, title: result.title }]);
        ctx.go({ name: 'editor', id: result.id }, { force: true });
      },
      onBack: () => {
        persist();
        showPaste();
        text.focus();
      },
      onCancel: cancel,
    });
    replaceChildren(root, review.el);
    review.focus();
  }

  function cancel() {
    clearTimeout(timer);
    clearDraft(DRAFT_KEY);
    state = { stage: 'done' };
    ctx.go({ name: 'home' });
  }

  // Escape leaves; the draft stays, so nothing is lost by it.
  const onKey = (e) => {
    if (!escapeLeaves(e)) return;
    e.preventDefault();
    setTimeout(() => ctx.go({ name: 'home' }), 0);
  };
  document.addEventListener('keydown', onKey);

  // --- Start: where the producer left off, if anywhere ------------------------------
  const saved = loadDraft(DRAFT_KEY);
  if (saved && saved.form.stage === 'review' && saved.form.draft) {
    state = { stage: 'review', text: saved.form.text || '', draft: saved.form.draft, review: saved.form.review || null };
    showReview();
  } else {
    if (saved && typeof saved.form.text === 'string') state.text = saved.form.text;
    showPaste();
    if (state.text) {
      notice.show(`Restored the text you pasted (${formatDateTime(saved.savedAt)}).`,
        h('button', {
          type: 'button', id: 'import-start-over', class: 'button small',
          onclick: () => {
            clearDraft(DRAFT_KEY);
            state.text = '';
            text.value = '';
            notice.hide();
            text.focus();
          },
        }, 'Start over'));
    }
    text.focus();
  }

  return {
    unmount() {
      // Whatever was typed in the last moments is kept too.
      if (timer !== null && state.stage !== 'done') persist();
      clearTimeout(timer);
      document.removeEventListener('keydown', onKey);
    },
  };
}
