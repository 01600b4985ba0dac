-- wrk script: registration POSTs, each with a form opened for it (the time token is single-use),
-- read from the file forms_bench.py wrote (cookie TAB body per line), and a fresh phone number.
local path, pages_file = os.getenv("BENCH_PATH"), os.getenv("BENCH_PAGES")
-- Over HTTPS, Flask-WTF also checks that the Referer is the service's own origin.
local referer = os.getenv("BENCH_REFERER")
local THREADS = 2  -- forms_bench runs wrk -t2: thread n takes every second page
local counter, threads, pages = 0, {}, {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local n = 0
  for line in io.lines(pages_file) do
    if n % THREADS == id - 1 then
      local cookie, body = line:match("^(.-)\t(.*)$")
      table.insert(pages, {cookie = cookie, body = body})
    end
    n = n + 1
  end
end

request = function()
  counter = counter + 1
  -- Past the last page the forms are replayed (409s, counted as errors): fetch more pages.
  local page = pages[(counter - 1) % #pages + 1]
  local phone = string.format("059%d%06d", id, counter)  -- 059 + thread + 6 digits: a valid mobile
  local headers = {["Cookie"] = page.cookie, ["Content-Type"] = "application/x-www-form-urlencoded"}
  if referer then headers["Referer"] = referer end
  return wrk.format("POST", path, headers, page.body .. "&contact=" .. phone)
end
