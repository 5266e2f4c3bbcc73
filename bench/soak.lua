-- wrk script for bench/soak.sh and the nginx test: rotates through dashboards, lists and API reads
-- (API only when HF_TOKEN is set) and counts every answer that is not 200 — a lost session shows
-- as a redirect to the login page, which wrk itself would count as a success.
local pages = {"/oversigt", "/licenser", "/nis2", "/nis2/risici", "/nis2/haendelser", "/nis2/aktiver", "/nis2/foranstaltninger",
  "/nis2/beredskab", "/bindinger", "/bindinger/systemer", "/bindinger/leverandoerer", "/bindinger/kontrakter", "/bindinger/graf",
  "/bindinger/indlaasning", "/faellesskab", "/administration/revisionslog"}
local api = {"/api/v1/me", "/api/v1/organisations/0999/nis2/risks", "/api/v1/organisations/0999/nis2/incidents",
  "/api/v1/organisations/0999/bindings/landscape", "/api/v1/organisations/0999/bindings/lock-in",
  "/api/v1/organisations/0999/licences/snapshots", "/api/v1/organisations/0999/audit-events?limit=50"}
local token = os.getenv("HF_TOKEN") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for _, p in ipairs(pages) do table.insert(paths, {p, nil}) end
  if token ~= "" then
    for _, p in ipairs(api) do table.insert(paths, {p, "Bearer " .. token}) end
  end
  i = math.random(#paths)
  bad = 0
end

function request()
  i = i % #paths + 1
  -- wrk.format uses the table it is given instead of wrk.headers (the -H options), so copy them.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  if paths[i][2] then headers["Authorization"] = paths[i][2] end
  return wrk.format("GET", paths[i][1], headers)
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  local e = summary.errors
  io.write(string.format("not-200: %d errors: %d\n", total, e.connect + e.read + e.write + e.status + e.timeout))
end
