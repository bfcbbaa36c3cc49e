// The desk's status in the header: one short line ("Synced", "3 changes waiting",
// "Offline since 14:02", "2 conflicts") on a button that opens a panel under it with
// the detail and "Sync now". It also marks the page with the member's role, so a
// viewer's window shows no edit controls. Never a modal and never in the way: the panel closes on
// Escape, on a click elsewhere, or on the button again. Hidden without a desk.

import { h, replaceChildren } from '../dom.js';
import { api } from '../ipc.js';
import { plural } from '../format.js';
import { onDesk, deskChanged } from '../desk-feed.js';

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

// The line and its tone for a status from desk_status.
export function deskLine(s) {
  if (s.error && !s.live) return { text: 'Sync stopped', tone: 'bad' };
  if (s.offlineSince) return { text: `Offline since ${clock(s.offlineSince)}`, tone: 'warn' };
  if (s.conflicts > 0) return { text: plural(s.conflicts, 'conflict'), tone: 'bad' };
  if (s.pending > 0) return { text: `${plural(s.pending, 'change')} waiting`, tone: 'busy' };
  if (!s.lastSync) return { text: 'Syncing…', tone: 'busy' };
  return { text: 'Synced', tone: 'ok' };
}

export function mountDeskStatus(container, ctx) {
  const dot = h('span', { class: 'desk-dot', 'aria-hidden': 'true' });
  const label = h('span', { class: 'desk-status-text' });
  const button = h('button', {
    type: 'button', id: 'desk-status-button', class: 'desk-status-button',
    'aria-expanded': 'false', 'aria-controls': 'desk-panel',
  }, dot, label);
  const panel = h('div', { id: 'desk-panel', class: 'desk-panel', role: 'region', 'aria-label': 'Desk status', hidden: true, tabindex: -1 });
  replaceChildren(container, button, panel);
  container.hidden = true;

  let status = null;
  let syncing = false;
  let syncError = null;

  const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, value)];

  function render() {
    container.hidden = !status;
    // A viewer's window offers no edit controls anywhere (app.css reads this).
    if (status) document.body.dataset.role = status.role;
    else delete document.body.dataset.role;
    if (!status) {
      close();
      return;
    }
    const { text, tone } = deskLine(status);
    label.textContent = text;
    container.dataset.tone = tone;
    button.title = `Desk ${status.desk.name}: ${text}`;
    if (panel.hidden) return;
    const conflicts = status.conflicts > 0
      ? h('button', { type: 'button', id: 'desk-panel-conflicts', class: 'link-button', onclick: () => { close(); ctx.go({ name: 'conflicts' }); } },
        plural(status.conflicts, 'conflict'))
      : 'none';
    const error = syncError || status.error;
    replaceChildren(panel,
      h('dl', { class: 'desk-facts' },
        row('Desk', h('span', { dir: 'auto' }, status.desk.name)),
        row('Server', h('code', { class: 'path' }, status.server)),
        row('You', h('span', { dir: 'auto' }, status.member.name), ` (${status.role})`),
        row('Last sync', status.lastSync ? when(status.lastSync) : 'not yet'),
        row('Waiting to send', status.pending > 0 ? plural(status.pending, 'change') : 'nothing'),
        row('Conflicts', conflicts),
        status.held > 0 ? row('Held back', `${plural(status.held, 'change')} to a programme locked for air: sent once it is unlocked`) : null,
        status.rejected > 0 ? row('Set aside', plural(status.rejected, 'change')) : null,
        status.offlineSince ? row('Offline since', when(status.offlineSince)) : null),
      error ? h('p', { class: 'desk-error', id: 'desk-panel-error', role: 'alert' }, `${error.message} (${error.code})`) : null,
      h('div', { class: 'desk-panel-actions' },
        h('button', { type: 'button', id: 'desk-sync-now', class: 'button small primary', disabled: syncing, onclick: syncNow },
          syncing ? 'Syncing…' : 'Sync now'),
        h('button', { type: 'button', id: 'desk-panel-settings', class: 'button small', onclick: () => { close(); ctx.go({ name: 'desk' }); } },
          'Desk settings')));
  }

  async function refresh() {
    try {
      status = await api.deskStatus();
    } catch (e) {
      // The database may be closed (a restore under way): say nothing rather than wrong.
      status = null;
      console.error('desk status:', e);
    }
    render();
  }

  async function syncNow() {
    syncing = true;
    syncError = null;
    render();
    try {
      await api.deskSync();
    } catch (e) {
      syncError = { code: e.code, message: e.message };
    } finally {
      syncing = false;
      await refresh();
      const again = panel.querySelector('#desk-sync-now');
      if (again) again.focus();
    }
  }

  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    render();
    panel.focus();
    refresh();
  }

  function close({ focus = false } = {}) {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    syncError = null;
    if (focus) button.focus();
  }

  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  container.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) {
      e.preventDefault();
      e.stopPropagation();
      close({ focus: true });
    }
  });
  document.addEventListener('click', (e) => {
    // A button the panel redrew under the click ("Sync now") is no longer in the
    // page: that click was inside it.
    if (!panel.hidden && e.target.isConnected && !container.contains(e.target)) close();
  });

  onDesk(() => refresh());
  refresh();
  return { refresh, changed: deskChanged };
}
