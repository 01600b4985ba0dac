-- wrk script: registration POSTs with a fresh phone number each, as one prepared browser
-- session (cookie + CSRF token + aged time token) passed in by forms_bench.py.
local path, cookie, body = os.getenv("BENCH_PATH"), os.getenv("BENCH_COOKIE"), os.getenv("BENCH_BODY")
-- Over HTTPS, Flask-WTF also checks that the Referer is the service's own origin.
local referer = os.getenv("BENCH_REFERER")
local counter, threads = 0, {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local phone = string.format("059%d%06d", id, counter)  -- 059 + thread + 6 digits: a valid mobile
  local headers = {["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded"}
  if referer then headers["Referer"] = referer end
  return wrk.format("POST", path, headers, body .. "&contact=" .. phone)
end
