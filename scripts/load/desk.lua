-- wrk script for scripts/load/run.sh: every wrk thread is one signed-in clerk,
-- one kiosk or one signed-in supervisor (run wrk with as many threads as
-- connections, -tN -cN).
--
-- Environment:
--   LOAD_SCENARIO  view:   GET /desk, again and again (clerks)
--                  call:   POST /desk/call-next -> GET /desk -> POST /desk/visits/<id>/no-show -> ...
--                          (clerks)
--                  kiosk:  POST /kiosk/answers, a new answer each time (thread i is the
--                          kiosk of desk L<i>: cookie okienko_kiosk=load-kiosk-token-L<i>)
--                  sheet:  GET /reports/staff/<staff id>?month=YYYY-MM, a random clerk and
--                          month each time (supervisors)
--                  inbox:  GET /home-visits (the director's session on every connection)
--                  loginpage: GET /login (no session)
--                  signin: POST /login as load<i> with the password LOAD_PASSWORD, a new
--                          session each time (the form's token in the form cookie)
--   LOAD_SESSIONS  view, call, sheet, inbox: file with one line per clerk or supervisor,
--                  "<cookie name=value><TAB><csrf token>" (the token is "-" for supervisors)
--   LOAD_QUESTIONNAIRE, LOAD_QUESTIONS   kiosk: the questionnaire's id, and its
--                  questions' ids separated by commas
--   LOAD_STAFF, LOAD_MONTHS              sheet: the clerks' staff ids, and the months
--                  (YYYY-MM), separated by commas
--   LOAD_THINK_MS  a pause before each request (default 0)
--
-- done() prints one line starting with "RESULT " that run.sh reads.

local scenario_name = os.getenv("LOAD_SCENARIO") or "view"

local function split(list)
   local items = {}
   for item in (list or ""):gmatch("[^,%s]+") do
      items[#items + 1] = item
   end
   return items
end

-- main Lua state: hand one clerk, kiosk or supervisor to each thread ----------

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
   local i = #threads + 1
   thread:set("clerk", i)
   if scenario_name == "kiosk" then
      thread:set("cookie", string.format("okienko_kiosk=load-kiosk-token-L%02d", i))
      thread:set("token", "")
   elseif scenario_name == "loginpage" or scenario_name == "signin" then
      -- double submit: the form cookie (43 token characters) and the same _csrf
      local token = string.format("loadformtoken%02d", i) .. string.rep("x", 28)
      thread:set("cookie", "okienko_form=" .. token)
      thread:set("token", token)
   else
      sessions = sessions or read_sessions()
      assert(sessions[i], "fewer signed-in accounts than wrk threads")
      thread:set("cookie", sessions[i].cookie)
      thread:set("token", sessions[i].token)
   end
   threads[i] = thread
end

-- thread Lua states: one clerk, kiosk or supervisor each ------------------------

-- counters read back by done(); globals so that thread:get() sees them
s2xx, s3xx, s4xx, s5xx, sother = 0, 0, 0, 0, 0
unexpected = 0   -- a status other than the one the step expects
called = 0       -- GET /desk after "call next" showed a called client
empty = 0        -- ... showed nobody (queue empty, or the call failed)
no_shows = 0     -- POST .../no-show answered 303
thanks = 0       -- kiosk: POST /kiosk/answers answered 303 to /kiosk/thanks

local step = "call"      -- next request of the call scenario: call, view, noshow
local visit_id = nil
local view_request = nil

local form_type = "application/x-www-form-urlencoded"

-- kiosk: the fixed part of each answer; sheet: what to pick from
local answer_fields = nil
local questions = nil
local staff = nil
local months = nil
local signin_request = nil
local inbox_request = nil
local loginpage_request = nil

function init(args)
   view_request = wrk.format("GET", "/desk", { ["Cookie"] = cookie })
   -- each thread its own random sequence (its own submission keys)
   math.randomseed(os.time() * 1000 + clerk * 7919 + math.floor((os.clock() * 1e6) % 1000))
   if scenario_name == "kiosk" then
      local questionnaire = os.getenv("LOAD_QUESTIONNAIRE")
      assert(questionnaire and questionnaire ~= "", "LOAD_QUESTIONNAIRE is not set")
      questions = split(os.getenv("LOAD_QUESTIONS"))
      assert(#questions > 0, "LOAD_QUESTIONS is not set")
      answer_fields = "&invitation=&questionnaire=" .. questionnaire .. "&lang=pl"
   elseif scenario_name == "signin" then
      local password = os.getenv("LOAD_PASSWORD") or ""
      local body = "_csrf=" .. token .. "&login=" .. string.format("load%02d", clerk) .. "&password=" .. password
      signin_request = wrk.format("POST", "/login", { ["Cookie"] = cookie, ["Content-Type"] = form_type }, body)
   elseif scenario_name == "inbox" then
      inbox_request = wrk.format("GET", "/home-visits", { ["Cookie"] = cookie })
   elseif scenario_name == "loginpage" then
      loginpage_request = wrk.format("GET", "/login", { ["Cookie"] = cookie })
   elseif scenario_name == "sheet" then
      staff = split(os.getenv("LOAD_STAFF"))
      months = split(os.getenv("LOAD_MONTHS"))
      assert(#staff > 0, "LOAD_STAFF is not set")
      assert(#months > 0, "LOAD_MONTHS is not set")
   end
end

-- a random UUID, version 4: xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx (y is 8, 9, a or b)
local function uuid4()
   local r = math.random
   return string.format("%04x%04x-%04x-4%03x-%x%03x-%04x%04x%04x",
      r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff),
      r(8, 11), r(0, 0xfff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

local function post(path)
   return wrk.format("POST", path, { ["Cookie"] = cookie, ["Content-Type"] = form_type }, "_csrf=" .. token)
end

local function kiosk_request()
   local body = { "submission_key=", uuid4(), answer_fields }
   for _, id in ipairs(questions) do
      body[#body + 1] = "&q_" .. id .. "=" .. math.random(1, 5)
   end
   return wrk.format("POST", "/kiosk/answers",
      { ["Cookie"] = cookie, ["Content-Type"] = form_type }, table.concat(body))
end

local function sheet_request()
   local path = "/reports/staff/" .. staff[math.random(#staff)] .. "?month=" .. months[math.random(#months)]
   return wrk.format("GET", path, { ["Cookie"] = cookie })
end

function request()
   if scenario_name == "view" then
      return view_request
   elseif scenario_name == "kiosk" then
      return kiosk_request()
   elseif scenario_name == "sheet" then
      return sheet_request()
   elseif scenario_name == "signin" then
      return signin_request
   elseif scenario_name == "inbox" then
      return inbox_request
   elseif scenario_name == "loginpage" then
      return loginpage_request
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

local function header(headers, name)
   if not headers then return nil end
   local value = headers[name]
   if value then return value end
   name = name:lower()
   for key, v in pairs(headers) do
      if key:lower() == name then return v end
   end
   return nil
end

function response(status, headers, body)
   count(status)
   if scenario_name == "signin" then
      if status ~= 303 then unexpected = unexpected + 1 end
      return
   end
   if scenario_name == "view" or scenario_name == "sheet" or scenario_name == "inbox" or scenario_name == "loginpage" then
      if status ~= 200 then unexpected = unexpected + 1 end
      return
   end
   if scenario_name == "kiosk" then
      local location = header(headers, "Location")
      if status == 303 and location and location:find("/kiosk/thanks", 1, true) then
         thanks = thanks + 1
      else
         unexpected = unexpected + 1
      end
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
                   unexpected = 0, called = 0, empty = 0, no_shows = 0, thanks = 0 }
   for _, thread in ipairs(threads) do
      for name, _ in pairs(total) do
         total[name] = total[name] + (thread:get(name) or 0)
      end
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "RESULT scenario=%s threads=%d requests=%d seconds=%.1f rps=%.1f " ..
      "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "s2xx=%d s3xx=%d s4xx=%d s5xx=%d sother=%d unexpected=%d " ..
      "socket_errors=%d timeouts=%d called=%d empty=%d no_shows=%d thanks=%d\n",
      scenario_name, #threads, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000,
      total.s2xx, total.s3xx, total.s4xx, total.s5xx, total.sother, total.unexpected,
      e.connect + e.read + e.write, e.timeout, total.called, total.empty, total.no_shows, total.thanks))
end

-- LOAD_THINK_MS: a pause before each request, as a clerk takes between clicks
-- (0, the default, measures the server flat out; wrk's latency excludes the pause).
local think_ms = tonumber(os.getenv("LOAD_THINK_MS") or "0") or 0
function delay()
   return think_ms
end
