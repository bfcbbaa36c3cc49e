// Undo of the most recent action (a save, delete, merge, import or restore), from a
// toast or with Ctrl+Z while no text field has focus (a field keeps its own Ctrl+Z).
// Only one action is remembered: offering a new one forgets the last. Undoing never
// rewrites history: the server records it as a new revision, and one changed
// meanwhile is a conflict, shown and not forced.

import { h, anyDialogOpen } from './dom.js';

// How long the toast stays up untouched; Ctrl+Z still undoes once it has gone.
const SHOWN_MS = 20000;

let ctx = null;
let last = null; // { message, undo }
let running = false;
let timer = null;

const text = h('span', { id: 'undo-toast-text', class: 'toast-text', dir: 'auto' });
const undoButton = h('button', { type: 'button', id: 'undo-button', class: 'button small' }, 'Undo');
const dismiss = h('button', { type: 'button', id: 'undo-dismiss', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
const toast = h('div', { id: 'undo-toast', class: 'toast', role: 'status', hidden: true }, text, undoButton, dismiss);

function show(message, { withUndo, error = false }) {
  text.textContent = message;
  undoButton.hidden = !withUndo;
  toast.classList.toggle('toast-error', error);
  toast.hidden = false;
  hideLater();
}

function hide() {
  clearTimeout(timer);
  toast.hidden = true;
}

// Not while the user is on it: a toast that vanishes under the pointer or the focus
// loses its button.
function hideLater() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (toast.matches(':hover') || toast.contains(document.activeElement)) hideLater();
    else hide();
  }, SHOWN_MS);
}

// `undo` is async and resolves with `{ message, route }`: what to say once undone and,
// if any, the view to show then (the restored programme, say). `toast: false` for a
// view that offers its own Undo button and only wants Ctrl+Z to reach it too.
export function offerUndo({ message, undo, toast: withToast = true }) {
  last = { message, undo };
  if (withToast) show(message, { withUndo: true });
  else hide();
}

// The remembered action no longer applies (what it changed was changed again).
export function forgetUndo() {
  last = null;
  hide();
}

async function runUndo() {
  if (!last || running) return;
  const action = last;
  running = true;
  undoButton.disabled = true;
  try {
    const { message, route } = await action.undo();
    last = null;
    show(message, { withUndo: false });
    if (route && ctx) await ctx.go(route);
  } catch (e) {
    // Someone changed it since: say so, and leave it to the user (History has every version).
    last = null;
    const why = e.code === 'conflict'
      ? `${e.message}. It was changed after this action, so undoing would overwrite that; its History has every version.`
      : e.message;
    show(`Not undone: ${why}`, { withUndo: false, error: true });
  } finally {
    running = false;
    undoButton.disabled = false;
  }
}

function inTextField(el) {
  return el instanceof Element
    && Boolean(el.closest('input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select, [contenteditable]'));
}

// Puts the toast in the page and listens for Ctrl+Z; `appCtx.go` shows the view an
// undo names.
export function installUndo(appCtx) {
  ctx = appCtx;
  document.body.append(toast);
  undoButton.addEventListener('click', runUndo);
  dismiss.addEventListener('click', hide);
  document.addEventListener('keydown', (e) => {
    const z = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z';
    if (!z || e.defaultPrevented || !last || anyDialogOpen() || inTextField(e.target)) return;
    e.preventDefault();
    runUndo();
  });
}
