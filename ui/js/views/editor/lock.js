// Lock for air, in the editor's bar: the badge says who holds the programme's lock
// and since when; the button locks it (an editor, shortly before air) or unlocks it
// (its holder). While another member holds it, the editor is read only: the desk
// would refuse the change anyway, and typing that cannot be saved is typing lost.

import { h } from '../../dom.js';
import { api } from '../../ipc.js';

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

// `programme()`: the programme open; `onChange(lock)`: the lock on it (null: none) or
// the role changed; `report.error(text)`: a lock or unlock that failed.
export function lockControl({ programme, onChange, report }) {
  let role = null; // null: no desk
  let told = JSON.stringify([null, null]); // the lock and role the form last heard of
  let locks = []; // the desk's, as last heard
  let lock = null; // the one on the programme open
  const badge = h('span', { id: 'lock-badge', class: 'lock-badge', role: 'status', hidden: true });
  const button = h('button', { type: 'button', id: 'lock-programme', class: 'button small', hidden: true });
  const el = h('span', { class: 'lock-control' }, badge, button);

  function show() {
    const p = programme();
    const editor = role === 'editor' || role === 'admin';
    badge.hidden = !lock;
    if (lock) {
      badge.textContent = lock.mine
        ? `Locked for air by you since ${clock(lock.since)}`
        : `Locked for air by ${lock.memberName} since ${clock(lock.since)}`;
      badge.classList.toggle('mine', lock.mine);
    }
    // An admin may unlock another's lock; an editor only their own.
    const canUnlock = lock && (lock.mine || role === 'admin');
    button.hidden = !p || !editor || (lock && !canUnlock);
    button.textContent = lock ? 'Unlock' : 'Lock for air';
    button.title = lock ? 'Let other members change this programme again' : 'Stop other members changing this programme until you unlock it';
  }

  async function refresh() {
    try {
      const status = await api.deskStatus();
      role = status ? status.role : null;
      use(role ? await api.deskLocks() : []);
    } catch {
      /* without the desk's word, the editor stays as it is */
    }
  }

  function use(all) {
    locks = all;
    sync();
  }

  // The lock on the programme open now (it may have been opened since the locks came).
  // The form is told when what it allows changes: the lock, or the role (a viewer's
  // role may be learnt after the programme is shown).
  function sync() {
    const p = programme();
    lock = p ? locks.find((l) => l.entity === 'programme' && l.entityId === p.id) || null : null;
    show();
    const now = JSON.stringify([lock, role]);
    if (now !== told) {
      told = now;
      onChange(lock);
    }
  }

  button.addEventListener('click', async () => {
    const p = programme();
    if (!p) return;
    button.disabled = true;
    try {
      if (lock) await api.programmeUnlock(p.id);
      else await api.programmeLock(p.id);
      use(await api.deskLocks());
    } catch (e) {
      report.error(`${lock ? 'Not unlocked' : 'Not locked'}: ${e.message} (${e.code})`);
      await refresh();
    } finally {
      button.disabled = false;
    }
  });

  return {
    el,
    refresh,
    use,
    sync,
    role: () => role,
    // Another member's lock (or a viewer's window): the form may not be changed.
    readOnly: () => role === 'viewer' || Boolean(lock && !lock.mine),
  };
}
