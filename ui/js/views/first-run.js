// Shown while the archive is empty: say what Greenroom is for and offer two ways in.

import { h } from '../dom.js';
import { api } from '../ipc.js';
import { errorBox } from '../feedback.js';

export function mountFirstRun(root, ctx) {
  const error = errorBox({ tag: 'p' });
  const loadButton = h('button', { type: 'button', id: 'load-example', class: 'button' }, 'Load an example programme');
  const newButton = h('button', {
    type: 'button', id: 'first-run-new', class: 'button primary',
    onclick: () => ctx.go({ name: 'editor', id: null }),
  }, 'Add a programme');

  loadButton.addEventListener('click', async () => {
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
      h('div', { class: 'first-run-actions' }, newButton, loadButton),
      h('p', { class: 'first-run-import' }, 'Already have programmes published online? ',
        h('button', { type: 'button', id: 'first-run-paste', class: 'link-button', onclick: () => ctx.go({ name: 'import' }) }, 'Paste a listing'),
        ' or ',
        h('button', { type: 'button', id: 'first-run-import-files', class: 'link-button', onclick: () => ctx.go({ name: 'import-files' }) }, 'import listing files'),
        '.'),
      error.el),
  );
  newButton.focus();
  return { unmount() {} };
}
