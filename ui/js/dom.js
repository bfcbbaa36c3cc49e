// DOM helpers. User text only ever reaches the page through textContent or
// property assignment, never through HTML parsing.

// Properties that must be set as properties (not attributes) to take effect.
const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'maxLength', 'rows']);

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  append(el, children);
  for (const [key, val] of Object.entries(attrs || {})) {
    if (val === null || val === undefined || val === false) continue;
    if (key === 'class') el.className = Array.isArray(val) ? val.filter(Boolean).join(' ') : val;
    else if (key === 'dataset') Object.assign(el.dataset, val);
    else if (key === 'text') el.textContent = val;
    else if (key.startsWith('on') && typeof val === 'function') el.addEventListener(key.slice(2), val);
    else if (PROPS.has(key)) el[key] = val;
    else el.setAttribute(key, val === true ? '' : String(val));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

// The SVG counterpart of `h`: attributes as given (`class` may be a list, `text` sets
// textContent, null/false are left out), children appended in order.
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function replaceChildren(el, ...children) {
  clear(el);
  return append(el, children);
}

let uid = 0;
// Labels need unique ids for rows that come and go.
export function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

export function anyDialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}

// Whether this key press is Escape meaning "leave this view": not while a dialog is
// open, not when a suggestion list or menu already took it, and never from a field,
// where it may have closed a native popup (a datalist, a date picker) the page
// cannot see.
export function escapeLeaves(e) {
  if (e.key !== 'Escape' || e.defaultPrevented || anyDialogOpen()) return false;
  const t = e.target;
  return !(t instanceof Element && t.closest('input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]'));
}

// Escape that leaves (see `escapeLeaves`) calls `leave` (a view's Back) until the
// returned function is called (the view's unmount).
export function leaveOnEscape(leave) {
  const onKey = (e) => {
    if (escapeLeaves(e)) {
      e.preventDefault();
      leave();
    }
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
