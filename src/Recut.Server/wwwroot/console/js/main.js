// Entry point: the key form, the new-edit form and the task board.
import { api, keyStore } from './api.js';
import { $ } from './dom.js';
import { setupTaskForm } from './form.js';
import { createTaskBoard } from './tasks.js';

const keyStatus = $('#key-status');
const board = createTaskBoard({
  list: $('#task-list'),
  empty: $('#tasks-empty'),
  detailSection: $('#task-detail'),
  detailBody: $('#detail-body'),
  announce: (text) => { keyStatus.textContent = text; },
});

function setupKeyForm() {
  const input = $('#api-key');
  input.value = keyStore.get();
  keyStatus.textContent = input.value ? 'A key is saved in this browser.' : 'No key saved yet.';
  $('#show-key').addEventListener('click', (e) => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    e.currentTarget.setAttribute('aria-pressed', String(show));
    e.currentTarget.textContent = show ? 'Hide' : 'Show';
  });
  $('#key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.value.trim()) {
      keyStatus.textContent = 'Enter a key first.';
      input.focus();
      return;
    }
    keyStore.set(input.value);
    try {
      await api.list(1);
      keyStatus.textContent = 'Key saved in this browser and accepted by the server.';
      keyStatus.dataset.kind = 'ok';
      board.clear();
      await board.refreshList();
    } catch (err) {
      keyStatus.textContent = err.code === 'InvalidApiKey' ? 'Saved, but the server does not accept this key.' : `Saved; the server could not check it: ${err.message}`;
      keyStatus.dataset.kind = 'error';
    }
  });
  $('#forget-key').addEventListener('click', () => {
    keyStore.clear();
    input.value = '';
    keyStatus.textContent = 'Key removed from this browser.';
    delete keyStatus.dataset.kind;
    board.clear();
  });
}

setupKeyForm();
setupTaskForm({ onCreated: (id) => board.track(id) });
$('#refresh-tasks').addEventListener('click', () => board.refreshList());
if (keyStore.get()) board.start();
else {
  // Start polling once a key is saved.
  $('#key-form').addEventListener('submit', () => board.start(), { once: true });
}
