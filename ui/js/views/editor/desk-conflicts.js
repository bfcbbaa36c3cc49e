// The desk's open conflicts over the programme in the editor, said in its sticky top:
// the header's desk status scrolls away on a long programme, and the editor is where
// the producer is when a sync finds that their edit and another member's disagree.

import { api } from '../../ipc.js';
import { h } from '../../dom.js';
import { noticeBox } from '../../feedback.js';

export function deskConflictsNote({ open }) {
  const note = noticeBox({ id: 'programme-conflicts' });
  let id = null; // the programme shown (null: one not yet saved)
  let asked = 0;

  // Reads the conflicts again: after a sync or a resolution, or for another programme.
  async function refresh() {
    const mine = ++asked;
    let here = [];
    try {
      // A database with no desk, or a desk without conflicts, asks no further.
      const status = id ? await api.deskStatus() : null;
      if (status && status.conflicts > 0) {
        here = (await api.conflictsList()).filter((c) => c.entity === 'programme' && c.entityId === id);
      }
    } catch (e) {
      console.error('desk conflicts:', e);
    }
    if (mine !== asked) return;
    if (here.length === 0) {
      note.hide();
      return;
    }
    const fields = [...new Set(here.map((c) => c.field || 'the whole programme'))].join(', ');
    note.show(
      h('span', {}, `The desk holds ${here.length === 1 ? 'a conflict' : `${here.length} conflicts`} over this programme (${fields}): your edit and another member's disagree.`),
      h('button', { type: 'button', id: 'programme-conflicts-open', class: 'button small', onclick: open }, 'Resolve…'));
  }

  // The programme shown: read only when it changes, not at each save of the same one.
  function follow(programmeId) {
    if (programmeId === id) return;
    id = programmeId;
    refresh();
  }

  return { el: note.el, follow, refresh };
}
