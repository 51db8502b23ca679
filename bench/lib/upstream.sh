# Sourced by the proxy harnesses: an nginx upstream on loopback (and, with a second port, an nginx reverse proxy in
# front of it, the reference), the catalogue app that points at it, and a connection made through hosted Link as an
# end user would make it. Each function uses $WORK (a scratch directory) and sets the variables it names.

# bench_upstream <upstream port> [reverse proxy port]: starts nginx; sets NGINX_PID; writes $WORK/catalog.yaml.
bench_upstream() {
  local up="$1" proxy="${2:-}" proxy_block=""
  if [ -n "$proxy" ]; then
    proxy_block="upstream up { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$proxy;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header x-api-key secret; }
  }"
  fi
  cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$up;
    location / { default_type application/json; return 200 '{"id":"u_1","name":"Bench User","plan":"pro"}'; }
  }
  $proxy_block
}
NGINX
  nginx -c "$WORK/nginx.conf" -p "$WORK" & NGINX_PID=$!
  cat > "$WORK/catalog.yaml" <<YAML
apps:
  - slug: bench-upstream
    name: Bench upstream
    description: nginx on loopback
    auth_type: keybased
    api_base_url: http://127.0.0.1:$up
    inject: {headers: {x-api-key: "{api_key}"}}
    verification: {method: GET, path: /me, success_status: [200]}
    auth_failure: {status_codes: [401]}
    auth_input_map:
      - {name: api_key, type: password, required: true, label: API key}
YAML
}

# bench_connect <base url>: reads the bootstrap API key from $WORK/data, enables the app, links it through hosted
# Link and exchanges the public token; sets KEY and AT (the access token), and checks one proxied call.
bench_connect() {
  local base="$1" lt session pt
  KEY=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['test']['api_key'])" "$WORK/data/bootstrap-credentials.json")
  curl -fsS -X PUT "$base/api/v2/public/application/bench-upstream/settings" -H "x-api-key: $KEY" \
    -H 'content-type: application/json' -d '{"enabled":true}' >/dev/null
  lt=$(curl -fsS -X POST "$base/link/token/create" -H "x-api-key: $KEY" -H 'content-type: application/json' \
    -d '{"user_id":"bench-user","app":"bench-upstream"}' | python3 -c "import json,sys;print(json.load(sys.stdin)['token'])")
  session=$(curl -sS -o /dev/null -w '%{redirect_url}' "$base/link?token=$lt")
  session="${session%%\?*}"     # /link/s/<handle>, without ?opened=1
  pt=$(curl -fsS -L "$session/submit" --data-urlencode "api_key=secret" | grep -o 'pt_test_[A-Za-z0-9_]*' | head -1)
  AT=$(curl -fsS -X POST "$base/link/token/exchange" -H "x-api-key: $KEY" -H 'content-type: application/json' \
    -d "{\"public_token\":\"$pt\"}" | python3 -c "import json,sys;print(json.load(sys.stdin)['token'])")
  curl -fsS "$base/v1/proxy/me" -H "x-api-key: $KEY" -H "access_token: $AT" | grep -q Bench
}
