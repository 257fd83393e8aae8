-- wrk script: GET /api/v1/tasks/{id} (DashScope shape) for ids picked at random from a file, one id a line.
-- Args: the id file, the API key (a wrong key measures the HTTP stack alone: 401 before any store access).
local ids = {}
local key = "bench-key"

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if args[2] then key = args[2] end
  math.randomseed(os.time() + #tostring({}))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/tasks/" .. id, { ["Authorization"] = "Bearer " .. key })
end
