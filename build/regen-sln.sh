#!/usr/bin/env bash
# Rebuilds MyXtts.sln from every project in the tree (keeps merges of parallel work conflict-free).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f MyXtts.sln
dotnet new sln -n MyXtts --format sln >/dev/null
find $(ls -d src plugins tests samples bench 2>/dev/null) -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' 2>/dev/null | sort | xargs dotnet sln MyXtts.sln add >/dev/null
echo "MyXtts.sln: $(grep -c '^Project(' MyXtts.sln) entries"
