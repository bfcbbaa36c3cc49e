// Shown while the archive is empty: say what Greenroom is for, ask who is using it
// (every change is recorded under that name), and offer two ways in.

import { h } from '../dom.js';
import { api } from '../ipc.js';
import { errorBox } from '../feedback.js';
import { onDesk, touches } from '../desk-feed.js';

// The name changes are recorded under: the stored one, else the OS account's.
async function proposedAuthor() {
  const settings = await api.getSettings();
  return settings.authorName || (await api.defaultAuthor());
}

export function mountFirstRun(root, ctx) {
  let alive = true;
  const error = errorBox({ tag: 'p' });
  const author = h('input', {
    id: 'author-name', type: 'text', class: 'author-input', autocomplete: 'name', dir: 'auto',
    'data-limit': 100, 'aria-describedby': 'author-name-hint',
  });
  const authorError = h('p', { id: 'author-name-error', class: 'field-error', hidden: true });
  let savedAuthor = null;
  const proposal = proposedAuthor().then((name) => {
    // Typing started before the answer came wins.
    if (alive && !author.value) author.value = name;
  }, () => {});
  // Stored before any way in is taken, so the first change is already recorded under it.
  // Left blank, nothing is stored and changes go under the OS account's name.
  async function saveAuthor() {
    await proposal;
    const name = author.value.trim();
    if (!name || name === savedAuthor) return true;
    try {
      await api.setSetting('author.name', name);
      savedAuthor = name;
      authorError.hidden = true;
      author.removeAttribute('aria-invalid');
      return true;
    } catch (e) {
      authorError.textContent = `Your name was not saved: ${e.message}`;
      authorError.hidden = false;
      author.setAttribute('aria-invalid', 'true');
      author.focus();
      return false;
    }
  }
  author.addEventListener('change', () => { saveAuthor(); });
  const thenGo = (route) => async () => {
    if (await saveAuthor()) ctx.go(route);
  };
  // An archive emptied by deleting still has its programmes in the trash.
  const trashLine = h('p', { class: 'first-run-import', hidden: true }, 'Deleted a programme? ',
    h('button', { type: 'button', id: 'first-run-trash', class: 'link-button', onclick: () => ctx.go({ name: 'trash' }) }, 'Open the trash'),
    '.');
  api.trashList().then((entries) => { trashLine.hidden = entries.length === 0; }, () => {});
  const loadButton = h('button', { type: 'button', id: 'load-example', class: 'button' }, 'Load an example programme');
  const newButton = h('button', {
    type: 'button', id: 'first-run-new', class: 'button primary',
    onclick: thenGo({ name: 'editor', id: null }),
  }, 'Add a programme');

  loadButton.addEventListener('click', async () => {
    if (!(await saveAuthor())) return;
    loadButton.disabled = true;
    error.hide();
    try {
      const programme = await api.loadExample();
      await ctx.go({ name: 'editor', id: programme.id, programme });
    } catch (e) {
      error.showText(`Could not load the example: ${e.message}`);
      loadButton.disabled = false;
    }
  });

  root.append(
    h('section', { id: 'first-run', class: 'first-run' },
      h('h1', {}, 'Welcome to Greenroom'),
      h('p', { class: 'lead' },
        'Greenroom keeps the running order of your debate and panel programmes in one place: the question each programme asks, how the presenter frames it, who is on the panel and how they are billed, and when it airs.'),
      h('ul', { class: 'first-run-points' },
        h('li', {}, 'Plan a programme from first idea to air, with its status in plain sight.'),
        h('li', {}, 'Book guests once; Greenroom remembers them, their affiliation and every programme they appeared on.'),
        h('li', {}, 'Everything stays in a database file on this computer.')),
      h('div', { class: 'field first-run-author' },
        h('label', { for: 'author-name' }, 'Your name'),
        author,
        h('p', { class: 'hint', id: 'author-name-hint' }, 'Greenroom keeps every version of every programme, with who changed it. Your changes are recorded under this name; Settings can change it.'),
        authorError),
      h('div', { class: 'first-run-actions' }, newButton, loadButton),
      h('p', { class: 'first-run-import' }, 'Already have programmes published online? ',
        h('button', { type: 'button', id: 'first-run-paste', class: 'link-button', onclick: thenGo({ name: 'import' }) }, 'Paste a listing'),
        ' or ',
        h('button', { type: 'button', id: 'first-run-import-files', class: 'link-button', onclick: thenGo({ name: 'import-files' }) }, 'import listing files'),
        '.'),
      h('p', { class: 'first-run-import' }, 'Working with a team? ',
        h('button', { type: 'button', id: 'first-run-desk', class: 'link-button', onclick: thenGo({ name: 'desk' }) }, 'Join your desk'),
        ' to share programmes and guests.'),
      trashLine,
      error.el),
  );
  // A desk's programmes arriving (just joined) end the empty archive: on to the list,
  // unless the name is being typed.
  const stopDesk = onDesk(async (m) => {
    if (!touches(m, 'programme') || document.activeElement === author) return;
    const info = await api.appInfo().catch(() => null);
    if (alive && info && info.programmeCount > 0 && (await saveAuthor())) ctx.go({ name: 'home' });
  });
  newButton.focus();
  return {
    unmount() {
      alive = false;
      stopDesk();
    },
  };
}
