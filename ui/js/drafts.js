// Unsaved form contents, kept in localStorage so that a crash, a closed window or
// a conflict never costs the producer what they typed. One draft per programme id
// ("new" for a programme not yet created).

const PREFIX = 'greenroom.draft.';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: drafts silently become a no-op
  }
}

export function saveDraft(key, form, baseRevision) {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(PREFIX + key, JSON.stringify({ savedAt: new Date().toISOString(), baseRevision, form }));
    return true;
  } catch {
    return false; // quota exceeded; the form itself still holds the text
  }
}

export function loadDraft(key) {
  const s = storage();
  if (!s) return null;
  try {
    const raw = s.getItem(PREFIX + key);
    if (!raw) return null;
    const d = JSON.parse(raw);
    return d && typeof d === 'object' && d.form && typeof d.savedAt === 'string' ? d : null;
  } catch {
    return null;
  }
}

export function clearDraft(key) {
  const s = storage();
  if (!s) return;
  try {
    s.removeItem(PREFIX + key);
  } catch {
    /* nothing to clean up */
  }
}
