#!/usr/bin/env bash
# The test command (README). Installs the Debian packages the tests use when missing (needs root or sudo),
# builds, runs every test project and ends with a plain "N passed, N failed, N skipped" line.
# Parity tests read ../shared/fixtures through MYXTTS_PARITY_DIR and skip with a reason when it is unset.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need_pkgs=()
for p in $(cat "$here/build/test-packages.txt" 2>/dev/null | grep -v '^#'); do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if (( ${#need_pkgs[@]} )); then
  echo "Installing Debian packages the tests use: ${need_pkgs[*]}"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null \
    || echo "warning: could not install ${need_pkgs[*]}; tests that need them will be skipped with a reason"
fi

results="$here/TestResults"
rm -rf "$results"
dotnet build MyXtts.sln -c Release -nologo -v quiet -clp:"ErrorsOnly;NoSummary" || { echo "0 passed, 1 failed"; exit 1; }
dotnet test MyXtts.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@"
rc=$?

# One summary line from the TRX files (dotnet test's own summary is per project and not in this format).
read -r passed failed skipped < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
if [[ $rc -ne 0 && ${failed:-0} -eq 0 ]]; then failed=1; fi   # a crashed test host counts as a failure
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
