#!/usr/bin/env bash
# Grade a class on a Slurm cluster: N array tasks each grade one shard, then one dependent job merges them.
#   sbatch --array=1-8 deploy/slurm-array.sh /scratch/course/week1-submissions task-driven-rnn /scratch/course/week1-out
# then, when the array is done (or chain it: sbatch --dependency=afterok:<array job id> ...):
#   neuro-grader merge /scratch/course/week1-out/shard-* --out /scratch/course/week1-out/merged
# Each task runs the grader from a checkout set up with ./setup.sh on a shared file system (or the .NET tool:
# set GRADER="neuro-grader"), with --workers = the CPUs Slurm gave it.
#SBATCH --job-name=neuro-grade
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=01:00:00
#SBATCH --output=neuro-grade-%A_%a.log
set -euo pipefail
submissions=${1:?usage: sbatch --array=1-N slurm-array.sh SUBMISSIONS WEEK OUT}
week=${2:?week id}
out=${3:?output root}
count=${SLURM_ARRAY_TASK_COUNT:?run as an array job: sbatch --array=1-N}
index=${SLURM_ARRAY_TASK_ID:?run as an array job}
kit=${NEURO_KIT:-$(cd "$(dirname "$0")/.." && pwd)}
read -r -a grader <<< "${GRADER:-dotnet $kit/grader/NeuroExercises.Grader/bin/Release/net10.0/NeuroExercises.Grader.dll}"
# Two tasks on one node must not share sandbox uids: give each task its own slot range.
slot_base=$(( (index - 1) % 8 * ${SLURM_CPUS_PER_TASK:-4} ))
"${grader[@]}" grade-batch "$submissions" --week "$week" --out "$out/shard-$index" --shard "$index/$count" \
  --workers "${SLURM_CPUS_PER_TASK:-4}" --slot-base "$slot_base" --progress plain
