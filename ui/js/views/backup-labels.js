// How a backup is described to a producer (shared by the open-error screen and Settings).

// `label` is the part of the file name after its time: `before-v5`, `before-restore`,
// possibly with a counter (`-2`) when two were taken in the same second.
export function backupLabel(label) {
  if (!label) return 'Daily or manual backup';
  const migration = /^before-v(\d+)/.exec(label);
  if (migration) return `Before upgrading to schema version ${migration[1]}`;
  if (label.startsWith('before-restore')) return 'Kept when a backup was restored';
  return 'Backup';
}

export function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
