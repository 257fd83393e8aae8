-- wrk script: POST a DashScope-dialect create, the same small valid body every time (no Idempotency-Key,
-- so every request stores a new PENDING task). Args: the API key.
local key = "bench-key"

function init(args)
  if args[1] then key = args[1] end
end

local body = '{"model":"wan2.7-videoedit","input":{"prompt":"make it black and white",'
  .. '"media":[{"type":"video","url":"http://127.0.0.1:9/clip.mp4"}]},'
  .. '"parameters":{"resolution":"720P","prompt_extend":false}}'

function request()
  return wrk.format("POST", "/api/v1/services/aigc/video-generation/video-synthesis", {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
    ["X-DashScope-Async"] = "enable",
  }, body)
end
