// Entry point and router. There is no URL routing: the window has one job at a
// time, and every change of view goes through `go`, which asks the current view
// whether it may be left (the editor's unsaved-changes guard). ROUTES says, for each
// route name, which view shows it.

import { h, clear, replaceChildren } from './dom.js';
import { api, hasBackend } from './ipc.js';
import { watchLimits } from './limits.js';
import { installUndo } from './undo.js';
import { mountList } from './views/list.js';
import { mountFirstRun } from './views/first-run.js';
import { mountEditor } from './views/editor/editor.js';
import { mountPerson } from './views/person/person.js';
import { mountGuests } from './views/guests.js';
import { mountDuplicates } from './views/duplicates.js';
import { mountSettings } from './views/settings.js';
import { mountBalance } from './views/balance.js';
import { mountSearch } from './parts/search-box.js';
import { mountOpenError } from './views/open-error.js';
import { mountImport } from './views/import/import.js';
import { mountImportFiles } from './views/import/files.js';
import { mountTrash } from './views/trash.js';
import { mountDesk } from './views/desk.js';
import { mountConflicts } from './views/conflicts.js';
import { mountDeskStatus } from './parts/desk-status.js';
import { watchDesk } from './desk-feed.js';

const root = document.getElementById('app');
const homeButton = document.getElementById('home');
const navButtons = {
  programmes: document.getElementById('nav-programmes'),
  guests: document.getElementById('nav-guests'),
  reports: document.getElementById('nav-reports'),
  settings: document.getElementById('nav-settings'),
};

// Each route: the window title (before " — Greenroom"), the view that mounts it as
// `mount(root, ctx, route)`, the header button it belongs under (`nav`; Programmes
// when none), and what a Back button returning to it says (`back`; "← Back" when none).
// An unknown name is the home route.
const ROUTES = {
  home: { mount: mountHome, back: '← Programmes' },
  editor: {
    title: (route) => (route.id || route.programme ? 'Edit programme' : 'New programme'),
    mount: mountEditor,
    back: '← Programme',
  },
  person: { title: 'Guest history', mount: mountPerson, nav: 'guests' },
  duplicates: { title: 'Possible duplicates', mount: mountDuplicates, nav: 'guests', back: '← Possible duplicates' },
  guests: { title: 'Guests', mount: mountGuests, nav: 'guests', back: '← Guests' },
  reports: { title: 'Balance report', mount: mountBalance, nav: 'reports' },
  settings: { title: 'Settings', mount: mountSettings, nav: 'settings', back: '← Settings' },
  import: { title: 'Paste a listing', mount: mountImport, back: '← Import' },
  'import-files': { title: 'Import listing files', mount: mountImportFiles },
  trash: { title: 'Trash', mount: mountTrash, back: '← Trash' },
  desk: { title: 'Desk', mount: mountDesk, nav: 'settings', back: '← Desk' },
  conflicts: { title: 'Conflicts', mount: mountConflicts, nav: 'settings', back: '← Conflicts' },
};
const routeOf = (route) => ROUTES[route.name] || ROUTES.home;

const ctx = {
  go,
  // Survives leaving the list, so Back returns to the same filter.
  listState: { text: '' },
  seriesSeen: new Set(),
  // Survives leaving the guest directory, for the same reason.
  guestState: { text: '' },
  back,
  previous: () => trail[trail.length - 1] || null,
  // The label of a Back button: where `back` will go.
  backLabel() {
    const prev = ctx.previous();
    if (!prev) return ROUTES.home.back;
    return (ROUTES[prev.name] && ROUTES[prev.name].back) || '← Back';
  },
};

let current = null;
let currentRoute = null;
let searchBox = null;
let navigating = false;
// Where Back buttons return to: the routes left, newest last.
const trail = [];
const TRAIL_MAX = 30;

const sameRoute = (a, b) => a.name === b.name && (a.id || null) === (b.id || null);

async function go(route, { force = false, isBack = false } = {}) {
  if (navigating) return false;
  navigating = true;
  try {
    if (!force && current && current.confirmLeave && !(await current.confirmLeave())) return false;
    // A view may know better where it is than the route that opened it (a new
    // programme, once saved, is that programme).
    const from = current && current.here ? current.here() : currentRoute;
    if (current && current.unmount) current.unmount();
    current = null;
    if (!isBack && from && !sameRoute(from, route)) {
      trail.push(from);
      if (trail.length > TRAIL_MAX) trail.shift();
    }
    currentRoute = route;
    markNav(route);
    // Every view opens at its top: the page scrolls, and the last view's scroll
    // (a long import review, say) would otherwise carry over.
    window.scrollTo(0, 0);
    if (searchBox) searchBox.reset();
    current = await render(route);
    return true;
  } catch (e) {
    showFailure(e);
    return false;
  } finally {
    navigating = false;
  }
}

// Back to the previous view; the programme list when there is none.
async function back() {
  const to = trail.pop() || { name: 'home' };
  const ok = await go(to, { isBack: true });
  if (!ok && to.name !== 'home') trail.push(to);
  return ok;
}

function markNav(route) {
  const section = routeOf(route).nav || 'programmes';
  for (const [name, button] of Object.entries(navButtons)) {
    if (!button) continue;
    if (name === section) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
}

async function render(route) {
  const { title, mount } = routeOf(route);
  if (title) {
    document.title = `${typeof title === 'function' ? title(route) : title} — Greenroom`;
    clear(root);
  }
  return mount(root, ctx, route);
}

// Home: the first-run screen only while the archive is empty and nothing is filtered;
// the open-error screen when the database could not be opened.
async function mountHome() {
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
  const setNavDisabled = (disabled) => {
    homeButton.disabled = disabled;
    for (const button of Object.values(navButtons)) if (button) button.disabled = disabled;
  };
  setNavDisabled(true);
  // A restore reopens the database; the window then carries on from the programme list.
  return mountOpenError(root, info, {
    onRestored: () => {
      setNavDisabled(false);
      go({ name: 'home' }, { force: true });
    },
  });
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
if (navButtons.programmes) navButtons.programmes.addEventListener('click', () => go({ name: 'home' }));
if (navButtons.guests) navButtons.guests.addEventListener('click', () => go({ name: 'guests' }));
if (navButtons.settings) navButtons.settings.addEventListener('click', () => go({ name: 'settings' }));
if (navButtons.reports) navButtons.reports.addEventListener('click', () => go({ name: 'reports' }));

async function start() {
  if (!hasBackend()) {
    replaceChildren(
      root,
      h('section', { class: 'fatal', role: 'alert' },
        h('h1', {}, 'Greenroom is not running'),
        h('p', {}, 'This page is the window of the Greenroom desktop app; open it through the Greenroom program.')),
    );
    homeButton.disabled = true;
    for (const button of Object.values(navButtons)) if (button) button.disabled = true;
    return;
  }
  watchLimits(document);
  installUndo(ctx);
  searchBox = mountSearch(document.getElementById('global-search'), ctx);
  mountDeskStatus(document.getElementById('desk-status'), ctx);
  watchDesk();
  await go({ name: 'home' }, { force: true });
}

start();
