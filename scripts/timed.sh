#!/usr/bin/env bash
# Runs one step of `make test` and records how long it took; --summary prints the table.
set -uo pipefail
log="${TIMINGS_FILE:-var/test-timings.txt}"
mkdir -p "$(dirname "$log")"
# --start forgets the parts of an earlier run that did not reach its summary and notes the start.
if [ "${1:-}" = "--start" ]; then rm -f "$log"; date +%s >"$log.start"; exit 0; fi
# Parts run two at a time add up to more than the run took: both sums are printed.
if [ "${1:-}" = "--summary" ]; then
  echo "== make test: time per part =="
  cat "$log"
  awk '{ sub(/s$/, "", $2); total += $2 } END { printf "%-8s %5ss\n", "parts", total }' "$log"
  [ -f "$log.start" ] && printf '%-8s %5ss\n' "total" "$(( $(date +%s) - $(cat "$log.start") ))"
  rm -f "$log" "$log.start"
  exit 0
fi
name="$1"; shift
echo "== $name: $*"
start=$(date +%s)
"$@"
rc=$?
printf '%-8s %5ss  %s\n' "$name" "$(( $(date +%s) - start ))" "$([ $rc -eq 0 ] && echo ok || echo FAILED)" >> "$log"
if [ $rc -ne 0 ]; then echo "== $name FAILED (exit $rc)"; cat "$log"; rm -f "$log"; fi
exit $rc
