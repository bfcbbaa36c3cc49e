// What undoing each of the editor's actions does (ui/js/undo.js runs it): a save or a
// restore goes back to the revision before, a new programme goes to the trash, a
// deleted one comes back from it. Each is a new revision, refused if the programme
// moved on meanwhile.

import { api } from '../../ipc.js';
import { clearDraft } from '../../drafts.js';

// `saved` went from revision `to` to its own; undoing restores `to`.
export function undoSave(saved, to, message) {
  return {
    message,
    undo: async () => {
      const back = await api.restoreProgramme(saved.id, to, saved.revision);
      return {
        message: `Undone: “${back.title}” is as it was at revision ${to} (recorded as revision ${back.revision}).`,
        route: { name: 'editor', id: back.id },
      };
    },
  };
}

export function undoCreate(saved) {
  return {
    message: `Added “${saved.title}”.`,
    undo: async () => {
      await api.deleteProgramme(saved.id, saved.revision);
      clearDraft(saved.id);
      return { message: `Undone: “${saved.title}” is in the trash.`, route: { name: 'home' } };
    },
  };
}

export function undoDelete(id, title) {
  return {
    message: `Moved “${title}” to the trash.`,
    undo: async () => {
      await api.trashRestore(id);
      return { message: `Undone: “${title}” is back from the trash.`, route: { name: 'editor', id } };
    },
  };
}
