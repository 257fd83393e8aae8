// The new-edit form: pick the source and references (disk or URL), write the instruction, set the output,
// then upload the files and create the task in the chosen dialect.
import { api, keyStore, ApiError } from './api.js';
import { $, $$, h, charCount } from './dom.js';
import { explain } from './explain.js';
import { registry } from './registry.js';
import { setupPlanPreview } from './planpreview.js';

const REF_LIMITS = { dashscope: [0, 4], apiyi: [1, 5] };
const PROMPT_MAX = 5000;

export function setupTaskForm({ onCreated }) {
  const form = $('#task-form');
  const status = $('#form-status');
  const uploadBar = $('#upload-progress');
  const refPreview = $('#ref-preview');
  const thumbs = [];

  const sourceMode = () => $('input[name="source-mode"]:checked').value;
  for (const radio of $$('input[name="source-mode"]')) {
    radio.addEventListener('change', () => {
      for (const el of $$('[data-source]')) el.hidden = el.dataset.source !== sourceMode();
    });
  }

  const refUrls = () => $('#ref-urls').value.split('\n').map((s) => s.trim()).filter(Boolean);
  const refFiles = () => [...$('#ref-files').files];
  const showRefCount = () => {
    const [min, max] = REF_LIMITS[$('#dialect').value];
    const n = refFiles().length + refUrls().length;
    $('#ref-count').textContent = `${n} chosen; this dialect takes ${min}–${max}.`;
  };
  $('#ref-files').addEventListener('change', () => {
    for (const url of thumbs.splice(0)) URL.revokeObjectURL(url);
    refPreview.replaceChildren(...refFiles().map((f) => {
      const url = URL.createObjectURL(f);
      thumbs.push(url);
      return h('li', {}, h('img', { src: url, alt: f.name }), h('span', {}, f.name));
    }));
    showRefCount();
  });
  $('#ref-urls').addEventListener('input', showRefCount);
  $('#dialect').addEventListener('change', showRefCount);
  showRefCount();

  const prompt = $('#prompt');
  setupPlanPreview({
    prompt,
    examples: $('#plan-examples'),
    preview: $('#plan-preview'),
    referenceCount: () => refFiles().length + refUrls().length,
  });
  prompt.addEventListener('input', () => {
    const n = charCount(prompt.value);
    $('#prompt-count').textContent = `${n} / ${PROMPT_MAX}${n > PROMPT_MAX ? ' — the rest will be cut off' : ''}`;
  });

  function say(text, kind = 'info', field = null) {
    status.replaceChildren(...(Array.isArray(text) ? text : [text]));
    status.dataset.kind = kind;
    for (const el of $$('[aria-invalid]', form)) el.removeAttribute('aria-invalid');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }

  function sayError(e) {
    const code = e instanceof ApiError ? e.code : 'Error';
    say([
      h('strong', {}, explain(code)), h('br'),
      'Code ', h('code', { class: 'error-code' }, code), `: ${e.message}`,
      e.requestId ? h('span', { class: 'hint' }, ` (request id ${e.requestId})`) : null,
    ], 'error', code === 'InvalidApiKey' ? $('#api-key') : null);
  }

  /** Client-side checks that save a round trip; the server checks everything again. */
  function check() {
    const dialect = $('#dialect').value;
    if (!keyStore.get()) return ['Enter and save an API key first.', $('#api-key')];
    if (sourceMode() === 'file' && !$('#source-file').files[0]) return ['Choose a source video.', $('#source-file')];
    if (sourceMode() === 'url' && !/^(https?|oss):\/\/\S+$/i.test($('#source-url').value.trim())) {
      return ['Enter the source video URL (http://, https:// or oss://).', $('#source-url')];
    }
    const [min, max] = REF_LIMITS[dialect];
    const refs = refFiles().length + refUrls().length;
    if (refs < min || refs > max) return [`This dialect takes ${min}–${max} reference images; ${refs} chosen.`, $('#ref-files')];
    if (dialect === 'apiyi' && !prompt.value.trim()) return ['The APIYI dialect needs an instruction.', prompt];
    const duration = Number($('#duration').value);
    if (!Number.isInteger(duration) || (duration !== 0 && (duration < 2 || duration > 10))) {
      return ['Duration is 0 (whole video) or a whole number of seconds from 2 to 10.', $('#duration')];
    }
    const seed = $('#seed').value.trim();
    if (seed && !(/^\d+$/.test(seed) && Number(seed) <= 2147483647)) return ['Seed is a whole number from 0 to 2147483647.', $('#seed')];
    return null;
  }

  function parameters() {
    const p = {
      resolution: $('#resolution').value,
      duration: Number($('#duration').value),
      audio_setting: $('#audio').value,
      watermark: $('#watermark').checked,
      prompt_extend: $('#prompt-extend').checked,
    };
    if ($('#ratio').value) p.ratio = $('#ratio').value;
    if ($('#seed').value.trim()) p.seed = Number($('#seed').value.trim());
    return p;
  }

  /** Uploads every picked file in turn, one progress bar over the total bytes. */
  async function uploadAll(files) {
    const total = files.reduce((n, f) => n + f.size, 0) || 1;
    let done = 0;
    const urls = [];
    uploadBar.hidden = files.length === 0;
    for (const file of files) {
      say(`Uploading ${file.name}…`);
      const data = await api.upload(file, (fraction) => { uploadBar.value = ((done + fraction * file.size) / total) * 100; });
      done += file.size;
      urls.push(data.url);
    }
    uploadBar.value = 100;
    return urls;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = check();
    if (problem) {
      say(problem[0], 'error', problem[1]);
      return;
    }
    const submit = $('#submit');
    submit.disabled = true;
    try {
      const sourceFile = sourceMode() === 'file' ? $('#source-file').files[0] : null;
      const uploaded = await uploadAll([...(sourceFile ? [sourceFile] : []), ...refFiles()]);
      const sourceUrl = sourceFile ? uploaded.shift() : $('#source-url').value.trim();
      const refs = [...uploaded, ...refUrls()];
      const media = [{ type: 'video', url: sourceUrl }, ...refs.map((url) => ({ type: 'reference_image', url }))];
      const input = { prompt: prompt.value, media };
      if ($('#negative-prompt').value.trim()) input.negative_prompt = $('#negative-prompt').value;
      const dialect = $('#dialect').value;
      say('Creating the task…');
      const created = await api.create(dialect, { model: 'wan2.7-videoedit', input, parameters: parameters() },
        media.some((m) => m.url.toLowerCase().startsWith('oss://')));
      const id = created.output.task_id;
      registry.add({ id, prompt: prompt.value, dialect, created: Date.now(), source: sourceFile ? { name: sourceFile.name } : { url: sourceUrl } }, sourceFile);
      say(`Task ${id.slice(0, 8)} created; it is shown under Tasks.`, 'ok');
      onCreated(id);
    } catch (e) {
      sayError(e);
    } finally {
      submit.disabled = false;
      uploadBar.hidden = true;
      uploadBar.value = 0;
    }
  });
}
