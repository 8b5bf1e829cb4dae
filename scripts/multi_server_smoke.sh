#!/usr/bin/env bash
# Two app servers and two task workers on this machine, against one PostgreSQL and one Redis,
# as production runs them behind a proxy (deploy/). Checks that a booking race through both
# servers never oversells, that one person's lock-out holds on both, and that every email is
# sent exactly once by the two workers. Prints the figures.
#
#   scripts/multi_server_smoke.sh
#
# Needs PostgreSQL (SMOKE_PG, default postgres://postgres@127.0.0.1:5432, a role that may
# create databases) and Redis on 127.0.0.1:6379. Uses the database SMOKE_DB (dropped and
# created) and Redis database 13 (flushed).
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE_DB=${SMOKE_DB:-multi_server_smoke}
SMOKE_PG=${SMOKE_PG:-postgres://postgres@127.0.0.1:5432}
PY=.venv/bin/python
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.production
export DATABASE_URL="$SMOKE_PG/$SMOKE_DB"
export REDIS_URL="redis://127.0.0.1:6379/13"
export SECRET_KEY=multi-server-smoke-only
export ALLOWED_HOSTS=localhost
export CSRF_TRUSTED_ORIGINS=https://localhost
export SECURE_SSL_REDIRECT=0
export TRUSTED_PROXY_COUNT=1
export WAGTAILADMIN_BASE_URL=https://localhost
export STATIC_ROOT="$WORK/static" MEDIA_ROOT="$WORK/media" VAR_DIR="$WORK/var"
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=${SMOKE_SMTP_PORT:-2526}
export LOG_LEVEL=WARNING
mkdir -p "$VAR_DIR"

echo "== fresh database $SMOKE_DB and Redis db 13"
psql -q "$SMOKE_PG/postgres" -c "DROP DATABASE IF EXISTS $SMOKE_DB" -c "CREATE DATABASE $SMOKE_DB"
redis-cli -n 13 flushdb >/dev/null
$PY manage.py migrate -v 0
$PY manage.py collectstatic --noinput -v 0

echo "== a 5-place session and 12 people"
read -r SESSION_ID PEOPLE PASSWORD < <($PY manage.py shell -v 0 -c "
from tests.bookings.factories import make_session
from tests.factories import TEST_PASSWORD, UserFactory
session = make_session(capacity=5, starts_in_days=20)
people = [UserFactory(staff=True) for _ in range(12)]
print(session.pk, ','.join(p.email for p in people), TEST_PASSWORD)
")

echo "== a mail server, two workers, two app servers"
$PY -m aiosmtpd -n -c aiosmtpd.handlers.Debugging stdout -l "127.0.0.1:$EMAIL_PORT" >"$WORK/smtp.log" 2>&1 &
PIDS+=($!)
for n in 1 2; do
  $PY manage.py db_worker >"$WORK/worker$n.log" 2>&1 &
  PIDS+=($!)
done
for port in 8101 8102; do
  .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$port" >"$WORK/web$port.log" 2>&1 &
  PIDS+=($!)
done
for port in 8101 8102; do
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null -H "X-Forwarded-Proto: https" -H "Host: localhost" \
      "http://127.0.0.1:$port/accounts/login/" && break
    sleep 1
  done
done

echo "== race, lock-out"
$PY scripts/multi_server_smoke.py 127.0.0.1:8101,127.0.0.1:8102 "$SESSION_ID" "$PEOPLE" \
  "$PASSWORD" 5

echo "== emails (waiting for the workers)"
for _ in $(seq 1 60); do
  pending=$($PY manage.py shell -v 0 -c "
from home.models import OutboxEmail
print(OutboxEmail.objects.filter(status='pending').count())")
  [ "$pending" = "0" ] && break
  sleep 1
done
$PY manage.py shell -v 0 -c "
import collections, re, sys
from bookings.models import Booking
from home.models import OutboxEmail
log = open('$WORK/smtp.log').read()
received = re.findall(r'^To: (.+)$', log, re.M)
rows = OutboxEmail.objects.all()
sent = rows.filter(status='sent').count()
twice = sum(n - 1 for n in collections.Counter(received).values() if n > 1)
confirmed = Booking.objects.filter(status='confirmed').count()
waiting = Booking.objects.filter(status='waitlisted').count()
print(f'bookings: {confirmed} confirmed (capacity 5), {waiting} waiting')
print(f'emails: {rows.count()} queued, {sent} sent, {len(received)} received by SMTP, '
      f'{rows.count() - len(set(received))} lost, {twice} duplicated')
ok = confirmed == 5 and waiting == 7 and sent == rows.count() == len(received) and twice == 0
sys.exit(0 if ok else 1)
"
echo "Multi-server smoke passed."
