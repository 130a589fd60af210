#!/usr/bin/env bash
# The grader container's entrypoint (deploy/Dockerfile). Any grader command passes through:
#   docker run IMAGE grade-batch /submissions --week task-driven-rnn --out /out
#   docker run IMAGE merge /out/shard-1 /out/shard-2 --out /out/merged
# With no arguments it grades a shard from the environment — what a Kubernetes Indexed Job, a Slurm array task or a CI
# matrix leg sets:
#   NEURO_WEEK (required)          the week id
#   NEURO_SUBMISSIONS              the folder of submissions (default /submissions)
#   NEURO_OUT                      the output root (default /out); the shard writes NEURO_OUT/shard-K
#   NEURO_SHARD_COUNT              N (default 1)
#   NEURO_SHARD_INDEX              K, 1-based; else JOB_COMPLETION_INDEX + 1 (Kubernetes, 0-based),
#                                  else SLURM_ARRAY_TASK_ID (Slurm, run the array as --array=1-N)
#   NEURO_WORKERS                  --workers (default: the container's cores)
#   NEURO_GRADER                   the grader command (default: dotnet + the DLL built in the image)
#   NEURO_ENTRYPOINT_DRY_RUN=1     print the command instead of running it (tests)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${NEURO_GRADER:-}" ]; then
  read -r -a grader <<< "$NEURO_GRADER"
else
  grader=(dotnet "$here/grader/NeuroExercises.Grader/bin/Release/net10.0/NeuroExercises.Grader.dll")
fi

run() {
  if [ "${NEURO_ENTRYPOINT_DRY_RUN:-0}" = 1 ]; then printf '%q ' "$@"; printf '\n'; else exec "$@"; fi
}

if [ $# -gt 0 ]; then
  run "${grader[@]}" "$@"
  exit 0
fi

: "${NEURO_WEEK:?set NEURO_WEEK to the week id (see: docker run IMAGE weeks), or pass a grader command}"
count=${NEURO_SHARD_COUNT:-1}
if [ -n "${NEURO_SHARD_INDEX:-}" ]; then
  index=$NEURO_SHARD_INDEX
elif [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  index=$((JOB_COMPLETION_INDEX + 1))
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  index=$SLURM_ARRAY_TASK_ID
else
  index=1
fi
case "$count$index" in
  *[!0-9]*) echo "entrypoint: shard index '$index' and count '$count' must be whole numbers (NEURO_SHARD_INDEX, NEURO_SHARD_COUNT)" >&2; exit 1 ;;
esac
if [ "$index" -lt 1 ] || [ "$index" -gt "$count" ]; then
  echo "entrypoint: shard $index of $count is out of range: give NEURO_SHARD_INDEX 1..$count (Slurm: --array=1-$count; Kubernetes: completions = $count)" >&2
  exit 1
fi
out=${NEURO_OUT:-/out}/shard-$index
args=(grade-batch "${NEURO_SUBMISSIONS:-/submissions}" --week "$NEURO_WEEK" --out "$out" --shard "$index/$count" --progress plain)
[ -n "${NEURO_WORKERS:-}" ] && args+=(--workers "$NEURO_WORKERS")
run "${grader[@]}" "${args[@]}"
