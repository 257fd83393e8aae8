// What this browser remembers about the tasks it submitted: the instruction and where the source came from,
// so the task list can name tasks and the before/after view can play the source. A file picked from disk is
// playable only in the session that picked it (as an object URL); a source given by URL survives a reload.

const ITEM = 'recut.tasks';
const KEEP = 50;
const localSources = new Map();

function load() {
  try {
    const list = JSON.parse(localStorage.getItem(ITEM) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export const registry = {
  all: load,
  get: (id) => load().find((t) => t.id === id),

  /** Remembers a new task; sourceFile (a File) is kept for this session only. */
  add(task, sourceFile) {
    const list = [task, ...load().filter((t) => t.id !== task.id)].slice(0, KEEP);
    localStorage.setItem(ITEM, JSON.stringify(list));
    if (sourceFile) localSources.set(task.id, URL.createObjectURL(sourceFile));
  },

  /** A URL the browser can play for the task's source video, or null. */
  sourceUrl(id) {
    if (localSources.has(id)) return localSources.get(id);
    const url = load().find((t) => t.id === id)?.source?.url;
    return url && /^https?:\/\//i.test(url) ? url : null;
  },
};
