-- wrk script: POST a DashScope-dialect create, the same small body every time (no Idempotency-Key, so every
-- request stores a new PENDING task). Args: the API key; "invalid" as a second argument sends a body that
-- fails validation on its last field (duration "5" is a string), which measures parsing and validation
-- without the store.
local key = "bench-key"
local duration = "0"

function init(args)
  if args[1] then key = args[1] end
  if args[2] == "invalid" then duration = '"5"' end
end

function request()
  local body = '{"model":"wan2.7-videoedit","input":{"prompt":"make it black and white",'
    .. '"media":[{"type":"video","url":"http://127.0.0.1:9/clip.mp4"}]},'
    .. '"parameters":{"resolution":"720P","prompt_extend":false,"duration":' .. duration .. '}}'
  return wrk.format("POST", "/api/v1/services/aigc/video-generation/video-synthesis", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
    ["X-DashScope-Async"] = "enable",
  }, body)
end
