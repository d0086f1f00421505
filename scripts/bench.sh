#!/usr/bin/env bash
# `make bench`: EMPACT at one and at ten times its size in a throwaway PostgreSQL and Redis, the
# figures of scripts/bench.py in process, gunicorn under locust on loopback, and one table
# (printed, and written to docs/benchmarks.md). BENCH_QUICK=1: small volume, short load, for
# trying the script out (its table is not written to docs/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/test-services.sh

require_packages "postgresql:/usr/lib/postgresql/*/bin/initdb" "redis-server:redis-server" \
  "redis-tools:redis-cli"

start_test_services
trap 'exit 1' INT TERM  # the EXIT trap stops the services

export DEBUG=0
export SECURE_HTTPS=0
export SECRET_KEY="benchmark-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="testserver,localhost,127.0.0.1"
export STATIC_ROOT="$TEST_WORK/static"
export LOG_LEVEL=WARNING
# The load test is many users on one loopback address: the API's per-user rates would refuse it.
export API_RATE_BURST=1000000/min API_RATE_SUSTAINED=100000000/hour API_RATE_EXPORT=100000/hour

VENV=.venv/bin
OUT="$TEST_WORK/bench"
mkdir -p "$OUT"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  ONE=(--factor 1 --big-plan 60 --users 40) TEN=(--factor 2 --cycles 3 --users 60)
  LOAD_SECONDS=15 MD=()
else
  # 1x: one cycle's worth (~1,300 actions with the plan of 500); 10x adds ~8,700 actions over
  # three cycles and 1,800 people: ~10,000 actions, ~20,000 role assignments in all.
  ONE=(--factor 4 --big-plan 500 --users 200) TEN=(--factor 40 --cycles 3 --users 1800)
  LOAD_SECONDS=${BENCH_LOAD_SECONDS:-60} MD=(--md docs/benchmarks.md)
fi
analyze() { $VENV/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"; }

echo "==> migrate, demo"
$VENV/python manage.py migrate --noinput -v 0
$VENV/python manage.py collectstatic --noinput -v 0
$VENV/python manage.py load_demo --demo-database -v 0
echo "==> 1x volume"
$VENV/python manage.py generate_scale_data --demo-database "${ONE[@]}"
analyze
$VENV/python scripts/bench.py measure --phase 1x --out "$OUT/1x.json"
echo "==> 10x volume"
$VENV/python manage.py generate_scale_data --demo-database "${TEN[@]}"
analyze
$VENV/python scripts/bench.py measure --phase 10x --out "$OUT/10x.json"

echo "==> export (own process)"
$VENV/python scripts/bench.py export --out "$OUT/export.json"

echo "==> load: gunicorn, locust"
$VENV/python scripts/bench.py sessions --out "$OUT/sessions.json"
WORKERS=$(( 2 * $(nproc) + 1 ))
PORT=$(free_port)
$VENV/gunicorn empact.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" --log-level warning \
  --pid "$OUT/gunicorn.pid" --daemon
trap 'kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null; stop_test_services' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break; sleep 0.2; done
run_load() {  # $1 name, $2 pause (1/0)
  BENCH_SESSIONS="$OUT/sessions.json" BENCH_PAUSE=$2 BENCH_MAX_REQUESTS=30000 \
    $VENV/locust -f scripts/bench_locust.py --headless -u 50 -r 25 -t "${LOAD_SECONDS}s" \
    -H "http://127.0.0.1:$PORT" --csv "$OUT/$1" --only-summary --loglevel WARNING \
    >"$OUT/$1.log" 2>&1 || true
}
run_load day 1
run_load saturation 0

echo "==> the table"
$VENV/python scripts/bench.py report --one "$OUT/1x.json" --ten "$OUT/10x.json" \
  --day "$OUT/day" --saturation "$OUT/saturation" --export "$OUT/export.json" "${MD[@]}"
if [ -n "${BENCH_KEEP:-}" ]; then cp -r "$OUT" "$BENCH_KEEP"; fi
