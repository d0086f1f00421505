#!/usr/bin/env bash
# `make benchmark`: the demo plus synthetic scale data in a throwaway PostgreSQL, then the figures
# of scripts/benchmark.py. BENCH_FACTOR (default 4) multiplies a realistic year of EMPACT.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/test-services.sh

require_packages "postgresql:/usr/lib/postgresql/*/bin/initdb" "redis-server:redis-server" \
  "redis-tools:redis-cli"

start_test_services

export DEBUG=0
export SECURE_HTTPS=0
export SECRET_KEY="benchmark-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="testserver,localhost,127.0.0.1"
export STATIC_ROOT="$TEST_WORK/static"
export LOG_LEVEL=WARNING

VENV=.venv/bin
$VENV/python manage.py migrate --noinput -v 0
$VENV/python manage.py collectstatic --noinput -v 0
$VENV/python manage.py load_demo --demo-database -v 0
$VENV/python manage.py generate_scale_data --demo-database --factor "${BENCH_FACTOR:-4}"
$VENV/python manage.py shell -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
$VENV/python scripts/benchmark.py "$@"
