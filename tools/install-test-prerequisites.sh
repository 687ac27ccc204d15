#!/usr/bin/env bash
# Installs, from Debian, the real servers and native libraries the tests talk to, when they are absent:
# PostgreSQL 15 and Redis (the tests start private instances of them on free ports), librdkafka (the Kafka client
# and its mock cluster, a real Kafka-protocol broker). Nothing here needs Docker. Safe to run again.
set -euo pipefail

packages=(postgresql-15 redis-server librdkafka1 librdkafka-dev poppler-utils deck)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "==> installing from Debian: ${missing[*]}"
run_as_root=()
[ "$(id -u)" -eq 0 ] || run_as_root=(sudo)
# Package scripts must not start system-wide services: the tests start their own instances.
export DEBIAN_FRONTEND=noninteractive RUNLEVEL=1
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
