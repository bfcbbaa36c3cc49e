// What went wrong and what is going on, said the same way in every view: an error box
// (role=alert, hidden while there is nothing to say), a notice (role=status, for what
// just happened, often with a button to follow it up or undo it), and a status line
// next to a form's buttons ("Saving…", "Saved", "Not saved"). Each is made here and
// returned with its element (`el`, for the view to place) and what it can do.

import { h, replaceChildren } from './dom.js';

// What an error box and a notice share: hiding (and emptying) it, focusing it, and
// whether it shows.
function box(el) {
  return {
    el,
    hide() {
      el.hidden = true;
      el.replaceChildren();
    },
    focus: () => el.focus(),
    get shown() {
      return !el.hidden;
    },
  };
}

// `tag` 'p' for a box that only ever holds one sentence (`showText`); `focusable`
// lets a failure move the focus to it.
export function errorBox({ id = null, tag = 'div', focusable = false } = {}) {
  const el = h(tag, { id, class: 'error-box', role: 'alert', tabindex: focusable ? -1 : null, hidden: true });
  return Object.assign(box(el), {
    // The message as a paragraph, then `actions` (buttons; null ones left out) in a row under it.
    show(message, ...actions) {
      const buttons = actions.filter(Boolean);
      replaceChildren(el, h('p', {}, message), buttons.length ? h('div', { class: 'error-actions' }, buttons) : null);
      el.hidden = false;
    },
    // One sentence, as the box's own text.
    showText(message) {
      el.textContent = message;
      el.hidden = false;
    },
  });
}

export function noticeBox({ id = null, focusable = false } = {}) {
  const el = h('div', { id, class: 'notice', role: 'status', tabindex: focusable ? -1 : null, hidden: true });
  return Object.assign(box(el), {
    // `message` is text (or an element, to give it an id), then the buttons that follow it up.
    show(message, ...actions) {
      replaceChildren(el, message instanceof Node ? message : h('span', {}, message), ...actions);
      el.hidden = false;
    },
  });
}

export function statusLine({ id = null } = {}) {
  const el = h('p', { id, class: 'form-status', role: 'status', 'aria-live': 'polite' });
  return {
    el,
    // `kind`: '' (neutral), 'saved', 'dirty' or 'error', each with its colour.
    set(text, kind = '') {
      el.textContent = text;
      el.className = kind ? `form-status ${kind}` : 'form-status';
    },
  };
}
