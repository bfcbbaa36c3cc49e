// Dates and numbers as the window shows them: one format, from the user's locale
// (navigator.language), everywhere. Air times are read in the programme's own zone,
// the zone named when it is not the computer's.

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
