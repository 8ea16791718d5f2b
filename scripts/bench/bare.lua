-- wrk script for the bare stack in scripts/bench/run.sh: BARE_SCENARIO=session
-- (GET /session-page with the cookie BARE_COOKIE) or answer (POST /answer with a
-- fresh key each time, as the baseline's own wrk-answer.lua). done() prints one
-- RESULT line in the format of scripts/load/desk.lua.
local scenario_name = os.getenv("BARE_SCENARIO") or "session"
local threads = {}
function setup(thread)
   threads[#threads + 1] = thread
   thread:set("tid", #threads)
end
errors_status = 0
local n = 0
local session_request = nil
function init(args)
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   session_request = wrk.format("GET", "/session-page", { ["Cookie"] = "sid=" .. (os.getenv("BARE_COOKIE") or "") })
end
local function uuid4()
   local r = math.random
   return string.format("%04x%04x-%04x-4%03x-%x%03x-%04x%04x%04x",
      r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff),
      r(8, 11), r(0, 0xfff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end
function request()
   if scenario_name == "session" then return session_request end
   n = n + 1
   local body = string.format("q1=%d&q2=%d&q3=%d&q4=%d&key=%s", 1 + n % 5, 1 + n % 4, 1 + n % 3, 1 + n % 2, uuid4())
   return wrk.format("POST", "/answer", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
function response(status, headers, body)
   local expected = (scenario_name == "session") and 200 or 303
   if status ~= expected then errors_status = errors_status + 1 end
end
function done(summary, latency, requests)
   local unexpected = 0
   for _, thread in ipairs(threads) do unexpected = unexpected + (thread:get("errors_status") or 0) end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "RESULT scenario=bare-%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "unexpected=%d socket_errors=%d timeouts=%d\n",
      scenario_name, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      unexpected, e.connect + e.read + e.write, e.timeout))
end
