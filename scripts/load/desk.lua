-- wrk script for scripts/load/run.sh: every wrk thread is one signed-in clerk
-- (run wrk with as many threads as connections, -tN -cN).
--
-- Environment:
--   LOAD_SESSIONS  file with one line per clerk: "<cookie name=value><TAB><csrf token>"
--   LOAD_SCENARIO  view: GET /desk, again and again
--                  call: POST /desk/call-next -> GET /desk -> POST /desk/visits/<id>/no-show -> ...
--
-- done() prints one line starting with "RESULT " that run.sh reads.

local scenario_name = os.getenv("LOAD_SCENARIO") or "view"

-- main Lua state: hand one clerk to each thread ------------------------------

local threads = {}
local sessions = nil

local function read_sessions()
   local path = os.getenv("LOAD_SESSIONS")
   assert(path, "LOAD_SESSIONS is not set")
   local list = {}
   for line in io.lines(path) do
      local cookie, token = line:match("^([^\t]+)\t([^\t]+)$")
      if cookie then
         list[#list + 1] = { cookie = cookie, token = token }
      end
   end
   return list
end

function setup(thread)
   sessions = sessions or read_sessions()
   local i = #threads + 1
   assert(sessions[i], "fewer signed-in clerks than wrk threads")
   thread:set("clerk", i)
   thread:set("cookie", sessions[i].cookie)
   thread:set("token", sessions[i].token)
   threads[i] = thread
end

-- thread Lua states: one clerk each -------------------------------------------

-- counters read back by done(); globals so that thread:get() sees them
s2xx, s3xx, s4xx, s5xx, sother = 0, 0, 0, 0, 0
unexpected = 0   -- a status other than the one the step expects
called = 0       -- GET /desk after "call next" showed a called client
empty = 0        -- ... showed nobody (queue empty, or the call failed)
no_shows = 0     -- POST .../no-show answered 303

local step = "call"      -- next request of the call scenario: call, view, noshow
local visit_id = nil
local view_request = nil

local form_type = "application/x-www-form-urlencoded"

function init(args)
   view_request = wrk.format("GET", "/desk", { ["Cookie"] = cookie })
end

local function post(path)
   return wrk.format("POST", path, { ["Cookie"] = cookie, ["Content-Type"] = form_type }, "_csrf=" .. token)
end

function request()
   if scenario_name == "view" then
      return view_request
   end
   if step == "call" then
      return post("/desk/call-next")
   elseif step == "view" then
      return view_request
   else
      return post("/desk/visits/" .. visit_id .. "/no-show")
   end
end

local function count(status)
   if status >= 200 and status < 300 then
      s2xx = s2xx + 1
   elseif status < 400 and status >= 300 then
      s3xx = s3xx + 1
   elseif status < 500 and status >= 400 then
      s4xx = s4xx + 1
   elseif status >= 500 and status < 600 then
      s5xx = s5xx + 1
   else
      sother = sother + 1
   end
end

function response(status, headers, body)
   count(status)
   if scenario_name == "view" then
      if status ~= 200 then unexpected = unexpected + 1 end
      return
   end
   if step == "call" then
      if status ~= 303 then unexpected = unexpected + 1 end
      step = "view"
   elseif step == "view" then
      if status ~= 200 then unexpected = unexpected + 1 end
      visit_id = body and body:match("/desk/visits/(%x+%-[%x%-]+)/no%-show")
      if visit_id then
         called = called + 1
         step = "noshow"
      else
         empty = empty + 1
         step = "call"
      end
   else
      if status == 303 then
         no_shows = no_shows + 1
      else
         unexpected = unexpected + 1
      end
      step = "call"
   end
end

-- main Lua state again: one summary over all threads --------------------------

function done(summary, latency, requests)
   local total = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, sother = 0,
                   unexpected = 0, called = 0, empty = 0, no_shows = 0 }
   for _, thread in ipairs(threads) do
      for name, _ in pairs(total) do
         total[name] = total[name] + (thread:get(name) or 0)
      end
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "RESULT scenario=%s clerks=%d requests=%d seconds=%.1f rps=%.1f " ..
      "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "s2xx=%d s3xx=%d s4xx=%d s5xx=%d sother=%d unexpected=%d " ..
      "socket_errors=%d timeouts=%d called=%d empty=%d no_shows=%d\n",
      scenario_name, #threads, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000,
      total.s2xx, total.s3xx, total.s4xx, total.s5xx, total.sother, total.unexpected,
      e.connect + e.read + e.write, e.timeout, total.called, total.empty, total.no_shows))
end

-- LOAD_THINK_MS: a pause before each request, as a clerk takes between clicks
-- (0, the default, measures the server flat out; wrk's latency excludes the pause).
local think_ms = tonumber(os.getenv("LOAD_THINK_MS") or "0") or 0
function delay()
   return think_ms
end
