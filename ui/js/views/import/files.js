// Importing many listings from files: the native picker (opened by the server), a
// progress bar fed over a channel, then what happened to each listing. The run lives
// in this module, not the view, so leaving and coming back shows it still going, or
// its summary.

import { h, replaceChildren, escapeLeaves } from '../../dom.js';
import { api } from '../../ipc.js';
import { plural } from '../../format.js';
import { errorBox } from '../../feedback.js';
import { offerUndoImport } from './undo-import.js';

// The one import run of this window: idle, picking, running, done or failed.
const job = {
  phase: 'idle',
  done: 0,
  total: 0,
  result: null,
  error: null,
  series: '',
  listeners: new Set(),
};

function update(patch) {
  Object.assign(job, patch);
  for (const fn of job.listeners) fn();
}

async function start(series) {
  if (job.phase === 'picking' || job.phase === 'running') return;
  update({ phase: 'picking', done: 0, total: 0, result: null, error: null, series });
  try {
    const result = await api.importListingFiles(series.trim() || null, ({ done, total }) => {
      // A channel message may trail the command's answer; the answer has the last word.
      if (job.phase === 'picking' || job.phase === 'running') update({ phase: 'running', done, total });
    });
    update(result ? { phase: 'done', result, done: result.stopped ? job.done : job.total } : { phase: 'idle' });
    if (result) offerUndoImport(result.created);
  } catch (e) {
    update({ phase: 'failed', error: e });
  }
}

export function mountImportFiles(root, ctx) {
  const series = h('input', {
    id: 'import-series', type: 'text', 'data-limit': 200, list: 'import-files-series', autocomplete: 'off', dir: 'auto',
    value: job.series,
  });
  const seriesList = h('datalist', { id: 'import-files-series' }, [...ctx.seriesSeen].sort().map((s) => h('option', { value: s })));
  const chooseButton = h('button', { type: 'button', id: 'choose-listing-files', class: 'button primary' }, 'Choose files…');
  const backButton = h('button', { type: 'button', id: 'import-files-back', class: 'button', onclick: () => ctx.go({ name: 'home' }) }, '← Programmes');
  const statusLine = h('p', { id: 'import-files-status', class: 'import-progress-text', role: 'status', 'aria-live': 'polite' });
  const bar = h('progress', { id: 'import-progress', class: 'import-progress', max: 1, value: 0, 'aria-labelledby': 'import-files-status' });
  const progressBox = h('div', { class: 'import-progress-box', hidden: true }, bar, statusLine);
  const errors = errorBox({ id: 'import-files-error', focusable: true });
  const summaryBox = h('section', { id: 'import-summary', class: 'import-summary', 'aria-labelledby': 'import-summary-heading', tabindex: -1, hidden: true });

  root.append(
    h('section', { class: 'import-view import-files-view', 'aria-labelledby': 'import-files-heading' },
      h('div', { class: 'view-header' }, h('h1', { id: 'import-files-heading' }, 'Import listing files'), backButton),
      h('p', { class: 'lead' },
        'Pick one or more text files. A file holds one listing, or several separated by a line of three dashes (---). ',
        'Each listing becomes an aired programme. People are linked to the directory when their name matches exactly; anyone else is added ',
        '(Guests → Possible duplicates catches near misses later). Listings imported before are skipped.'),
      h('div', { class: 'import-files-form' },
        h('div', { class: 'field' },
          h('label', { for: 'import-series' }, 'Series (optional)'),
          series,
          h('p', { class: 'hint' }, 'Every programme imported in this run goes in this series.')),
        h('div', { class: 'import-actions' }, chooseButton)),
      progressBox,
      errors.el,
      summaryBox,
      seriesList),
  );

  chooseButton.addEventListener('click', () => start(series.value));
  series.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      start(series.value);
    }
  });

  function render() {
    const busy = job.phase === 'picking' || job.phase === 'running';
    chooseButton.disabled = busy;
    series.disabled = busy;
    progressBox.hidden = !busy && job.phase !== 'done';
    if (job.phase === 'picking') {
      bar.removeAttribute('value'); // indeterminate while the dialog is open
      statusLine.textContent = 'Choose the files in the dialog…';
    } else if (job.phase === 'running' || job.phase === 'done') {
      bar.max = Math.max(job.total, 1);
      bar.value = job.total ? job.done : 1;
      statusLine.textContent = `${job.done} / ${plural(job.total, 'listing')}`;
    }
    if (job.phase === 'failed') errors.show(`The import did not run: ${job.error.message}`);
    else errors.hide();
    summaryBox.hidden = job.phase !== 'done';
    if (job.phase === 'done') showSummary(job.result);
  }

  function showSummary(r) {
    const created = r.created.length;
    const sourceList = (items, cls) => h('ul', { class: `import-sources ${cls}` },
      items.map((k) => h('li', {}, h('span', { class: 'import-source', dir: 'auto' }, k.source), ' — ', h('span', { dir: 'auto' }, k.reason))));
    replaceChildren(summaryBox,
      h('h2', { id: 'import-summary-heading' }, `Imported ${plural(created, 'programme')}`),
      h('p', { id: 'import-counts' },
        `${r.alreadyImported.length} already imported, ${r.skipped.length} skipped. `,
        `People: ${r.matchedPeople} matched in the directory, ${r.newPeople} new.`),
      r.stopped ? h('div', { class: 'error-box', id: 'import-stopped', role: 'alert' },
        h('p', {}, `Stopped at ${r.stopped}. Everything listed here stays as reported; run the import again once that is sorted — what was imported is skipped.`)) : null,
      created ? h('section', { class: 'import-group' },
        h('h3', {}, 'Created'),
        h('ul', { id: 'import-created', class: 'import-sources' }, r.created.map((c) => h('li', {},
          h('button', { type: 'button', class: 'link-button', dir: 'auto', onclick: () => ctx.go({ name: 'editor', id: c.id }) }, c.title || '(untitled)'),
          ' ', h('span', { class: 'muted import-source', dir: 'auto' }, c.source))))) : null,
      r.alreadyImported.length ? h('section', { class: 'import-group' },
        h('h3', {}, 'Already imported'), sourceList(r.alreadyImported, 'import-already')) : null,
      r.skipped.length ? h('section', { class: 'import-group' },
        h('h3', {}, 'Skipped'), sourceList(r.skipped, 'import-skipped')) : null,
      r.warnings && r.warnings.length ? h('section', { class: 'import-group' },
        h('h3', {}, 'Read with a caveat'),
        h('ul', { class: 'import-sources' }, r.warnings.map((w) => h('li', { dir: 'auto' }, w)))) : null);
  }

  const wasDone = job.phase === 'done';
  job.listeners.add(render);
  const onDone = () => {
    if (job.phase === 'done') summaryBox.focus();
  };
  job.listeners.add(onDone);
  render();
  if (job.phase === 'idle' || wasDone) chooseButton.focus();

  const onKey = (e) => {
    if (escapeLeaves(e)) {
      e.preventDefault();
      setTimeout(() => ctx.go({ name: 'home' }), 0);
    }
  };
  document.addEventListener('keydown', onKey);

  return {
    unmount() {
      job.listeners.delete(render);
      job.listeners.delete(onDone);
      document.removeEventListener('keydown', onKey);
    },
  };
}
