#!/usr/bin/env bash
# `make test`: every lint and test, against a real PostgreSQL and a real Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/test-services.sh

require_packages "postgresql:/usr/lib/postgresql/*/bin/initdb" "redis-server:redis-server" \
  "redis-tools:redis-cli" "chromium:chromium" "gettext:xgettext" "${PDF_PACKAGES[@]}"

start_test_services

export DEBUG=0
export SECURE_HTTPS=0
export SECRET_KEY="test-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="testserver,localhost,127.0.0.1"
export STATIC_ROOT="$TEST_WORK/static"
export MEDIA_ROOT="$TEST_WORK/media"
export PRIVATE_MEDIA_ROOT="$TEST_WORK/private"
export EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"

VENV=.venv/bin
if [ "${EMPACT_QUICK:-0}" = 1 ]; then  # developers: only pytest, e.g. EMPACT_QUICK=1 scripts/test.sh tests/oaps
  $VENV/python manage.py collectstatic --noinput -v 0
  $VENV/pytest "$@"; exit $?
fi
echo "==> ruff check";  $VENV/ruff check .
echo "==> ruff format --check"; $VENV/ruff format --check .
echo "==> manage.py check"; $VENV/python manage.py check --fail-level WARNING
echo "==> makemigrations --check"; $VENV/python manage.py makemigrations --check --dry-run
echo "==> collectstatic"; $VENV/python manage.py collectstatic --noinput -v 0
echo "==> pytest"; $VENV/pytest "$@"
