# Sourced by scripts/test.sh: starts a throwaway PostgreSQL cluster and an S3-compatible server (s3rver)
# on 127.0.0.1, exports where they are, and stops both when the calling shell exits.
#   FATHOM_TEST_POSTGRES      postgresql://postgres@127.0.0.1:PORT/postgres  (tests create their own databases)
#   FATHOM_TEST_S3_ENDPOINT   http://127.0.0.1:PORT  (bucket fathom-test, credentials S3RVER/S3RVER)
# Installs PostgreSQL from Debian's packages when it is missing and we are root (CI, fresh machines).

services_dir="$root/.test-services"
rm -rf "$services_dir"; mkdir -p "$services_dir"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ]; then
  echo "test services: installing PostgreSQL from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -n "$pg_bin" ] || { echo "test services: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# The HTML report tests drive Debian's Chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  echo "test services: installing Chromium from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The MLflow-compatibility tests replay mlflow.onnx's loading steps with Debian's python3-onnx and python3-yaml.
if ! /usr/bin/python3 -c 'import onnx, yaml' 2>/dev/null && [ "$(id -u)" = 0 ]; then
  echo "test services: installing python3-onnx and python3-yaml from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-onnx python3-yaml >/dev/null
fi

pg_port=$(free_port)
pg_data="$services_dir/pg"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
mkdir -p "$pg_data"; [ "$(id -u)" = 0 ] && chown postgres "$services_dir" "$pg_data"
as_pg "$pg_bin/initdb -D $pg_data -U postgres -A trust >$services_dir/initdb.log 2>&1"
as_pg "$pg_bin/pg_ctl -D $pg_data -l $services_dir/pg.log -o '-c listen_addresses=127.0.0.1 -p $pg_port -k /tmp -c fsync=off -c max_connections=300' -w start >/dev/null"
export FATHOM_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$pg_port/postgres"

if [ ! -x "$root/scripts/services/node_modules/.bin/s3rver" ]; then
  (cd "$root/scripts/services" && npm ci --no-audit --no-fund --silent)
fi
s3_port=$(free_port)
mkdir -p "$services_dir/s3"
"$root/scripts/services/node_modules/.bin/s3rver" -d "$services_dir/s3" -a 127.0.0.1 -p "$s3_port" \
  --configure-bucket fathom-test >"$services_dir/s3rver.log" 2>&1 &
s3_pid=$!
for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/$s3_port) 2>/dev/null && break; sleep 0.2; done
export FATHOM_TEST_S3_ENDPOINT="http://127.0.0.1:$s3_port"

stop_test_services() {
  kill "$s3_pid" 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl -D $pg_data -m immediate stop >/dev/null 2>&1" || true
}
trap stop_test_services EXIT
echo "test services: PostgreSQL on 127.0.0.1:$pg_port, s3rver on 127.0.0.1:$s3_port"
