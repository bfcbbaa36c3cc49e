// The desk's open conflicts: a field two members changed differently, shown as the
// original, the edit that did not win ("mine" when it was this computer's) and the
// desk's value ("theirs") side by side. Keeping one resolves it on the desk; the
// programme's history then has the revision it made. Works offline on the list the
// last sync brought; resolving needs the desk.

import { h, replaceChildren, leaveOnEscape } from '../dom.js';
import { api } from '../ipc.js';
import { plural } from '../format.js';
import { errorBox, noticeBox } from '../feedback.js';
import { onDesk, deskChanged } from '../desk-feed.js';

const ENTITY_WORDS = { programme: 'Programme', person: 'Person', series_format: 'Series format', setting: 'Setting' };
const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

// A value as text: strings as they are, nothing as a dash, anything else as JSON.
export function valueText(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '(blank)' : v;
  return JSON.stringify(v, null, 2);
}

export function mountConflicts(root, ctx) {
  let alive = true;
  let me = null; // this member's id: its edits are "mine"
  const names = new Map(); // entity id → what it is called here
  const list = h('ol', { id: 'conflict-list', class: 'conflict-list' });
  const empty = h('p', { id: 'conflicts-none', class: 'list-empty', hidden: true }, 'No open conflicts.');
  const count = h('p', { class: 'list-count', role: 'status', 'aria-live': 'polite' });
  const error = errorBox({ id: 'conflicts-error', focusable: true });
  const notice = noticeBox({ id: 'conflicts-notice' });
  const heading = h('h1', { id: 'conflicts-title', tabindex: -1 }, 'Conflicts');
  root.append(h('section', { id: 'conflicts-page', class: 'conflicts-page', 'aria-labelledby': 'conflicts-title' },
    h('div', { class: 'view-header' }, heading, count),
    h('p', { class: 'hint' }, 'Each is a field two members changed differently. The desk keeps its value until you pick; keeping the other edit makes a new revision.'),
    error.el, notice.el, list, empty));

  async function nameOf(c) {
    const key = `${c.entity}:${c.entityId}`;
    if (names.has(key)) return names.get(key);
    let name = c.entityId;
    try {
      if (c.entity === 'programme') name = (await api.getProgramme(c.entityId)).title;
      else if (c.entity === 'person') name = (await api.personProfile(c.entityId)).name;
    } catch { /* deleted here, or not here yet: its id says which */ }
    names.set(key, name);
    return name;
  }

  function side(c, key, label, keep) {
    return h('div', { class: `conflict-side conflict-${key}` },
      h('h3', {}, label),
      h('pre', { class: 'conflict-value', dir: 'auto' }, valueText(c[key])),
      keep ? h('button', {
        type: 'button', class: `button small keep-${keep}`, dataset: { keep },
        'aria-label': `${label}: keep this for ${c.field || 'the whole entry'}`,
      }, 'Keep this') : null);
  }

  // "Write a new value": a text for a text field, JSON for anything else; not for a
  // whole entry (deleted on one side), which keeps one side or the other.
  function newValue(c, li) {
    if (!c.field) return null;
    const text = [c.base, c.mine, c.theirs].every((v) => v === null || typeof v === 'string');
    const id = `conflict-value-${c.id}`;
    const area = h('textarea', {
      id, class: 'conflict-new-value', rows: 3, dir: 'auto', 'data-limit': 100000,
      value: text ? (c.mine ?? '') : JSON.stringify(c.mine, null, 2),
    });
    const err = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const keep = h('button', { type: 'button', class: 'button small keep-value' }, 'Keep this value');
    keep.addEventListener('click', () => {
      let value = area.value;
      if (!text) {
        try {
          value = JSON.parse(area.value);
        } catch (e) {
          err.textContent = `Not JSON: ${e.message}`;
          err.hidden = false;
          area.focus();
          return;
        }
      }
      err.hidden = true;
      resolve(c, 'value', li, value);
    });
    const box = h('div', { class: 'conflict-write', hidden: true },
      h('label', { for: id }, text ? 'New value' : 'New value (JSON)'), area, err, h('div', {}, keep));
    const open = h('button', { type: 'button', class: 'button small write-value', 'aria-expanded': 'false' }, 'Write a new value…');
    open.addEventListener('click', () => {
      box.hidden = !box.hidden;
      open.setAttribute('aria-expanded', String(!box.hidden));
      if (!box.hidden) area.focus();
    });
    return h('div', { class: 'conflict-new' }, open, box);
  }

  function item(c, name) {
    const mine = me && c.memberId === me;
    const field = c.field || '(deleted on one side, edited on the other)';
    const li = h('li', { class: 'conflict', dataset: { id: c.id, field: c.field }, 'aria-labelledby': `conflict-${c.id}` },
      h('h2', { id: `conflict-${c.id}`, class: 'conflict-title' },
        h('span', { class: 'muted' }, `${ENTITY_WORDS[c.entity] || c.entity} `),
        h('span', { dir: 'auto', class: 'conflict-name' }, name),
        ' · ', h('span', { class: 'conflict-field' }, field)),
      h('p', { class: 'hint' }, `${mine ? 'Your' : `${c.author}’s`} edit of ${when(c.at)} did not win (desk revision ${c.revision}).`),
      h('div', { class: 'conflict-sides' },
        side(c, 'base', 'Original', null),
        side(c, 'mine', mine ? 'Mine' : `${c.author}’s`, 'mine'),
        side(c, 'theirs', 'Theirs (on the desk)', 'theirs')));
    li.dataset.name = name;
    li.append(newValue(c, li) || '');
    li.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-keep]');
      if (b) resolve(c, b.dataset.keep, li);
    });
    return li;
  }

  async function resolve(c, keep, li, value = null) {
    const name = li.dataset.name;
    for (const b of li.querySelectorAll('button')) b.disabled = true;
    error.hide();
    try {
      await api.conflictResolve(c.id, keep, keep === 'value' ? value : null);
      if (!alive) return;
      const next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      const kept = { mine: 'the edit that did not win', theirs: 'the desk’s value', value: 'the value written here' }[keep];
      notice.show(`Resolved: “${name}” ${c.field || ''} keeps ${kept}.`);
      showCount();
      deskChanged('resolved');
      const focus = next && next.querySelector('button');
      (focus || heading).focus();
    } catch (e) {
      if (!alive) return;
      for (const b of li.querySelectorAll('button')) b.disabled = false;
      error.show(`Not resolved: ${e.message} (${e.code})`);
      error.focus();
    }
  }

  function showCount() {
    const n = list.children.length;
    empty.hidden = n > 0;
    count.textContent = n ? `${plural(n, 'open conflict')}` : '';
  }

  async function load() {
    try {
      const [status, open] = await Promise.all([api.deskStatus(), api.conflictsList()]);
      if (!alive) return;
      me = status ? status.member.id : null;
      const items = await Promise.all(open.map(async (c) => item(c, await nameOf(c))));
      if (!alive) return;
      // A list being worked through is not rebuilt under the user's hands.
      const focused = document.activeElement && list.contains(document.activeElement)
        ? document.activeElement.closest('li').dataset.id : null;
      replaceChildren(list, items);
      showCount();
      const again = focused && list.querySelector(`li[data-id="${CSS.escape(focused)}"] button`);
      if (again) again.focus();
    } catch (e) {
      if (alive) error.show(`Could not list the conflicts: ${e.message} (${e.code})`);
    }
  }

  const stop = onDesk((m) => { if (m.kind === 'synced') load(); });
  load().then(() => { if (alive) heading.focus(); });
  // Escape, outside a field and a dialog, goes back.
  const stopEscape = leaveOnEscape(() => ctx.back());

  return {
    unmount() {
      alive = false;
      stop();
      stopEscape();
    },
  };
}
