// Undoing an import: the programmes it created go to the trash (whence each can still
// be restored). One edited since was not the import's any more: it is left, and said.

import { api } from '../../ipc.js';
import { offerUndo } from '../../undo.js';
import { plural } from '../../format.js';

// `created`: [{ id, title }] as the import reported them, each at its first revision.
export function offerUndoImport(created) {
  if (!created.length) return;
  const what = created.length === 1 ? `“${created[0].title}”` : plural(created.length, 'programme');
  offerUndo({
    message: `Imported ${what}.`,
    undo: async () => {
      const kept = [];
      for (const c of created) {
        try {
          await api.deleteProgramme(c.id, 1);
        } catch (e) {
          if (e.code !== 'conflict' && e.code !== 'not_found') throw e;
          if (e.code === 'conflict') kept.push(c.title);
        }
      }
      const note = kept.length ? ` Kept, as it was edited since: ${kept.map((t) => `“${t}”`).join(', ')}.` : '';
      return { message: `Undone: the import is in the trash.${note}`, route: { name: 'home' } };
    },
  });
}
