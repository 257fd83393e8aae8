// Error codes in plain words: what happened and what to do about it. The server's own message (which states
// the measured value and the limit) is always shown beside this.

const EXACT = {
  InvalidApiKey: 'The API key is missing or this server does not know it. Check the key at the top of the page.',
  AccessDenied: 'The server refused the request. For a result link this means it has expired.',
  SignatureDoesNotMatch: 'The result link was changed or is incomplete. Open the task again to get a fresh link.',
  InvalidParameter: 'One of the settings is not allowed. The message names the setting and the allowed values.',
  'InvalidParameter.DataInspection': 'The media could not be downloaded from its link. Check that the link opens in a browser without logging in.',
  InvalidURL: 'A media link is not usable: it must start with http://, https:// or oss://.',
  'InvalidURL.ConnectionRefused': 'The server could not connect to the address in a media link.',
  'InvalidURL.Timeout': 'Downloading a media file took too long.',
  'InvalidFile.Duration': 'The video must be between 2 and 10 seconds long.',
  'InvalidFile.Resolution': 'A picture is too small or too large: each side of the video must be 240–4096 pixels, of an image 240–8000 pixels.',
  'InvalidFile.AspectRatio': 'A picture is too narrow or too wide: the ratio of its sides must be between 1:8 and 8:1.',
  'InvalidFile.Size': 'A file is too large: a video may be up to 100 MB, an image up to 20 MB.',
  'InvalidFile.Format': 'A file is not of a supported type: use MP4 or MOV for the video and JPEG, PNG, BMP or WEBP for images.',
  'InvalidFile.Openerror': 'A file could not be decoded. It may be damaged or use a codec the server cannot read.',
  'BadRequest.EmptyInput': 'The request has no input.',
  'BadRequest.EmptyParameters': 'The request has no parameters.',
  'BadRequest.EmptyModel': 'The request names no model.',
  'BadRequest.IllegalInput': 'The request body is not valid JSON.',
  UnsupportedOperation: 'Only a task that has not started yet can be canceled.',
  DataInspectionFailed: 'The content was refused by the content check.',
  ModelNotFound: 'The model name is wrong; the video-edit model is wan2.7-videoedit.',
  TaskNotFound: 'This task does not exist any more (results are kept 24 hours) or belongs to another key.',
  Throttling: 'Too many requests with this key at once. Wait a moment and try again.',
  'Throttling.RateQuota': 'Too many tasks submitted with this key in one second. Wait a moment and try again.',
  InternalError: 'Something went wrong on the server. Quote the request id when reporting it.',
  'InternalError.Algo': 'The edit itself failed on the server. Quote the task id when reporting it.',
  'InternalError.Timeout': 'The edit took longer than the server allows.',
  ModelUnavailable: 'The edit engine is not available right now. Try again later.',
  UnsupportedEdit: 'This server cannot perform that kind of edit. The message lists what it can do: rephrase the instruction.',
  'UnsupportedEdit.NoPerson': 'This edit needs a person in the video, and none was found.',
  NetworkError: 'The browser could not reach the Recut server.',
  Canceled: 'The task was canceled before it started.',
};

/** The plain-words explanation of an error code (falls back on its family, e.g. InvalidFile.*). */
export function explain(code) {
  if (!code) return 'The server reported an error.';
  if (EXACT[code]) return EXACT[code];
  const family = code.split('.')[0];
  return EXACT[family] ?? 'The server reported an error.';
}
