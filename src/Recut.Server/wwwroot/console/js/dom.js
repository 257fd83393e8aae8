// Tiny DOM helpers. Text always goes in as text nodes (never innerHTML): prompts and plans are user text.

/** Creates an element: h('p', { class: 'x', onclick: fn }, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

/** A progress bar that is a real ARIA progressbar and shows its number. */
export function progressBar(value, label) {
  const fill = h('span', { class: 'bar-fill' });
  const bar = h('div', {
    class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': label,
  }, fill);
  setProgress(bar, value);
  return bar;
}

export function setProgress(bar, value) {
  const v = Math.max(0, Math.min(100, Math.round(Number(value) || 0)));
  bar.setAttribute('aria-valuenow', String(v));
  bar.setAttribute('aria-valuetext', `${v} %`);
  bar.firstElementChild.style.width = `${v}%`;
}

/** Characters as a person counts them (a CJK character or an emoji is one). */
export const charCount = (text) => [...text].length;

export function formatSeconds(s) {
  return Number.isFinite(s) ? `${s.toFixed(1)} s` : '–';
}
