-- wrk script: POST one simulator event per request, each with its own eventId.
-- Arguments (after --): run id, then a comma-separated list of paired phones (empty: each event from a stranger).
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "run"
  phones = {}
  for phone in string.gmatch(args[2] or "", "[^,]+") do
    table.insert(phones, phone)
  end
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local from
  if #phones > 0 then
    from = phones[(counter % #phones) + 1]
  else
    from = string.format("+1555%07d", (tid * 1000003 + counter) % 10000000)
  end
  local body = string.format('{"from":"%s","text":"hello from the benchmark","eventId":"%s-%d-%d"}', from, run, tid, counter)
  return wrk.format(nil, nil, nil, body)
end
