#!/usr/bin/env bash
# Trains with `myxtts train` until the training process has used a CPU-time budget, stopping at marks on the way.
#
#   bench/quality/train-cpu-budget.sh MARKS_CORE_SECONDS RUN_DIR_PARENT RUN_NAME -- <myxtts train arguments>
#   e.g. bench/quality/train-cpu-budget.sh "1200 2400 3600" /tmp/q/runs tiny -- --model-size tiny --train-data /tmp/q/corpus ...
#
# Why CPU time: the quality bar is "30 minutes on 2 CPU cores". On a machine shared with other jobs, wall-clock minutes
# buy an unknown share of the cores; process CPU time (user + system, all threads) does not. 30 minutes on 2 cores is
# 3600 core-seconds. Spin-waiting threads under contention count as CPU time too, so the budget errs on the side of fewer
# steps. At each mark the run gets SIGINT (myxtts saves a checkpoint and exits 130), the checkpoint is copied to
# RUN_DIR/marks/<mark>.ckpt, and training resumes with --resume (resume is bit-exact, so the marks are points of one run).
# TRAIN_COMMAND overrides the command (default: ./myxtts, which builds first; point it at a copied build to freeze the code).
set -euo pipefail
marks=($1); parent=$2; name=$3; shift 3
[[ "${1:-}" == "--" ]] && shift
cmd=(${TRAIN_COMMAND:-./myxtts})
run="$parent/$name"
mkdir -p "$run/marks"
hz=$(getconf CLK_TCK)
used=0   # core-seconds used by earlier segments
[[ -f "$run/marks/used" ]] && used=$(cat "$run/marks/used")
for mark in "${marks[@]}"; do
  (( used >= mark )) && continue
  resume=(); [[ -f "$run/checkpoints/latest" ]] && resume=(--resume)
  # A non-interactive shell starts background jobs with SIGINT ignored (and an ignored signal stays ignored across exec),
  # so the stop at a mark would never reach myxtts: env --default-signal puts SIGINT back to its default first.
  env --default-signal=INT "${cmd[@]}" train --output-dir "$parent" --run-name "$name" "${resume[@]}" "$@" &
  pid=$!
  segment=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if [[ -r /proc/$pid/stat ]]; then
      ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
      segment=$(( ticks / hz ))
      if (( used + segment >= mark )); then kill -INT "$pid"; break; fi
    fi
  done
  status=0; wait "$pid" || status=$?
  if [[ ! -f "$run/checkpoints/latest" ]]; then echo "training exited with $status before writing a checkpoint; see $run/log.txt" >&2; exit 1; fi
  used=$(( used + segment )); echo "$used" > "$run/marks/used"
  latest="$run/checkpoints/$(cat "$run/checkpoints/latest")"
  cp "$latest" "$run/marks/$mark.ckpt"
  step=$(basename "$latest" .ckpt)
  echo "$(date -u +%FT%TZ) mark $mark core-seconds: $used used, checkpoint $step -> $run/marks/$mark.ckpt" | tee -a "$run/marks/marks.log"
done
