// Settings → Desk: joining a shared desk with its server's address and an invite code
// (and the name this computer's changes go under), then what the link is — desk,
// server, you and your role, what waits — with "Sync now" and leaving. What the core
// refuses is shown as it says it, next to the field it is about when it names one.

import { h, replaceChildren, leaveOnEscape } from '../dom.js';
import { api } from '../ipc.js';
import { plural } from '../format.js';
import { confirmDialog } from '../dialog.js';
import { errorBox, noticeBox } from '../feedback.js';
import { onDesk, deskChanged } from '../desk-feed.js';
import { deskLine } from '../parts/desk-status.js';

// The core's field names for a join, and the inputs they are about.
const JOIN_FIELDS = { server: 'desk-url', code: 'desk-code', name: 'desk-name', 'upload-local': 'desk-upload-local' };

const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
const roleWords = { admin: 'admin', editor: 'editor', viewer: 'viewer (reads and exports, does not change)' };

export function mountDesk(root, ctx) {
  let alive = true;
  const body = h('div', { id: 'desk-body' });
  const error = errorBox({ id: 'desk-error', focusable: true });
  const notice = noticeBox({ id: 'desk-notice' });
  const leaveDialog = confirmDialog({
    id: 'leave-dialog', titleId: 'leave-title', title: 'Leave this desk?',
    textId: 'leave-text',
    hint: 'Changes not sent yet stay here only. The desk keeps accepting this computer’s key until its admin revokes it.',
    buttons: [
      { id: 'cancel-leave', label: 'Stay', answer: 'stay', kind: 'primary' },
      { id: 'confirm-leave', label: 'Leave the desk', answer: 'leave', kind: 'danger' },
    ],
    safe: 'stay',
  });
  root.append(h('section', { id: 'desk-page', class: 'settings-page desk-page', 'aria-labelledby': 'desk-title' },
    h('div', { class: 'view-header' },
      h('h1', { id: 'desk-title' }, 'Desk'),
      h('button', { type: 'button', id: 'desk-back', class: 'button', onclick: () => ctx.go({ name: 'settings' }) }, '← Settings')),
    error.el, notice.el, body, leaveDialog.el));

  // --- Not linked: the join form -------------------------------------------------
  function joinForm(info) {
    const field = (id, label, input, hint) => h('div', { class: 'field setting-field' },
      h('label', { for: id }, label), input,
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
    const url = h('input', {
      id: 'desk-url', type: 'url', class: 'setting-input setting-text', autocomplete: 'url', spellcheck: 'false', required: true,
      placeholder: 'https://desk.example.org:8443', 'data-limit': 2000, 'aria-describedby': 'desk-url-hint',
    });
    const code = h('input', {
      id: 'desk-code', type: 'text', class: 'setting-input setting-text', autocomplete: 'off', spellcheck: 'false', required: true,
      'data-limit': 200, 'aria-describedby': 'desk-code-hint',
    });
    const name = h('input', {
      id: 'desk-name', type: 'text', class: 'setting-input setting-text', autocomplete: 'name', dir: 'auto', 'data-limit': 200,
      value: info.name, 'aria-describedby': 'desk-name-hint',
    });
    const upload = h('input', { id: 'desk-upload-local', type: 'checkbox', 'aria-describedby': 'desk-upload-local-hint' });
    const join = h('button', { type: 'submit', id: 'desk-join', class: 'button primary' }, 'Join the desk');
    const form = h('form', { id: 'desk-join-form', class: 'settings-form', novalidate: true, 'aria-labelledby': 'desk-join-heading' },
      h('section', { class: 'form-section settings-section' },
        h('h2', { id: 'desk-join-heading' }, 'Join a desk'),
        h('p', { class: 'hint' }, 'A desk shares programmes, guests and their history between producers. Its admin gives you the server’s address and a one-time invite code.'),
        field('desk-url', 'Server address', url, 'As the admin gave it, e.g. https://desk.example.org:8443.'),
        field('desk-code', 'Invite code', code, 'Works once, for a limited time.'),
        field('desk-name', 'Your name', name, 'Your changes are shown to the desk under this name. Blank: the name on the invite.'),
        info.programmeCount > 0
          ? h('div', { class: 'field setting-field' },
            h('label', { class: 'check' }, upload, ` Share the ${plural(info.programmeCount, 'programme')} already here with the desk`),
            h('p', { class: 'hint', id: 'desk-upload-local-hint' }, 'What the desk already has is matched, not doubled. Without this, join with an empty archive.'),
            h('p', { class: 'field-error', id: 'desk-upload-local-error', hidden: true }))
          : null,
        h('div', { class: 'settings-actions' }, join)));

    const clearErrors = () => {
      for (const el of form.querySelectorAll('.field-error')) { el.hidden = true; el.textContent = ''; }
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    };
    form.addEventListener('input', () => error.hide());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors();
      error.hide();
      const missing = [[url, 'Give the server’s address.'], [code, 'Give the invite code.']].filter(([i]) => !i.value.trim());
      if (missing.length) {
        for (const [input, text] of missing) showFieldError(input.id, text);
        missing[0][0].focus();
        return;
      }
      join.disabled = true;
      join.textContent = 'Joining…';
      try {
        await api.deskJoin({ url: url.value.trim(), code: code.value.trim(), name: name.value.trim() || null, uploadLocal: upload.checked });
        if (!alive) return;
        deskChanged('joined');
        await show();
        notice.show('Joined. The desk’s programmes are coming in; the status in the header says when they are all here.');
      } catch (err) {
        if (!alive) return;
        join.disabled = false;
        join.textContent = 'Join the desk';
        const input = err.code === 'validation' && JOIN_FIELDS[err.field];
        if (input) {
          showFieldError(input, err.message);
          document.getElementById(input).focus();
        } else {
          error.show(`Not joined: ${err.message} (${err.code})`);
          error.focus();
        }
      }
    });
    return form;
  }

  function showFieldError(id, message) {
    const el = document.getElementById(`${id}-error`);
    const input = document.getElementById(id);
    if (!el || !input) return;
    el.textContent = message.charAt(0).toUpperCase() + message.slice(1);
    el.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  }

  // --- Linked: the desk, you, and what waits ------------------------------------------
  function linked(s) {
    const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, value)];
    const { text } = deskLine(s);
    const syncNow = h('button', { type: 'button', id: 'desk-page-sync', class: 'button primary' }, 'Sync now');
    const leave = h('button', { type: 'button', id: 'desk-leave', class: 'button danger' }, 'Leave the desk…');
    syncNow.addEventListener('click', async () => {
      syncNow.disabled = true;
      syncNow.textContent = 'Syncing…';
      error.hide();
      try {
        await api.deskSync();
      } catch (err) {
        if (alive) error.show(`Not synced: ${err.message} (${err.code})`);
      }
      if (alive) await show();
    });
    leave.addEventListener('click', async () => {
      const answer = await leaveDialog.confirm({ text: `This computer stops sharing with the desk ${s.desk.name}. The programmes here stay as they are.` });
      if (answer !== 'leave') return leave.focus();
      try {
        const left = await api.deskLeave();
        deskChanged('left');
        await show();
        notice.show(`Left the desk ${left.desk.name}. The archive stays on this computer.`);
      } catch (err) {
        error.show(`Not left: ${err.message} (${err.code})`);
        error.focus();
      }
    });
    return h('section', { class: 'form-section settings-section', 'aria-labelledby': 'desk-linked-heading' },
      h('h2', { id: 'desk-linked-heading', dir: 'auto' }, s.desk.name),
      h('dl', { class: 'desk-facts', id: 'desk-facts' },
        row('Status', h('span', { id: 'desk-page-status' }, text)),
        row('Server', h('code', { class: 'path' }, s.server)),
        row('You', h('span', { id: 'desk-member', dir: 'auto' }, s.member.name)),
        row('Role', h('span', { id: 'desk-role' }, roleWords[s.role] || s.role)),
        row('Last sync', s.lastSync ? when(s.lastSync) : 'not yet'),
        row('Waiting to send', s.pending > 0 ? plural(s.pending, 'change') : 'nothing'),
        row('Conflicts', s.conflicts > 0
          ? h('button', { type: 'button', id: 'desk-open-conflicts', class: 'link-button', onclick: () => ctx.go({ name: 'conflicts' }) },
            `${plural(s.conflicts, 'conflict')} to resolve`)
          : 'none'),
        s.error ? row('Last error', h('span', { id: 'desk-last-error' }, `${s.error.message} (${s.error.code})`)) : null),
      h('h3', { id: 'desk-members-heading' }, 'Members'),
      members(s),
      h('div', { class: 'settings-actions' }, syncNow, leave));
  }

  // The desk's members, asked of the desk (the list is not kept here).
  function members(s) {
    const list = h('ul', { id: 'desk-members', class: 'desk-members', 'aria-labelledby': 'desk-members-heading' },
      h('li', { class: 'muted' }, 'Asking the desk…'));
    api.deskMembers().then((all) => {
      replaceChildren(list, all.map((m) => h('li', { dataset: { id: m.id } },
        h('span', { dir: 'auto' }, m.name),
        h('span', { class: 'muted' }, ` — ${m.role}${m.revoked ? ', revoked' : ''}${m.id === s.member.id ? ' (you)' : ''}`))));
    }, (e) => {
      replaceChildren(list, h('li', { class: 'muted' }, `The members are listed when the desk answers: ${e.message}`));
    });
    return list;
  }

  async function show() {
    try {
      const status = await api.deskStatus();
      if (!alive) return;
      if (status) {
        replaceChildren(body, linked(status));
      } else {
        const [info, settings, author] = await Promise.all([api.appInfo(), api.getSettings(), api.defaultAuthor()]);
        if (!alive) return;
        replaceChildren(body, joinForm({ programmeCount: info.programmeCount, name: settings.authorName || author || '' }));
        document.getElementById('desk-url').focus();
      }
    } catch (e) {
      if (alive) error.show(`Could not read the desk’s status: ${e.message} (${e.code})`);
    }
  }

  // The linked view follows the live sync; the join form is left alone while typed in.
  const stop = onDesk((m) => {
    if (m.kind !== 'local' && document.getElementById('desk-facts')) refreshFacts();
  });
  async function refreshFacts() {
    const focused = document.activeElement && document.activeElement.id;
    await show();
    const again = focused && document.getElementById(focused);
    if (again) again.focus();
  }

  show();
  // Escape, outside a field and a dialog, goes back.
  const stopEscape = leaveOnEscape(() => ctx.back());

  return {
    unmount() {
      alive = false;
      stop();
      stopEscape();
    },
  };
}
