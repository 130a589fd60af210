#!/usr/bin/env bash
# Benchmark of grade-batch (not a test): generates N week-1 submissions — copies of the solutions, the stubs, the bundled
# sample and each mutant of grader/weeks/Week01.TaskDrivenRnn/mutants.json applied to the solutions (as the 'mutants'
# command does) — and grades them with a fresh compile cache; prints the grader's summary, the per-submission seconds,
# the workers' utilisation, the grader's peak RSS (and its RSS over the run), and the load average.
#   tools/bench-batch.sh [N=100] [WORKERS=cores]        BENCH_UNIQUE=1: every submission distinct (no compile-cache hits)
#   BENCH_ARGS="--no-compile-server": extra grade-batch options (e.g. a fresh compile child per submission, for comparison)
# Needs ./setup.sh done. Leaves everything in a temp folder it names.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-100}
workers=${2:-$(nproc)}
work=$(mktemp -d /tmp/neuro-bench-batch-XXXXXX)
echo "bench-batch: $n submissions, $workers workers, in $work"
echo "bench-batch: load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

python3 - "$root" "$work/class" "$n" "${BENCH_UNIQUE:-0}" <<'PY'
import json, os, shutil, sys
root, out, n, unique = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
week = "Week01.TaskDrivenRnn"
sol = f"{root}/solutions/NeuroExercises.{week}"
stub = f"{root}/exercises/NeuroExercises.{week}"
sample = f"{root}/grader/samples/task-driven-rnn"
mutants = json.load(open(f"{root}/grader/weeks/{week}/mutants.json"))["mutants"]
def sources(folder):
    return {f: open(os.path.join(folder, f), encoding="utf-8").read() for f in sorted(os.listdir(folder)) if f.endswith(".cs")}
base = sources(sol)
kinds = []
for i in range(n):  # 40 % solutions, 20 % stubs, 10 % sample, 30 % mutants (cycled)
    r = i % 10
    kinds.append("solution" if r < 4 else "stub" if r < 6 else "sample" if r < 7 else "mutant")
m = 0
counts = {}
for i, kind in enumerate(kinds):
    if kind == "solution": files, name = dict(base), "solution"
    elif kind == "stub": files, name = sources(stub), "stub"
    elif kind == "sample": files, name = sources(sample), "sample"
    else:
        mut = mutants[m % len(mutants)]; m += 1
        files = dict(base)
        text = files[mut["file"]]
        assert mut["find"] in text, mut["name"]
        files[mut["file"]] = text.replace(mut["find"], mut["replace"], 1)
        name = "mutant-" + mut["name"]
    counts[kind] = counts.get(kind, 0) + 1
    d = os.path.join(out, f"s{i:03d}-{name}")
    os.makedirs(d)
    for f, t in files.items():
        if unique and f == sorted(files)[0]:
            t += f"\n// submission {i}\n"
        open(os.path.join(d, f), "w", encoding="utf-8").write(t)
print("bench-batch: generated", ", ".join(f"{v} {k}" for k, v in counts.items()), "(distinct contents only where noted)" if not unique else "(every one distinct)")
PY

dll="$root/grader/NeuroExercises.Grader/bin/Debug/net10.0/NeuroExercises.Grader.dll"
[ -f "$dll" ] || { echo "bench-batch: $dll is missing: run ./setup.sh first" >&2; exit 1; }
export NEURO_COMPILE_CACHE="$work/compile-cache"
start=$(date +%s.%N)
dotnet exec "$dll" grade-batch "$work/class" --week task-driven-rnn --out "$work/out" --workers "$workers" --progress plain --no-feedback ${BENCH_ARGS:-} \
  > "$work/grader.log" 2>&1 &
pid=$!
: > "$work/rss.txt"
loads=()
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(date +%s) $rss" >> "$work/rss.txt"
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  sleep 2
done
wait "$pid" && rc=0 || rc=$?
end=$(date +%s.%N)
tail -4 "$work/grader.log"
echo "bench-batch: grade-batch exit $rc, wall $(python3 -c "print(round($end - $start, 1))") s"
python3 - "$work" "${loads[@]}" <<'PY'
import glob, json, statistics, sys
work, loads = sys.argv[1], [float(x) for x in sys.argv[2:]]
recs = [json.load(open(f)) for f in glob.glob(f"{work}/out/submissions/*/record.json")]
secs = sorted(r["seconds"] for r in recs)
by = {}
for r in recs:
    kind = r["id"].split("-", 1)[1].split("-")[0]
    by.setdefault(kind, []).append(r["seconds"])
print(f"bench-batch: per-submission seconds (one worker's wall time): mean {statistics.mean(secs):.1f}, median {statistics.median(secs):.1f}, "
      f"p90 {secs[int(0.9 * (len(secs) - 1))]:.1f}, max {secs[-1]:.1f}; by kind: " + ", ".join(f"{k} {statistics.mean(v):.1f}" for k, v in sorted(by.items())))
statuses = {}
for r in recs: statuses[r["status"]] = statuses.get(r["status"], 0) + 1
print("bench-batch: statuses", statuses)
rss = [int(l.split()[1]) for l in open(f"{work}/rss.txt") if l.strip()]
if rss:
    q = max(1, len(rss) // 4)
    print(f"bench-batch: grader RSS peak {max(rss) / 1024:.0f} MB (sampled every 2 s); mean first quarter {statistics.mean(rss[:q]) / 1024:.0f} MB, last quarter {statistics.mean(rss[-q:]) / 1024:.0f} MB")
if loads:
    print(f"bench-batch: 1-minute load average during the run: mean {statistics.mean(loads):.1f}, min {min(loads):.1f}, max {max(loads):.1f}")
PY
echo "bench-batch: load average after: $(cut -d' ' -f1-3 /proc/loadavg); outputs in $work"
