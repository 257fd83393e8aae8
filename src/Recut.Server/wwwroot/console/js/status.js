// Task statuses: the APIYI words mapped onto DashScope's, and how the console names them.

export const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

const FROM_APIYI = { submitted: 'PENDING', in_progress: 'RUNNING', completed: 'SUCCEEDED', failed: 'FAILED' };

export const fromApiyi = (status) => FROM_APIYI[status] ?? 'UNKNOWN';

const WORDS = {
  PENDING: 'Waiting',
  RUNNING: 'Running',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  UNKNOWN: 'Unknown',
};

export const statusWord = (status) => WORDS[status] ?? status;
