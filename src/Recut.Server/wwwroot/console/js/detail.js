// The selected task: status and progress, the plan (actual_prompt), times; on success the before/after view
// and a download link; on failure the code, the server's message and what it means in plain words.
import { h, progressBar, setProgress, formatSeconds } from './dom.js';
import { explain } from './explain.js';
import { registry } from './registry.js';
import { statusWord } from './status.js';
import { compareView } from './compare.js';

/** Rebuilds the panel only when something other than the percentage changed (a rebuild would restart the videos). */
export function renderDetail(container, task, { onCancel }) {
  const out = task.details?.output ?? {};
  const key = [task.id, task.status, out.actual_prompt ?? '', out.video_url ? 'video' : '', out.code ?? '', task.pollError?.code ?? ''].join('|');
  if (container.dataset.viewKey === key) {
    updateLive(container, task);
    return;
  }
  container.dataset.viewKey = key;
  container.dataset.status = task.status;
  const heading = document.getElementById('detail-heading');
  heading.textContent = `Task ${task.id.slice(0, 8)}`;

  const parts = [
    h('p', { id: 'detail-status', class: 'detail-status', 'data-status': task.status, role: 'status', 'aria-live': 'polite' }),
    progressBar(task.progress, 'Task progress'),
  ];
  parts[1].id = 'detail-progress';
  if (task.status === 'PENDING') {
    parts.push(h('button', { type: 'button', id: 'cancel-task', onclick: onCancel }, 'Cancel this task'));
  }
  if (task.status === 'SUCCEEDED' && out.video_url) parts.push(...success(task, out));
  if (task.status === 'FAILED' || task.status === 'CANCELED' || task.status === 'UNKNOWN') parts.push(failure(task, out));
  if (task.pollError) {
    parts.push(h('p', { class: 'hint' }, `Last refresh failed: [${task.pollError.code}] ${task.pollError.message}`));
  }
  parts.push(plan(out, task.status), facts(task, out));
  container.replaceChildren(...parts);
  updateLive(container, task);
}

function updateLive(container, task) {
  const bar = container.querySelector('#detail-progress');
  if (bar) setProgress(bar, task.progress);
  const status = container.querySelector('#detail-status');
  if (status) {
    const percent = task.status === 'RUNNING' ? ` — ${Math.round(task.progress)} %` : '';
    const text = `${statusWord(task.status)}${percent}`;
    if (status.textContent !== text) status.textContent = text;
  }
}

function success(task, out) {
  const usage = task.details?.usage;
  const summary = usage
    ? `Input ${formatSeconds(usage.input_video_duration)} → output ${formatSeconds(usage.output_video_duration)}, ${usage.SR ?? usage.sr ?? ''}P`
    : '';
  return [
    h('h3', {}, 'Before and after'),
    compareView(registry.sourceUrl(task.id), out.video_url),
    h('p', { class: 'actions' },
      h('a', { id: 'download', class: 'button primary', href: out.video_url, download: `recut-${task.id.slice(0, 8)}.mp4` }, 'Download MP4'),
      h('span', { class: 'hint' }, summary)),
  ];
}

function failure(task, out) {
  const code = task.status === 'CANCELED' ? 'Canceled' : task.status === 'UNKNOWN' ? 'TaskNotFound' : out.code;
  const message = task.status === 'CANCELED' ? 'The task was canceled.'
    : task.status === 'UNKNOWN' ? 'The server does not know this task any more.'
      : out.message ?? '';
  return h('div', { id: 'detail-error', class: 'error-box', role: 'alert' },
    h('p', {}, h('strong', {}, explain(code))),
    h('p', {}, 'Code ', h('code', { id: 'error-code' }, code ?? '–'), ': ', h('span', { id: 'error-message' }, message)),
    h('p', { class: 'hint' }, `Task id ${task.id} — quote it when asking for help.`));
}

function plan(out, status) {
  const text = out.actual_prompt;
  const waiting = ['PENDING', 'RUNNING'].includes(status)
    ? 'The edit plan (actual_prompt) appears here once the task has been planned.'
    : 'No plan: the task ended before it was planned.';
  return h('section', { class: 'plan', 'aria-labelledby': 'plan-heading' },
    h('h3', { id: 'plan-heading' }, 'Plan'),
    h('p', { id: 'plan', class: text ? 'plan-text' : 'hint' },
      text ?? waiting));
}

function facts(task, out) {
  const rows = [
    ['Task id', task.id],
    ['Instruction', out.orig_prompt ?? registry.get(task.id)?.prompt],
    ['Submitted', out.submit_time],
    ['Started', out.scheduled_time],
    ['Finished', out.end_time],
  ].filter(([, v]) => v);
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}
