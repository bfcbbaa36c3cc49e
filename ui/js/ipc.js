// The only module that talks to the Rust side. Every failure becomes an IpcError
// with the server's stable `code`, so views branch on codes, not message text.

export class IpcError extends Error {
  constructor(code, message, field) {
    super(message);
    // defineProperty, because plain assignment to `name` can throw when
    // prototypes are frozen (Tauri's freezePrototype).
    Object.defineProperty(this, 'name', { value: 'IpcError' });
    this.code = code;
    this.field = field ?? null;
  }
}

export function hasBackend() {
  return Boolean(window.__TAURI__ && window.__TAURI__.core && window.__TAURI__.core.invoke);
}

function toIpcError(e) {
  if (e instanceof IpcError) return e;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const err = new IpcError(e.code, String(e.message ?? e.code), e.field);
    // An air time the clocks pass twice comes with both readings to choose from.
    if (Array.isArray(e.readings)) err.readings = e.readings.map(String);
    return err;
  }
  if (typeof e === 'string') return new IpcError('ipc', e);
  return new IpcError('ipc', (e && e.message) || String(e));
}

// A Tauri channel for a command to report through while it runs (no event permission needed).
function channel(onMessage) {
  if (!hasBackend()) return null;
  const ch = new window.__TAURI__.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

async function call(command, args) {
  if (!hasBackend()) {
    throw new IpcError('no_backend', 'Greenroom’s window is not connected to the app (open it through the Greenroom program).');
  }
  try {
    return await window.__TAURI__.core.invoke(command, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export const api = {
  appInfo: () => call('app_info'),
  listProgrammes: ({ text = null, limit = null, offset = null, after = null } = {}) =>
    call('list_programmes', { text, limit, offset, after }),
  getProgramme: (id) => call('get_programme', { id }),
  createProgramme: (input) => call('create_programme', { input }),
  updateProgramme: (id, revision, input) => call('update_programme', { id, revision, input }),
  deleteProgramme: (id, revision) => call('delete_programme', { id, revision }),
  // Revisions, newest first, each with `summary` (what changed, in words); one as it
  // was; and a restore of one, as a new revision (a conflict if no longer at `revision`).
  programmeHistory: (id) => call('programme_history', { id }),
  programmeAsOf: (id, revision) => call('programme_as_of', { id, revision }),
  restoreProgramme: (id, to, revision = null) => call('restore_programme', { id, to, revision }),
  // A person's profile edits, merges and unmerges, newest first, like programmeHistory.
  personHistory: (personId) => call('person_history', { personId }),
  // The trash: deleted programmes and people dropped by a merge ({ kind, id, name,
  // deletedAt, author, detail }), newest first; a restore brings one back exactly as it
  // went; emptying (everything, or what went more than `olderThanDays` ago) is for good.
  trashList: () => call('trash_list'),
  trashRestore: (id) => call('trash_restore', { id }),
  emptyTrash: (olderThanDays = null) => call('empty_trash', { olderThanDays }),
  listPeople: () => call('list_people'),
  listTimeZones: () => call('list_time_zones'),
  loadExample: () => call('load_example'),
  // Running order. Timing is worked out by the server so the editor, the CLI and
  // the exports can never disagree about a clock time.
  previewTiming: ({ air = null, timeZone = null, slot = null, durations = [] }) =>
    call('preview_timing', { air, timeZone, slot, durations }),
  listSegmentKinds: () => call('list_segment_kinds'),
  getSeriesFormat: (series) => call('get_series_format', { series }),
  saveSeriesFormat: (series, programmeId) => call('save_series_format', { series, programmeId }),
  // Exports: the native save dialog, then the write, then (on request) the file.
  chooseExportPath: (id, format) => call('choose_export_path', { id, format }),
  exportProgramme: (id, format, paper, path) => call('export_programme', { id, format, paper, path }),
  openExported: (path, folder = false) => call('open_exported', { path, folder }),
  // Programmes and people matching what is typed, best first; `limit` of each kind.
  search: (query, limit = null) => call('search', { query, limit }),
  // Guests across programmes: history, the directory, booking warnings, thresholds.
  guestHistory: (personId) => call('guest_history', { personId }),
  guestAppearances: (personId, after, limit) => call('guest_appearances', { personId, after, limit }),
  listGuests: () => call('list_guests'),
  bookingWarnings: (form) => call('booking_warnings', { form }),
  getSettings: () => call('get_settings'),
  setSetting: (key, value) => call('set_setting', { key, value: String(value) }),
  // The name proposed before the user gives one (the OS account's; '' when unknown).
  defaultAuthor: () => call('default_author'),
  // The people directory: autocomplete, profiles, possible duplicates and merges.
  suggestPeople: (typed, limit = null) => call('suggest_people', { typed, limit }),
  personProfile: (personId) => call('person_profile', { personId }),
  updatePerson: (personId, revision, profile) => call('update_person', { personId, revision, profile }),
  possibleDuplicates: () => call('possible_duplicates'),
  mergePeople: (keepId, dropId) => call('merge_people', { keepId, dropId }),
  undoMerge: (mergeId) => call('undo_merge', { mergeId }),
  listMerges: () => call('list_merges'),
  // The contributor balance report (BBC 50:50 counting) and its CSV export; a null
  // `path` asks with the native save dialog (null back when cancelled).
  balanceReport: ({ from, to, series = null }) => call('balance_report', { from, to, series }),
  // The months the report opens on ({ from, to }): the twelve up to the latest aired programme.
  balanceRange: () => call('balance_range'),
  exportBalanceCsv: ({ from, to, series = null, path = null }) => call('export_balance_csv', { from, to, series, path }),
  // Importing published listings: a pasted one is read into a draft to review (nothing
  // saved), then imported; files are picked in the native dialog and imported with
  // `onProgress({ done, total })` after each listing (null back when cancelled).
  draftListing: (text) => call('draft_listing', { text }),
  importListing: (input, honorifics) => call('import_listing', { input, honorifics }),
  importListingFiles: (series, onProgress) => call('import_listing_files', { series, onProgress: channel(onProgress) }),
  // Backups: the list (works while the database cannot be opened) and a restore of one
  // by file name, or of the newest that passes its check when `fileName` is null.
  listBackups: () => call('list_backups'),
  restoreBackup: (fileName = null) => call('restore_backup', { fileName }),
  // The shared desk: its status (null without one; the link, what waits, and how the
  // live sync fares), joining with an invite code (`name`: who changes are recorded as,
  // blank for the invite's), leaving, a sync now, and the live feed (`onMessage` hears
  // `{ kind: 'synced', report }` or `{ kind: 'failed', error, retryIn, offlineSince }`).
  deskStatus: () => call('desk_status'),
  deskJoin: ({ url, code, name = null, uploadLocal = false }) => call('desk_join', { url, code, name, uploadLocal }),
  deskLeave: () => call('desk_leave'),
  deskSync: () => call('desk_sync'),
  deskWatch: (onMessage) => call('desk_watch', { channel: channel(onMessage) }),
  // Every member of the desk (online), and who changed an entity last ({ author, at,
  // revision } or null).
  deskMembers: () => call('desk_members'),
  lastChange: (entity, id) => call('last_change', { entity, id }),
  // The desk's open conflicts as of the last sync, and resolving one by keeping
  // 'mine' (the edit that did not win), 'theirs' (the desk's) or 'value' (`value`).
  conflictsList: () => call('conflicts_list'),
  conflictResolve: (id, keep, value = null) => call('conflict_resolve', { id, keep, value }),
  // Locks for air: the desk's ({ entity, entityId, memberName, since, mine }), and
  // locking or unlocking a programme (online). The feed says `{ kind: 'locks', locks }`.
  deskLocks: () => call('desk_locks'),
  programmeLock: (id) => call('programme_lock', { id }),
  programmeUnlock: (id) => call('programme_unlock', { id }),
};
