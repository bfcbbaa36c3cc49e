// Who changes are recorded as, booking-warning thresholds, defaults for new
// programmes and how many backups to keep, kept in the database so the window and
// the CLI agree. The server validates;
// its messages are shown next to the field they are about. Below the form, the
// backups themselves (read-only here: restoring is offered where it is needed, on the
// screen for a damaged database).

import { h, replaceChildren } from '../dom.js';
import { formatSlot } from '../format.js';
import { api } from '../ipc.js';
import { errorBox, statusLine } from '../feedback.js';
import { fieldMessage } from '../parts/field-errors.js';
import { backupItem } from '../parts/backup.js';
import { suggestTimeZones } from '../parts/time-zones.js';

const FIELDS = [
  {
    // Blank and never stored: nothing to save (changes go under the OS account's name).
    key: 'author.name', prop: 'authorName', id: 'setting-author-name', section: 'author', text: true, limit: 100, unsetIfBlank: true,
    label: 'Your name',
    hint: 'Every change you make is recorded under this name, and shown in a programme’s History.',
  },
  {
    key: 'warn.recent-days', prop: 'recentDays', id: 'setting-recent-days',
    label: 'Warn when a guest was on within this many days',
    hint: 'Booking a guest who appeared this recently before the programme’s air time shows a warning. 0 turns it off.',
  },
  {
    key: 'warn.max-in-90-days', prop: 'maxIn90Days', id: 'setting-max-in-90-days',
    label: 'Warn when a guest was on more than this many times in 90 days',
    hint: 'Counted over the 90 days before the programme’s air time.',
  },
  {
    key: 'default.series', prop: 'defaultSeries', id: 'setting-default-series', section: 'defaults', text: true, limit: 200,
    list: 'setting-series-names', label: 'Default series',
    hint: 'A new programme starts in this series (and from its format, if it has one). Leave blank for none.',
  },
  {
    key: 'default.time-zone', prop: 'defaultTimeZone', id: 'setting-default-time-zone', section: 'defaults', text: true, limit: 64,
    list: 'setting-time-zone-names', label: 'Default time zone',
    hint: 'Air times of new programmes are read in this zone. Blank: this computer’s zone.',
  },
  {
    key: 'default.slot', prop: 'defaultSlotSeconds', id: 'setting-default-slot', section: 'defaults', text: true, limit: 64,
    show: (v) => formatSlot(v), placeholder: 'e.g. 25m', label: 'Default slot length',
    hint: 'For new programmes whose series has no format (a format’s total comes first). 25m, 25:00 or 1h. Blank: none.',
  },
  {
    key: 'trash.days', prop: 'trashDays', id: 'setting-trash-days', section: 'backups', min: 1,
    label: 'Days the trash keeps what was deleted',
    hint: 'Deleted programmes and people merged into someone else can be restored from the Trash for this long; after that they go for good.',
  },
  {
    key: 'backup.keep', prop: 'backupKeep', id: 'setting-backup-keep', section: 'backups', min: 1,
    label: 'Backups to keep',
    hint: 'Greenroom backs the database up once a day while it is open. Older daily backups beyond this number are deleted; the copies kept before a restore or an upgrade are kept apart, for at least 90 days and never fewer than the newest 5.',
  },
];

export function mountSettings(root, ctx) {
  let alive = true;
  let saving = false;
  let stored = {}; // the settings as loaded, to tell an unset one from a cleared one
  const inputs = new Map();
  const errors = new Map();

  const status = statusLine({ id: 'settings-status' });
  const error = errorBox();
  const save = h('button', { type: 'submit', id: 'save-settings', class: 'button primary', disabled: true }, 'Save');

  const fieldFor = (f) => {
    const input = f.text
      ? h('input', {
        id: f.id, type: 'text', class: 'setting-input setting-text', autocomplete: 'off', dir: 'auto', list: f.list, placeholder: f.placeholder,
        'data-limit': f.limit, 'aria-describedby': `${f.id}-hint`, disabled: true,
      })
      : h('input', {
        id: f.id, type: 'number', min: f.min ?? 0, step: 1, inputmode: 'numeric', class: 'short setting-input',
        'aria-describedby': `${f.id}-hint`, disabled: true,
      });
    const err = h('p', { class: 'field-error', id: `${f.id}-error`, hidden: true });
    inputs.set(f.key, input);
    errors.set(f.key, err);
    return h('div', { class: 'field setting-field' },
      h('label', { for: f.id }, f.label),
      input,
      h('p', { class: 'hint', id: `${f.id}-hint` }, f.hint),
      err);
  };
  const fields = FIELDS.filter((f) => !f.section).map(fieldFor);
  const authorFields = FIELDS.filter((f) => f.section === 'author').map(fieldFor);
  const backupFields = FIELDS.filter((f) => f.section === 'backups').map(fieldFor);
  const defaultFields = FIELDS.filter((f) => f.section === 'defaults').map(fieldFor);
  const seriesNames = h('datalist', { id: 'setting-series-names' });
  const zoneNames = h('datalist', { id: 'setting-time-zone-names' });
  const backupsInfo = h('div', { id: 'backups-info', class: 'backups-info' });

  const form = h('form', { id: 'settings-form', class: 'settings-form', novalidate: true, 'aria-labelledby': 'settings-title' },
    h('section', { class: 'form-section settings-section', 'aria-labelledby': 'author-heading' },
      h('h2', { id: 'author-heading' }, 'You'),
      authorFields),
    h('section', { class: 'form-section settings-section', 'aria-labelledby': 'warnings-heading' },
      h('h2', { id: 'warnings-heading' }, 'Booking warnings'),
      h('p', { class: 'hint' }, 'The programme editor warns, without stopping a save, when a guest has been on recently or often.'),
      fields),
    h('section', { class: 'form-section settings-section', 'aria-labelledby': 'defaults-heading' },
      h('h2', { id: 'defaults-heading' }, 'New programmes'),
      defaultFields, seriesNames, zoneNames),
    h('section', { class: 'form-section settings-section backups-section', 'aria-labelledby': 'backups-heading' },
      h('h2', { id: 'backups-heading' }, 'Trash and backups'),
      backupFields,
      backupsInfo),
    h('div', { class: 'settings-actions' }, save, status.el));

  // The desk has its own page: joining is not part of this form's Save.
  const deskLine = h('p', { class: 'hint', id: 'settings-desk-line' }, 'Share programmes and guests with other producers.');
  const deskSection = h('section', { class: 'form-section settings-section', 'aria-labelledby': 'desk-heading' },
    h('h2', { id: 'desk-heading' }, 'Desk'),
    deskLine,
    h('div', {}, h('button', { type: 'button', id: 'open-desk', class: 'button', onclick: () => ctx.go({ name: 'desk' }) }, 'Desk settings…')));
  api.deskStatus().then((s) => {
    if (alive && s) deskLine.textContent = `Linked to the desk ${s.desk.name} as ${s.member.name} (${s.role}).`;
  }, () => {});

  // About: which Greenroom this is (the packages' version) and which file it has open.
  const about = h('p', { id: 'about', class: 'hint about' });
  root.append(h('section', { id: 'settings-page', class: 'settings-page' },
    h('div', { class: 'view-header' }, h('h1', { id: 'settings-title' }, 'Settings')),
    error.el,
    deskSection,
    form,
    about));
  api.appInfo().then((info) => {
    if (alive) about.textContent = `Greenroom ${info.version} · database ${info.dbPath}`;
  }, () => {});

  function clearError(key) {
    const input = inputs.get(key);
    const err = errors.get(key);
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', `${input.id}-hint`);
    err.hidden = true;
    err.textContent = '';
  }

  function showError(key, message) {
    const input = inputs.get(key);
    const err = errors.get(key);
    const text = fieldMessage(key, message);
    err.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.id}-hint ${err.id}`);
  }

  form.addEventListener('input', (e) => {
    for (const [key, input] of inputs) if (input === e.target) clearError(key);
    status.set('');
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (saving) return;
    saving = true;
    save.disabled = true;
    error.hide();
    status.set('Saving…');
    let firstBad = null;
    for (const f of FIELDS) {
      clearError(f.key);
      if (f.unsetIfBlank && !stored[f.prop] && !inputs.get(f.key).value.trim()) continue;
      try {
        await api.setSetting(f.key, inputs.get(f.key).value.trim());
      } catch (err) {
        if (!alive) return;
        if (err.code === 'validation') {
          showError(f.key, err.message);
          firstBad = firstBad || inputs.get(f.key);
        } else {
          error.showText(`Not saved: ${err.message}`);
          firstBad = firstBad || save;
        }
      }
    }
    if (!alive) return;
    saving = false;
    save.disabled = false;
    if (firstBad) {
      status.set('Not (all) saved — see the highlighted field', 'error');
      firstBad.focus();
    } else {
      status.set('Saved', 'saved');
    }
  });

  // Unset, the name is the OS account's (what changes are recorded under meanwhile),
  // so a save of the other settings stores it rather than failing on a blank name.
  const withAuthor = async (s) => {
    stored = s;
    return { ...s, authorName: s.authorName || (await api.defaultAuthor()) };
  };
  api.getSettings().then(withAuthor).then(
    (s) => {
      if (!alive) return;
      for (const f of FIELDS) {
        const input = inputs.get(f.key);
        const v = s[f.prop];
        input.value = f.show ? f.show(v) : String(v ?? '');
        input.disabled = false;
      }
      save.disabled = false;
      inputs.get(FIELDS[0].key).focus();
    },
    (e) => {
      if (!alive) return;
      error.showText(`Could not load the settings: ${e.message}`);
    },
  );

  // Suggestions for the defaults; typing works without them.
  suggestTimeZones(zoneNames);
  api.listProgrammes({ limit: 500 }).then((list) => {
    const names = [...new Set(list.map((p) => p.series).filter(Boolean))].sort();
    seriesNames.replaceChildren(...names.map((n) => h('option', { value: n })));
  }, () => {});

  api.listBackups().then(
    (overview) => {
      if (!alive) return;
      const list = overview.backups;
      replaceChildren(backupsInfo,
        overview.warning && h('div', { id: 'backup-warning', class: 'error-box', role: 'alert' },
          `The last automatic backup was not taken: ${overview.warning.message}`),
        h('p', { class: 'hint' }, 'Kept in ', h('code', { class: 'path' }, overview.folder), '.'),
        list.length === 0
          ? h('p', { class: 'hint', id: 'backup-none' }, 'No backups yet.')
          : h('ol', { id: 'backup-list', class: 'backup-list' },
            list.map((b) => backupItem(b))));
    },
    (e) => {
      if (!alive) return;
      replaceChildren(backupsInfo, h('p', { class: 'hint' }, `The backups could not be listed: ${e.message}`));
    },
  );

  return {
    unmount() {
      alive = false;
    },
  };
}
