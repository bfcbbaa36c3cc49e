// Modal questions: "Leave without saving?", "Delete this programme?", "Merge these
// people?". Each is a <dialog> whose buttons carry the answer they give; Escape gives
// the safe answer, and the focus starts on the button that gives it.

import { h } from './dom.js';

// Shows `dialog` and resolves with the `data-answer` of the button pressed, or
// `cancelValue` on Escape. Plain buttons, not <form method=dialog>, because the CSP
// forbids form actions.
export function ask(dialog, cancelValue, focusSelector) {
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.removeEventListener('click', onClick);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onClick = (e) => {
      const btn = e.target.closest('button[data-answer]');
      if (btn) done(btn.dataset.answer);
    };
    const onCancel = (e) => {
      e.preventDefault();
      done(cancelValue);
    };
    dialog.addEventListener('click', onClick);
    dialog.addEventListener('cancel', onCancel);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    const first = focusSelector && dialog.querySelector(focusSelector);
    if (first) first.focus();
  });
}

// A confirmation: a title, a sentence (`textId` names it as the description), an
// optional hint, and `buttons` ({ id, label, answer, kind: 'primary' | 'danger' })
// in the order shown. `safe` is the answer Escape gives; its button has the focus.
// `confirm({ title, text, labels })` asks, changing the title, the sentence and
// button labels (by answer) first where given.
export function confirmDialog({ id, titleId, title, text = null, textId = null, hint = null, buttons, safe }) {
  const heading = h('h2', { id: titleId }, title);
  const sentence = h('p', { id: textId }, text);
  const byAnswer = new Map(buttons.map((b) => [b.answer, h('button', {
    type: 'button', id: b.id, class: ['button', b.kind], dataset: { answer: b.answer },
  }, b.label)]));
  const el = h('dialog', { id, class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': textId },
    heading,
    sentence,
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('div', { class: 'dialog-actions' }, [...byAnswer.values()]));

  function confirm({ title: newTitle, text: newText, labels = {} } = {}) {
    if (newTitle !== undefined) heading.textContent = newTitle;
    if (newText !== undefined) sentence.textContent = newText;
    for (const [answer, label] of Object.entries(labels)) byAnswer.get(answer).textContent = label;
    return ask(el, safe, `#${byAnswer.get(safe).id}`);
  }

  return { el, confirm };
}

// "Leave without saving?": Keep editing (the safe answer, 'keep') or Discard changes ('discard').
export function unsavedChangesDialog({ id, titleId, keepId, discardId, text }) {
  return confirmDialog({
    id, titleId, title: 'Leave without saving?', text,
    buttons: [
      { id: keepId, label: 'Keep editing', answer: 'keep', kind: 'primary' },
      { id: discardId, label: 'Discard changes', answer: 'discard', kind: 'danger' },
    ],
    safe: 'keep',
  });
}
