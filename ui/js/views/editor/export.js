// The editor's Export menu. Exports are made by the server from the programme as
// stored, so an unsaved programme cannot be exported and unsaved edits are not in
// the file; the menu says so before the producer picks a format, not after.

import { h } from '../../dom.js';
import { api } from '../../ipc.js';

const ITEMS = [
  { id: 'export-md', label: 'Markdown…', format: 'md', paper: null },
  { id: 'export-pdf-a4', label: 'PDF (A4)…', format: 'pdf', paper: 'a4' },
  { id: 'export-pdf-letter', label: 'PDF (US Letter)…', format: 'pdf', paper: 'letter' },
];

// `programme()`: the programme as last saved, or null. `isDirty()`: unsaved edits?
// `report`: { notice(text, ...buttons), error(text, ...buttons), clear() } — the editor's own areas.
export function exportMenu({ programme, isDirty, report }) {
  const button = h('button', {
    type: 'button', id: 'export-menu', class: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-controls': 'export-items',
  }, 'Export ▾');
  const note = h('p', { class: 'menu-note', id: 'export-note', hidden: true },
    'Exports the last saved version: unsaved changes are not included. Save first (Ctrl+S) to include them.');
  const items = ITEMS.map((it) => h('button', {
    type: 'button', id: it.id, class: 'menu-item', role: 'menuitem', tabindex: -1,
    onclick: () => run(it),
  }, it.label));
  const menu = h('div', { id: 'export-items', class: 'menu', role: 'menu', 'aria-labelledby': 'export-menu' }, items);
  const popover = h('div', { class: 'menu-popover', hidden: true }, note, menu);
  const el = h('div', { class: 'menu-wrap' }, button, popover);
  let busy = false;

  const isOpen = () => !popover.hidden;
  function open(focusIndex = 0) {
    const dirty = isDirty();
    note.hidden = !dirty;
    if (dirty) menu.setAttribute('aria-describedby', 'export-note');
    else menu.removeAttribute('aria-describedby');
    popover.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    items[(focusIndex + items.length) % items.length].focus();
  }
  function close(refocus) {
    if (!isOpen()) return;
    popover.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (refocus) button.focus();
  }

  button.addEventListener('click', () => (isOpen() ? close(true) : open()));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      open(e.key === 'ArrowDown' ? 0 : -1);
    }
  });
  menu.addEventListener('keydown', (e) => {
    const at = items.indexOf(document.activeElement);
    const go = (i) => items[(i + items.length) % items.length].focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(-1);
    else if (e.key === 'Escape') {
      // Stopped here so the editor does not also take Escape as "back to the list".
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') {
      close(false);
      return;
    } else return;
    e.preventDefault();
  });
  // A click anywhere else closes it, as menus do.
  const onOutside = (e) => {
    if (isOpen() && !el.contains(e.target)) close(false);
  };
  document.addEventListener('click', onOutside);

  async function run(item) {
    close(true);
    const p = programme();
    if (!p || busy) return;
    const stale = isDirty();
    busy = true;
    button.disabled = true;
    try {
      report.clear();
      // The native save dialog; null means the producer cancelled, which is not an error.
      const path = await api.chooseExportPath(p.id, item.format);
      if (!path) return;
      // A long programme takes a while to lay out (off the window's thread): say so.
      showBusy(true);
      report.notice(`Exporting the ${item.format === 'pdf' ? 'PDF' : 'Markdown'} run-sheet…`);
      const done = await api.exportProgramme(p.id, item.format, item.paper, path);
      // The server words an open that failed ("No app is set to open PDF files; the
      // file is at …"); the folder can still be shown, or at least named.
      const openButton = h('button', {
        type: 'button', id: 'open-export', class: 'button small',
        onclick: async () => {
          try {
            await api.openExported(done.path);
          } catch (e) {
            if (e.code !== 'open_failed') {
              report.error(`Could not open the export: ${e.message} (${e.code})`);
              return;
            }
            const showFolder = h('button', {
              type: 'button', id: 'show-export-folder', class: 'button small',
              onclick: async () => {
                try {
                  await api.openExported(done.path, true);
                } catch (e2) {
                  report.error(e2.message);
                }
              },
            }, 'Show folder');
            report.error(e.message, showFolder);
          }
        },
      }, 'Open');
      report.notice(`Exported to ${done.path}${stale ? ' (the last saved version — unsaved changes are not in it)' : ''}`, openButton);
    } catch (e) {
      report.error(`Not exported: ${e.message} (${e.code})`);
    } finally {
      busy = false;
      showBusy(false);
      update();
      if (!button.disabled && !document.activeElement?.closest?.('.notice, .error-box')) button.focus();
    }
  }

  function showBusy(on) {
    button.textContent = on ? 'Exporting…' : 'Export ▾';
    button.classList.toggle('busy', on);
    el.setAttribute('aria-busy', String(on));
  }

  // Only a programme in the archive can be exported.
  function update() {
    const p = programme();
    button.disabled = busy || !p;
    button.title = p ? '' : 'Save the programme first: exports are made from the archive';
    if (!p) close(false);
  }

  return {
    el,
    update,
    destroy() {
      document.removeEventListener('click', onOutside);
    },
  };
}
