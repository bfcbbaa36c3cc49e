// Live timing of the running order. The server does the arithmetic (preview_timing)
// so durations and clock times are parsed in exactly one place; this module only
// decides when to ask and which answer is still worth showing.

import { api } from '../../ipc.js';

const DELAY_MS = 100; // long enough to skip most keystrokes, short enough to feel live

// `read()` → {air, timeZone, slot, durations} as typed; `show(preview, error)` gets
// the latest answer (preview null on failure).
export function liveTiming(read, show) {
  let timer = null;
  let asked = 0; // sequence number of the newest request

  async function ask() {
    timer = null;
    asked += 1;
    const mine = asked;
    try {
      const preview = await api.previewTiming(read());
      // Replies can overtake each other; only the newest question's answer counts.
      if (mine === asked) show(preview, null);
    } catch (e) {
      if (mine === asked) show(null, e);
    }
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    },
    stop() {
      clearTimeout(timer);
      asked += 1; // anything still in flight is now stale
    },
  };
}

// "Total 24:15 · 0:45 to fill · off air 19:55:00", or "Total 24:30 + 1 invalid" while
// a duration is unknown (the server words the total, and gives no over/under then):
// the summary line's text and its tone.
export function describeTiming(preview) {
  let text = `Total ${preview.total}`;
  if (preview.overUnder) text += ` · ${preview.overUnder}`;
  if (preview.offAir) text += ` · off air ${preview.offAir}`;
  let tone = 'neutral';
  if (preview.invalid || preview.blank) tone = 'incomplete';
  else if (preview.overSeconds !== null && preview.overSeconds !== undefined) {
    if (preview.overSeconds > 0) tone = 'over';
    else if (preview.overSeconds === 0) tone = 'on-time';
  }
  return { text, tone };
}
