-- wrk script: PUT /api/v2/public/linked-account with a random id out of ACCOUNTS and a changing
-- udf value, so most requests really write (update) and some create.
local accounts = tonumber(os.getenv("ACCOUNTS") or "10000")
local key = os.getenv("API_KEY")
local counter = 0

wrk.method = "PUT"
wrk.path = "/api/v2/public/linked-account"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-api-key"] = key

request = function()
  counter = counter + 1
  local id = math.random(1, accounts)
  local body = string.format(
    '{"linked_account_id":"bench-%d","name":"Bench %d","udf":{"phone":"%d","plan":"pro"}}',
    id, id, counter)
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
