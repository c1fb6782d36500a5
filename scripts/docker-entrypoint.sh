#!/bin/sh
# Entry point of the Procura image: web | worker [queues] | beat | migrate | manage <args>.
set -eu
role="${1:-web}"
[ $# -gt 0 ] && shift
case "$role" in
  web)
    exec gunicorn procura.wsgi:application -c deploy/gunicorn.conf.py "$@" ;;
  worker)
    queues="${1:-${CELERY_QUEUES:-default,ocr,mail}}"
    exec celery -A procura worker --loglevel="${LOG_LEVEL:-INFO}" --queues "$queues" \
      --concurrency "${CELERY_CONCURRENCY:-2}" ;;
  beat)
    exec celery -A procura beat --loglevel="${LOG_LEVEL:-INFO}" \
      --schedule "${CELERY_BEAT_SCHEDULE_FILE:-/app/var/celerybeat-schedule}" ;;
  migrate)
    exec python manage.py migrate --noinput ;;
  manage)
    exec python manage.py "$@" ;;
  *)
    exec "$role" "$@" ;;
esac
