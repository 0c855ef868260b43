#!/usr/bin/env bash
# The main job from a fresh clone: install the speech tools, build, make the sample corpus, check it, train a tiny
# acoustic model for a few minutes, and synthesize held-out sentences in voices it was given as references.
# Outputs go to ./demo-output. DEMO_STEPS sets the training budget (optimizer steps, default 300).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
out="${DEMO_OUT:-$here/demo-output}"
rm -rf "$out"   # the demo owns this folder: a rerun starts clean

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

steps="${DEMO_STEPS:-300}"
echo "== 4. train the tiny acoustic model for $steps steps (espeak-ng phonemes, voice conditioning from another clip of each speaker)"
./myxtts train --model-size tiny --train-data "$out/sample" --output-dir "$out/runs" --run-name train \
  --set data.cache_dir="$out/cache" --batch-size 8 --max-steps "$steps"
checkpoint="$out/runs/train/checkpoints/$(cat "$out/runs/train/checkpoints/latest")"

echo "== 5. synthesize two held-out sentences per voice, each voice cloned from one of its training clips"
mkdir -p "$out/speech"
for voice in $(cut -f1 "$out/sample/voices.tsv" | tail -n +2 | head -n 4); do
  reference=$(ls "$out/sample/wavs/${voice}_"*.wav | head -n 1)
  # what the reference says, so the output also takes its speaking rate (docs/model.md, "Speaking rate")
  reference_text=$(grep "^$(basename "$reference" .wav)|" "$out/sample/metadata.csv" | cut -d'|' -f2)
  # five more of the voice's clips with what they say: the rate is measured over all six (one sentence strays by ~5 %)
  grep "^${voice}_" "$out/sample/metadata.csv" | sed -n 2,6p | awk -F'|' -v w="$out/sample/wavs" '{print w "/" $1 ".wav|" $2}' > "$out/speech/$voice.rate-clips"
  grep "^${voice}_" "$out/sample/heldout/metadata.csv" | head -n 2 | cut -d'|' -f2 > "$out/speech/$voice.txt"
  ./myxtts synthesize --checkpoint "$checkpoint" --reference "$reference" --reference-text "$reference_text" --rate-clips "$out/speech/$voice.rate-clips" \
    --text-file "$out/speech/$voice.txt" \
    --out "$out/speech/$voice" --output-dir "$out/runs" --run-name "synthesize-$voice"
done

echo
echo "Sample corpus: $out/sample (metadata.csv, wavs/, voices.tsv, heldout/)"
echo "Training run (log.txt, metrics.jsonl, checkpoints/): $out/runs/train"
echo "Synthesized speech (one folder per cloned voice, index.tsv lists the sentences): $out/speech"
