#!/usr/bin/env bash
# `make run`: migrate the SQLite database, load the demo data, start a Celery worker with
# beat on the embedded filesystem broker, and serve the app on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
require_packages "${PDF_PACKAGES[@]}"
export DEBUG="${DEBUG:-1}"
mkdir -p var
VENV=.venv/bin

$VENV/python manage.py migrate --noinput
$VENV/python manage.py load_demo
# The reminders due on the demo data, at once (the beat scans again every hour): the worker
# started below sends their e-mails to its log (console e-mail with DEBUG).
$VENV/python manage.py send_reminders

$VENV/celery -A empact worker --beat --pool=solo --loglevel=INFO \
  --schedule var/celerybeat-schedule >var/celery.log 2>&1 &
CELERY_PID=$!
trap 'kill $CELERY_PID 2>/dev/null || true' EXIT INT TERM

echo
echo "EMPACT cycle manager: http://127.0.0.1:8000/  (Celery worker and beat log: var/celery.log)"
$VENV/python manage.py demo_logins
echo
$VENV/python manage.py runserver 127.0.0.1:8000
