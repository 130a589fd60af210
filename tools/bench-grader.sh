#!/usr/bin/env bash
# Grader benchmark (not a test): wall time of one week-1 grade, cold (empty compile cache, first run after build) and
# warm (same submission again), with the full sandbox and with --sandbox none; the grade's own breakdown (compile, child
# start + load, checks, judge); and a submission whose module initializer never returns. Run on a quiet machine:
#   ./setup.sh && tools/bench-grader.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
grader=grader/NeuroExercises.Grader/bin/Debug/net10.0/NeuroExercises.Grader.dll
[ -f "$grader" ] || { echo "build first: ./setup.sh"; exit 1; }
sample=grader/samples/task-driven-rnn
hang=tests/NeuroExercises.Grader.Tests/Hostile/Submissions/module-init-hang
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export NEURO_COMPILE_CACHE="$out/cache"
grade() { # grade FOLDER WEEK SANDBOX: prints "wall_s<TAB>score<TAB>breakdown"
  local start end line score
  start=$(date +%s.%N)
  line=$(dotnet "$grader" grade "$1" --week "$2" --sandbox "$3" --out "$out/r.json" 2>&1 | grep -E '^(Time|Score)' | tr '\n' ' ')
  end=$(date +%s.%N)
  score=$(python3 -c "import json;d=json.load(open('$out/r.json'));print(f\"{d['score']:g}/{d['max_score']:g}\")")
  printf '%.2f\t%s\t%s\n' "$(echo "$end - $start" | bc)" "$score" "$line"
}
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'case\tsandbox\twall s\tscore\tbreakdown\n'
for sandbox in bwrap none; do
  for i in $(seq "$repeats"); do
    rm -rf "$NEURO_COMPILE_CACHE"
    printf 'cold\t%s\t%s\n' "$sandbox" "$(grade "$sample" task-driven-rnn "$sandbox")"
    printf 'warm\t%s\t%s\n' "$sandbox" "$(grade "$sample" task-driven-rnn "$sandbox")"
  done
done
# The looping module initializer needs the self-test week's API; it is graded against week 1's checks here: it compiles
# as long as it defines the namespace, so copy it next to week 1's stubs.
hangdir="$out/hang"; mkdir -p "$hangdir"
cp exercises/NeuroExercises.Week01.TaskDrivenRnn/*.cs "$hangdir"/
cat > "$hangdir/Hang.cs" <<'CS'
namespace NeuroExercises.Week01.TaskDrivenRnn;
internal static class Hang
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Forever() { while (true) { } }
}
CS
printf 'module-init-hang\tbwrap\t%s\n' "$(grade "$hangdir" task-driven-rnn bwrap)"
