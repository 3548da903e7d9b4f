-- wrk script for scripts/bench-http. BENCH_ROUTE picks what is measured:
--   query  (default) POST /v1/query with developer questions the seed data answers, cycled; without a
--          model they are answered from retrieval, so the figure is the router's own cost: embed,
--          search, decide, store the interaction durably;
--   search GET /v1/search?q= with the same questions;
--   health GET /health (and live, ready: GET /health/live, /health/ready).
-- BENCH_DISTINCT=1 numbers every question (each wrk thread its own series), so no text is asked twice.
local queries = {
  "mvn dependency resolution fails with PKIX path building failed",
  "git says fatal: refusing to merge unrelated histories",
  "npm ERR! ERESOLVE unable to resolve dependency tree",
  "how do I squash my last three commits",
  "docker: permission denied while trying to connect to the Docker daemon socket",
  "pip install fails with externally-managed-environment on Debian",
  "ollama says model not found, try pulling it first",
  "UnsupportedClassVersionError class file version 65.0",
  "how to keep an ollama model loaded in memory",
  "qdrant wrong input vector dimension error",
  "should I commit package-lock.json",
  "python venv activate not working in fish shell",
  "docker compose port is already allocated",
  "java.lang.OutOfMemoryError: Java heap space in the Maven surefire fork",
}
local route = os.getenv("BENCH_ROUTE") or "query"
local distinct = os.getenv("BENCH_DISTINCT") == "1"
local n = 0
-- wrk runs this script once per thread: setup numbers the threads, and the start time tells the warm-up
-- run from the measured one, so no two requests of a benchmark ask the same text.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local started = os.time()

local function encoded(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  if distinct then
    q = q .. " (" .. started .. "-" .. tostring(thread_id) .. "-" .. n .. ")"
  end
  if route == "query" then
    local body = '{"query": "' .. q .. '"}'
    return wrk.format("POST", "/v1/query", {["Content-Type"] = "application/json"}, body)
  elseif route == "search" then
    return wrk.format("GET", "/v1/search?q=" .. encoded(q))
  elseif route == "health" then
    return wrk.format("GET", "/health")
  else
    return wrk.format("GET", "/health/" .. route)
  end
end

-- Non-2xx answers count as errors in wrk's summary; print them so a run that measured refusals is seen.
response = function(status, headers, body)
  if status >= 300 then
    io.stderr:write("bench-http: HTTP " .. status .. ": " .. string.sub(body, 1, 200) .. "\n")
  end
end
