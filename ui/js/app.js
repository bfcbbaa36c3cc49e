// Entry point and router. There is no URL routing: the window has one job at a
// time, and every change of view goes through `go`, which asks the current view
// whether it may be left (the editor's unsaved-changes guard).

import { h, clear, replaceChildren } from './dom.js';
import { api, hasBackend } from './ipc.js';
import { mountList } from './views/list.js';
import { mountFirstRun } from './views/first-run.js';
import { mountEditor } from './views/editor.js';

const root = document.getElementById('app');
const homeButton = document.getElementById('home');

const ctx = {
  go,
  // Survives leaving the list, so Back returns to the same filter.
  listState: { text: '' },
  seriesSeen: new Set(),
};

let current = null;
let navigating = false;

async function go(route, { force = false } = {}) {
  if (navigating) return false;
  navigating = true;
  try {
    if (!force && current && current.confirmLeave && !(await current.confirmLeave())) return false;
    if (current && current.unmount) current.unmount();
    current = null;
    current = await render(route);
    return true;
  } catch (e) {
    showFailure(e);
    return false;
  } finally {
    navigating = false;
  }
}

async function render(route) {
  if (route.name === 'editor') {
    document.title = route.id || route.programme ? 'Edit programme — Greenroom' : 'New programme — Greenroom';
    clear(root);
    return mountEditor(root, ctx, route);
  }
  // Home: the first-run screen only while the archive is empty and nothing is filtered.
  if (!ctx.listState.text) {
    const info = await api.appInfo();
    if (info.openError) return showOpenError(info);
    if (info.programmeCount === 0) {
      document.title = 'Greenroom';
      clear(root);
      return mountFirstRun(root, ctx);
    }
  }
  document.title = 'Programmes — Greenroom';
  clear(root);
  return mountList(root, ctx);
}

function showOpenError(info) {
  document.title = 'Greenroom — cannot open the database';
  homeButton.disabled = true;
  replaceChildren(
    root,
    h('section', { class: 'fatal', id: 'open-error', role: 'alert' },
      h('h1', {}, 'Greenroom could not open its database'),
      h('p', { class: 'fatal-message' }, info.openError.message),
      h('dl', { class: 'fatal-details' },
        h('dt', {}, 'Database file'),
        h('dd', {}, h('code', { class: 'path' }, info.dbPath)),
        h('dt', {}, 'Error code'),
        h('dd', {}, h('code', {}, info.openError.code))),
      h('p', { class: 'fatal-reassure' },
        'The file was not changed. Close Greenroom, deal with the file (or start Greenroom with another database), then open it again.')),
  );
  return { unmount() {} };
}

function showFailure(e) {
  replaceChildren(
    root,
    h('section', { class: 'fatal', role: 'alert' },
      h('h1', {}, 'Something went wrong'),
      h('p', { class: 'fatal-message' }, (e && e.message) || String(e)),
      h('p', {}, h('button', { type: 'button', class: 'button', onclick: () => go({ name: 'home' }, { force: true }) }, 'Back to the programme list'))),
  );
  current = { unmount() {} };
}

homeButton.addEventListener('click', () => go({ name: 'home' }));

async function start() {
  if (!hasBackend()) {
    replaceChildren(
      root,
      h('section', { class: 'fatal', role: 'alert' },
        h('h1', {}, 'Greenroom is not running'),
        h('p', {}, 'This page is the window of the Greenroom desktop app; open it through the Greenroom program.')),
    );
    homeButton.disabled = true;
    return;
  }
  await go({ name: 'home' }, { force: true });
}

start();
