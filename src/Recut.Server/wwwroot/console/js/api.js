// The HTTP API as the console uses it: the same calls any client makes, with the key from this browser.

const KEY_ITEM = 'recut.apiKey';

export const CREATE_PATHS = {
  dashscope: '/api/v1/services/aigc/video-generation/video-synthesis',
  apiyi: '/wan/api/v1/services/aigc/video-generation/video-synthesis',
};

/** An error answer of the API ({code, message, request_id}) or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

export const keyStore = {
  get: () => localStorage.getItem(KEY_ITEM) ?? '',
  set: (key) => localStorage.setItem(KEY_ITEM, key.trim()),
  clear: () => localStorage.removeItem(KEY_ITEM),
};

function authHeaders() {
  const key = keyStore.get();
  if (!key) throw new ApiError(0, 'InvalidApiKey', 'Enter an API key first.', '');
  return { Authorization: `Bearer ${key}` };
}

async function call(method, path, { body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...authHeaders(), ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'NetworkError', `The server could not be reached (${e.message}).`, '');
  }
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = { message: text.slice(0, 300) }; }
  if (!response.ok) {
    throw new ApiError(response.status, json.code ?? `HTTP${response.status}`,
      json.message ?? response.statusText, json.request_id ?? response.headers.get('X-Request-Id') ?? '');
  }
  return json;
}

export const api = {
  create(dialect, body, usesOss) {
    const headers = { 'X-DashScope-Async': 'enable' };
    if (usesOss) headers['X-DashScope-OssResourceResolve'] = 'enable';
    return call('POST', CREATE_PATHS[dialect], { body, headers });
  },
  /** APIYI shape: status submitted|in_progress|completed|failed, progress 0–100. */
  progress: (id) => call('GET', `/v1/tasks/${encodeURIComponent(id)}`),
  /** DashScope shape: output.task_status, actual_prompt, video_url, code/message, times; usage. */
  details: (id) => call('GET', `/api/v1/tasks/${encodeURIComponent(id)}`),
  /**
   * Follows a task's event stream (Server-Sent Events; fetch, since EventSource cannot send the key): calls onEvent
   * with each status or progress event's data (the DashScope shape) until the stream ends or signal aborts.
   * Resolves true when a final status arrived, false when the stream ended or dropped before one (then poll).
   */
  async watch(id, onEvent, signal) {
    let response;
    try {
      response = await fetch(`/api/v1/tasks/${encodeURIComponent(id)}/events`,
        { headers: { ...authHeaders(), Accept: 'text/event-stream' }, cache: 'no-store', signal });
    } catch {
      return false;
    }
    if (!response.ok || !(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) return false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { type: 'message', data: [] };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        buffer += value;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          if (line === '') {
            // A blank line ends an event: hand on status and progress, skip heartbeats.
            if ((event.type === 'status' || event.type === 'progress') && event.data.length) {
              const data = JSON.parse(event.data.join('\n'));
              onEvent(event.type, data);
              if (['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'].includes(data.output?.task_status)) return true;
            }
            event = { type: 'message', data: [] };
          } else if (line.startsWith('event:')) {
            event.type = line.slice(6).trim();
          } else if (line.startsWith('data:')) {
            event.data.push(line.slice(5).replace(/^ /, ''));
          }
        }
      }
    } catch {
      return false;
    } finally {
      reader.releaseLock();
    }
  },
  list: (pageSize = 20) => call('GET', `/api/v1/tasks?page_no=1&page_size=${pageSize}`),
  cancel: (id) => call('POST', `/api/v1/tasks/${encodeURIComponent(id)}/cancel`),
  /** The local engine's plan for an instruction, without creating a task: {plan: {supported, steps, notes, message}}. */
  plan: (prompt, referenceImages) => call('POST', '/api/v1/plans', { body: { prompt, reference_images: referenceImages } }),

  /** Multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
  upload(file, onProgress) {
    const headers = authHeaders();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/uploads');
      xhr.setRequestHeader('Authorization', headers.Authorization);
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
      xhr.onerror = () => reject(new ApiError(0, 'NetworkError', `Uploading ${file.name} failed: the server could not be reached.`, ''));
      xhr.onload = () => {
        let json = {};
        try { json = JSON.parse(xhr.responseText || '{}'); } catch { /* not JSON: reported below */ }
        if (xhr.status === 200 && json.data?.url) resolve(json.data);
        else reject(new ApiError(xhr.status, json.code ?? `HTTP${xhr.status}`,
          `${file.name}: ${json.message ?? xhr.statusText}`, json.request_id ?? ''));
      };
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  },
};
