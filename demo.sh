#!/usr/bin/env bash
# The main job from a fresh clone: install the speech tools, build, make the sample corpus, prepare it, and run every
# stage that exists (training and synthesis steps are added here as they land). Outputs go to ./demo-output.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
out="${DEMO_OUT:-$here/demo-output}"

need=()
for p in espeak-ng flite libsndfile1; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if (( ${#need[@]} )); then
  echo "Installing ${need[*]} (Debian packages the sample corpus and phonemizer use)"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== 1. build and list plugins"
./myxtts plugins list --output-dir "$out/runs"

echo "== 2. sample corpus: 8 flite voices (4 voices x 2 tempos) x 30 clips, plus 5 held-out sentences per voice"
./myxtts dataset make-sample "$out/sample" --speakers 8 --utterances 30 --held-out 5

echo "== 3. check and preprocess the corpus (feature cache)"
./myxtts dataset check "$out/sample" --output-dir "$out/runs" --set data.cache_dir="$out/cache"

echo
echo "Sample corpus: $out/sample (metadata.csv, wavs/, voices.tsv, heldout/)"
echo "Run folders (logs, resolved configuration): $out/runs"
