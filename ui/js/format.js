// What the window shows for dates, numbers, sizes and statuses: one format, from the
// user's locale (navigator.language), everywhere. Air times are read in the
// programme's own zone, the zone named when it is not the computer's.

// The user's locale, or the runtime's default when the system's is not a valid tag
// (a bare "C" or "POSIX" under some session setups makes Intl throw).
let cachedLocale = null;
function locale() {
  if (cachedLocale === null) {
    try {
      cachedLocale = Intl.getCanonicalLocales(navigator.language)[0] || '';
    } catch {
      cachedLocale = '';
    }
  }
  return cachedLocale || undefined;
}

const formats = new Map();
function format(options) {
  const key = JSON.stringify(options);
  if (!formats.has(key)) {
    try {
      formats.set(key, new Intl.DateTimeFormat(locale(), options));
    } catch {
      // An unknown zone name: the computer's zone rather than nothing.
      const { timeZone: _, ...rest } = options; // eslint-disable-line no-unused-vars
      formats.set(key, new Intl.DateTimeFormat(locale(), rest));
    }
  }
  return formats.get(key);
}

const parse = (iso) => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

export function userTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

// "16 May 2025" (en-GB), "May 16, 2025" (en-US)…; the text as given if it is no date.
export function formatDate(iso, timeZone) {
  const d = parse(iso);
  if (!d) return iso || '';
  return format({ dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(d);
}

// The same date with the time of day, e.g. for "updated …" and backups.
export function formatDateTime(iso, timeZone) {
  const d = parse(iso);
  if (!d) return iso || '';
  return format({ dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(d);
}

// An air time in its programme's zone; the zone is named when it is not this computer's.
export function formatAir(iso, timeZone) {
  const text = formatDateTime(iso, timeZone || undefined);
  return timeZone && timeZone !== userTimeZone() && parse(iso) ? `${text} ${timeZone}` : text;
}

export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(n);
}

// A length in seconds as the slot and duration fields take it back: "m:ss" under an
// hour, "h:mm:ss" from an hour on.
export function formatSlot(seconds) {
  if (seconds === null || seconds === undefined) return '';
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor(seconds / 60) % 60;
  const ss = String(seconds % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

// A byte count as a file list shows it: "812 B", "4.2 MB" (powers of 1000).
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "2025-03" → "Mar 2025"; anything else as given.
export function monthLabel(month) {
  const m = /^(\d{4})-(\d{2})$/.exec(month || '');
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : month;
}

// A count of days before (or, negative, after) today, in words.
export function daysAgo(n) {
  if (n === null || n === undefined) return '';
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n < 0) return `in ${-n} day${n === -1 ? '' : 's'}`;
  return `${n} days ago`;
}

// A booking still to come: "Next: 9 Dec 2026 (planned)".
export function nextBooking(next) {
  return `Next: ${formatDate(next.airAt)} (${next.status})`;
}

// "1 programme", "3 programmes".
export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// A programme's statuses in their order, and the word the window uses for each.
export const STATUSES = ['draft', 'planned', 'confirmed', 'aired', 'cancelled'];
const STATUS_LABELS = {
  draft: 'Draft',
  planned: 'Planned',
  confirmed: 'Confirmed',
  aired: 'Aired',
  cancelled: 'Cancelled',
};
export const statusLabel = (status) => STATUS_LABELS[status] || status;
