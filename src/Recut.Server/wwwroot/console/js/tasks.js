// The task list: tasks of this key from the server's list, live status and progress for the unfinished ones,
// and the detail panel of the selected one. The selected running task follows its event stream (every change as it
// happens); the others are polled — the APIYI shape for progress, the DashScope shape for plan, times, result and
// errors — because a browser holds only six connections to a server and a stream keeps one.
import { api } from './api.js';
import { h, progressBar, setProgress } from './dom.js';
import { registry } from './registry.js';
import { FINAL, fromApiyi, statusWord } from './status.js';
import { renderDetail } from './detail.js';

const POLL_MS = 1000;
const LIST_MS = 15000;

export function createTaskBoard({ list, empty, detailSection, detailBody, announce }) {
  const tasks = new Map();
  const rows = new Map();
  let selected = null;
  let polling = false;
  let started = false;
  let following = null; // { id, controller } of the task whose event stream is open

  function upsert(id, patch) {
    const task = tasks.get(id) ?? { id, status: 'PENDING', progress: 0, created: Date.now() };
    Object.assign(task, patch);
    tasks.set(id, task);
    return task;
  }

  function title(task) {
    const prompt = registry.get(task.id)?.prompt || task.details?.output?.orig_prompt;
    return prompt ? (prompt.length > 60 ? `${prompt.slice(0, 60)}…` : prompt) : `Task ${task.id.slice(0, 8)}`;
  }

  function renderRow(task) {
    let row = rows.get(task.id);
    if (!row) {
      const badge = h('span', { class: 'badge' });
      const name = h('span', { class: 'task-title' });
      const when = h('span', { class: 'hint task-time' });
      const bar = progressBar(0, 'Progress');
      const button = h('button', { type: 'button', class: 'task-item', onclick: () => select(task.id) }, badge, name, when, bar);
      row = { li: h('li', { 'data-task-id': task.id }, button), button, badge, name, when, bar };
      rows.set(task.id, row);
    }
    row.li.dataset.status = task.status;
    row.badge.textContent = statusWord(task.status);
    row.badge.dataset.status = task.status;
    row.name.textContent = title(task);
    row.when.textContent = new Date(task.created).toLocaleTimeString();
    row.bar.setAttribute('aria-label', `Progress of ${title(task)}`);
    setProgress(row.bar, task.progress);
    row.button.setAttribute('aria-current', String(task.id === selected));
    return row;
  }

  function renderList() {
    const ordered = [...tasks.values()].sort((a, b) => b.created - a.created);
    const lis = ordered.map((t) => renderRow(t).li);
    // Re-append only when the order changed, so a focused row keeps its focus.
    if (lis.some((li, i) => list.children[i] !== li) || list.children.length !== lis.length) list.replaceChildren(...lis);
    empty.hidden = ordered.length > 0;
  }

  function renderSelected() {
    const task = selected && tasks.get(selected);
    detailSection.hidden = !task;
    if (task) renderDetail(detailBody, task, { onCancel: () => cancel(task.id) });
  }

  async function cancel(id) {
    try {
      await api.cancel(id);
      announce('Task canceled.');
    } catch (e) {
      announce(`Could not cancel: ${e.message}`);
    }
    await refreshOne(id, true);
  }

  async function refreshOne(id, withDetails) {
    const task = tasks.get(id);
    try {
      const p = await api.progress(id);
      const status = fromApiyi(p.status);
      const changed = status !== task.status;
      upsert(id, { status, progress: status === 'SUCCEEDED' ? 100 : p.progress ?? task.progress });
      if (changed || withDetails || (FINAL.has(status) && !task.finalDetails)) {
        const d = await api.details(id);
        upsert(id, { details: d, status: d.output?.task_status ?? status, finalDetails: FINAL.has(d.output?.task_status) });
      }
    } catch (e) {
      if (e.code === 'TaskNotFound') upsert(id, { status: 'UNKNOWN', finalDetails: true });
      else upsert(id, { pollError: e });
    }
    renderRow(tasks.get(id));
    if (id === selected) renderSelected();
  }

  function follow(id) {
    if (following?.id === id) return;
    following?.controller.abort();
    following = null;
    const task = tasks.get(id);
    if (!task || FINAL.has(task.status)) return;
    const controller = new AbortController();
    following = { id, controller };
    api.watch(id, (_, data) => {
      const status = data.output?.task_status ?? task.status;
      upsert(id, { status, progress: data.output?.progress ?? task.progress, details: data, finalDetails: FINAL.has(status), pollError: null });
      renderRow(tasks.get(id));
      if (id === selected) renderSelected();
    }, controller.signal).finally(() => {
      // Ended or dropped before a final status: polling takes the task back.
      if (following?.controller === controller) following = null;
    });
  }

  async function pollActive() {
    if (polling) return;
    polling = true;
    try {
      // Finished tasks are fetched only when selected: a page of twenty must not spend the key's query rate.
      // The followed task needs no poll: its stream brings each change.
      const active = [...tasks.values()].filter((t) => !FINAL.has(t.status) && t.id !== following?.id);
      // The selected task also refreshes its details while running: the plan (actual_prompt) appears then.
      await Promise.all(active.map((t) => refreshOne(t.id, t.id === selected && !t.details?.output?.actual_prompt)));
    } finally {
      polling = false;
    }
  }

  async function refreshList() {
    try {
      const page = await api.list(20);
      for (const item of page.data ?? []) {
        const known = tasks.get(item.task_id);
        upsert(item.task_id, {
          status: known && FINAL.has(known.status) ? known.status : item.status,
          created: item.gmt_create ?? known?.created ?? Date.now(),
        });
      }
      renderList();
    } catch (e) {
      announce(e.code === 'InvalidApiKey' ? 'Enter a valid API key to see your tasks.' : `Could not load the task list: ${e.message}`);
    }
  }

  function select(id) {
    selected = id;
    for (const t of tasks.values()) renderRow(t);
    renderSelected();
    refreshOne(id, true).then(() => follow(id));
  }

  return {
    /** A task this page just created: shown and selected at once, without waiting for the list. */
    track(id) {
      upsert(id, { status: 'PENDING', progress: 0, created: Date.now() });
      renderList();
      select(id);
    },
    refreshList,
    clear() {
      following?.controller.abort();
      following = null;
      tasks.clear();
      rows.clear();
      selected = null;
      renderList();
      renderSelected();
    },
    start() {
      if (started) return;
      started = true;
      refreshList();
      setInterval(pollActive, POLL_MS);
      setInterval(refreshList, LIST_MS);
    },
  };
}
