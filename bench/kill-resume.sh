#!/usr/bin/env bash
# Kill safety of `myxtts train`: SIGKILL at random moments, resume each time, and check that no checkpoint is ever
# half-written and that every resume continues from the newest complete checkpoint.
#
#   bench/kill-resume.sh [KILLS=10] [SEED] [MIN_DELAY_S=3] [MAX_DELAY_S=14]
#
# What it does:
#  1. builds the CLI (Release, through ./myxtts) and makes the sample corpus (2 voices, 12 utterances each, 1 held out);
#  2. KILLS times: starts `myxtts train` (with --resume once a checkpoint exists), waits a random delay in
#     [MIN_DELAY_S, MAX_DELAY_S] and sends SIGKILL. Odd runs are killed right then (anywhere: start-up, a step,
#     validation, samples, a checkpoint write); even runs then wait for the next checkpoint write to begin (its temporary
#     file appears) and are killed inside it. training.save_step=1 and a 35 MB checkpoint (baseline model, 256 channels
#     x 4 layers, Adam moments) make writes frequent and long enough to hit. A kill inside a write shows as a temporary
#     file left in the checkpoint folder (column mid-write);
#  3. after every kill: every *.ckpt file must pass its own SHA-256 check (an independent Python reader, not the C# one),
#     `latest` must name a complete checkpoint, and the next run must log "Resuming from" that newest checkpoint;
#  4. a final run resumes without a kill and must end normally (exit 0), removing the interrupted writes' temporary files;
#  5. the newest checkpoint is truncated on purpose: the next resume must warn and fall back to the previous one.
# Exits non-zero on the first violation. Needs flite and espeak-ng (for the sample corpus) and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-10}"
seed="${2:-$RANDOM}"
min_delay="${3:-3}"
max_delay="${4:-14}"
RANDOM="$seed"

work="$(mktemp -d /tmp/myxtts-kill-resume.XXXXXX)"
data="$work/data"
run="$work/runs/kr"
ckpt="$run/checkpoints"
echo "kill-resume: $kills kills, seed $seed, delays ${min_delay}-${max_delay} s, work folder $work"

"$here/myxtts" --help >/dev/null   # builds once
export MYXTTS_NO_BUILD=1
"$here/myxtts" dataset make-sample "$data" --speakers 2 --utterances 12 --held-out 1 >/dev/null

train_args=(train --train-data "$data" --output-dir "$work/runs" --run-name kr --device cpu --threads 1 --batch-size 4 --epochs 100000
  --set model.text_encoder_dim=256 --set model.text_encoder_layers=4 --set training.save_step=1 --set training.log_step=1
  --set data.val_split=0.25 --set data.train_split=0.75 --set training.validation_samples=1 --set data.num_workers=1)

fail() { echo "FAIL: $*" >&2; exit 1; }

# Verifies every checkpoint file with an independent reader of the container (MXCKPT01 ... SHA-256 of all before it).
# Prints the newest complete step file's name and the number of files checked; fails on any damaged file.
verify_checkpoints() {
  python3 - "$ckpt" <<'PY'
import hashlib, os, sys
folder = sys.argv[1]
names = sorted(f for f in os.listdir(folder) if f.endswith(".ckpt")) if os.path.isdir(folder) else []
for name in names:
    data = open(os.path.join(folder, name), "rb").read()
    if len(data) < 40 or data[:8] != b"MXCKPT01" or hashlib.sha256(data[:-32]).digest() != data[-32:]:
        sys.exit(f"half-written or damaged checkpoint: {name} ({len(data)} bytes)")
latest = os.path.join(folder, "latest")
if os.path.exists(latest):
    target = open(latest).read().strip()
    if target not in names:
        sys.exit(f"'latest' names {target!r}, which is not a complete checkpoint")
steps = [n for n in names if n.startswith("step-")]
print(steps[-1] if steps else "-", len(names))
PY
}

printf '%-4s %-9s %-7s %-26s %-20s %-11s %-22s %s\n' run kill "delay s" "resumed from" "last log line" "mid-write" "newest after kill" "files ok"
mid_write=0
for ((i = 1; i <= kills; i++)); do
  resume=()
  [[ -f "$ckpt/latest" ]] && resume=(--resume)
  expected="$(verify_checkpoints | cut -d' ' -f1)"
  log="$work/run-$i.log"
  delay="$(awk -v r="$RANDOM" -v a="$min_delay" -v b="$max_delay" 'BEGIN { printf "%.2f", a + (b - a) * r / 32767 }')"
  "$here/myxtts" "${train_args[@]}" "${resume[@]}" >"$log" 2>&1 &
  pid=$!
  sleep "$delay"
  mode=random
  if ((i % 2 == 0)); then
    # Aimed: after the delay, wait for the next checkpoint write to start (its temporary file appears) and kill inside it.
    mode=in-write
    for ((w = 0; w < 3000; w++)); do compgen -G "$ckpt/.step-*.tmp" >/dev/null && break; sleep 0.01; done
  fi
  kill -KILL "$pid" 2>/dev/null || fail "run $i ended by itself before the kill (see $log)"
  wait "$pid" 2>/dev/null || true

  grep -qE "ERR|Unhandled exception|No usable checkpoint" "$log" && fail "run $i logged an error (see $log)"
  resumed="-"
  if ((${#resume[@]})); then
    if line="$(grep -m1 "Resuming from" "$log")"; then
      resumed="$(sed -E 's/.*Resuming from ([^ ]+) .*/\1/' <<<"$line" | xargs basename)"
      [[ "$resumed" == "$expected" ]] || fail "run $i resumed from $resumed, but the newest complete checkpoint was $expected"
    else
      resumed="(killed before)"
    fi
  fi
  last="$(grep -oE '\] (Step [0-9]+|Validation samples|Epoch [0-9]+ done|Resuming|Loss weights|Model:)' "$log" | tail -1 | cut -c3- || true)"
  temps="$(find "$ckpt" -maxdepth 1 -name '.*.tmp' 2>/dev/null | wc -l)"
  during="no"
  if ((temps > 0)); then during="yes ($temps tmp)"; mid_write=$((mid_write + 1)); fi
  read -r newest count < <(verify_checkpoints) || fail "run $i: checkpoint check failed"
  printf '%-4s %-9s %-7s %-26s %-20s %-11s %-22s %s\n' "$i" "$mode" "$delay" "$resumed" "${last:--}" "$during" "$newest" "$count"
done

# A run that is not killed resumes and ends normally, and clears the interrupted writes' temporary files.
newest="$(verify_checkpoints | cut -d' ' -f1)"
[[ "$newest" != "-" ]] || fail "no checkpoint was ever written; raise MAX_DELAY_S"
step=$((10#$(sed -E 's/step-0*([0-9]+)\.ckpt/\1/' <<<"$newest")))
"$here/myxtts" "${train_args[@]}" --resume --max-steps $((step + 2)) >"$work/final.log" 2>&1 || fail "final resume exited $? (see $work/final.log)"
grep -q "Resuming from .*$newest" "$work/final.log" || fail "final run did not resume from $newest"
left="$(find "$ckpt" -maxdepth 1 -name '.*.tmp' | wc -l)"
((left == 0)) || fail "$left temporary files remain after a clean run"
echo "final run: resumed from $newest, trained to step $((step + 2)), exit 0; temporary files left: $left"

# A damaged newest checkpoint is skipped with a warning; the previous one is used.
newest="$(verify_checkpoints | cut -d' ' -f1)"
previous="$(find "$ckpt" -maxdepth 1 -name 'step-*.ckpt' -printf '%f\n' | sort | tail -2 | head -1)"
truncate -s 1000000 "$ckpt/$newest"
"$here/myxtts" "${train_args[@]}" --resume --max-steps $((step + 3)) >"$work/corrupt.log" 2>&1 || fail "resume after corruption exited $? (see $work/corrupt.log)"
grep -q "WRN\] Skipping checkpoint .*$newest" "$work/corrupt.log" || fail "no warning about the truncated $newest"
grep -q "Resuming from .*$previous" "$work/corrupt.log" || fail "did not fall back to $previous"
echo "truncated $newest: warned and resumed from $previous"
echo "OK: $kills kills ($mid_write inside a checkpoint write), every checkpoint complete, every resume from the newest one"
rm -rf "$work"
