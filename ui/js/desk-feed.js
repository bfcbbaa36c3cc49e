// The desk's live feed, heard once for the whole window and handed to whichever views
// listen: the header's status, the list, an open programme or person page, the desk
// and conflicts pages. Views also tell each other here of what they did themselves
// (joined, left, resolved a conflict), so the header follows at once.

import { api, hasBackend } from './ipc.js';

const listeners = new Set();
let watching = false;

function tell(message) {
  for (const listener of [...listeners]) {
    try {
      listener(message);
    } catch (e) {
      console.error('desk feed listener:', e);
    }
  }
}

// Starts hearing the live sync (a reload replaces the old watch on the Rust side).
export function watchDesk() {
  if (watching || !hasBackend()) return;
  watching = true;
  api.deskWatch(tell).catch((e) => console.error('desk feed:', e));
}

// `listener(message)` for every message until the returned function is called.
export function onDesk(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// What a view did to the desk itself: `{ kind: 'local', what }`.
export function deskChanged(what) {
  tell({ kind: 'local', what });
}

// Whether a sync's report may have changed `entity` (and, given `id`, that one). A
// report that names what it changed (`changed`) is read; one that does not (an older
// core) counts any pulled change.
export function touches(message, entity, id = null) {
  if (!message || message.kind !== 'synced') return false;
  const report = message.report || {};
  if (Array.isArray(report.changed)) {
    if (report.changedMore) return true;
    return report.changed.some((c) => c.entity === entity && (id === null || c.entityId === id));
  }
  return (report.pulled || 0) > 0;
}
