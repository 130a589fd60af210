#!/usr/bin/env bash
# Runs AFL++ on one of Core's readers: tests/NeuroExercises.Fuzz/fuzz.sh <mat|npy|npz|idx|pth|cifar> [seconds]
# Needs Debian's afl++ (apt-get install afl++) and the local tool SharpFuzz.CommandLine (dotnet tool restore).
# Output: artifacts/fuzz/<reader>/afl (findings; git-ignored). Seeds: the fixtures listed in seeds/<reader>.txt.
# AFL_TIMEOUT_MS (default 5000) is the per-input limit; give pth more on a loaded machine.
set -euo pipefail
reader=${1:?usage: fuzz.sh <mat|npy|npz|idx|pth|cifar> [seconds]}
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/artifacts/fuzz/$reader"
bin="$work/bin"
mkdir -p "$work"

# A private, instrumented copy of the harness build (instrumenting rewrites the DLLs in place).
if [ ! -f "$bin/.instrumented" ]; then
  (cd "$root" && dotnet tool restore >/dev/null && dotnet build "$here" -c Release -o "$bin" -v q -nologo -clp:ErrorsOnly)
  for dll in NeuroExercises.Core.dll PureHDF.dll; do
    (cd "$root" && dotnet sharpfuzz "$bin/$dll")
  done
  touch "$bin/.instrumented"
fi

# Seeds: the fixtures named in seeds/<reader>.txt (paths relative to the repository root; ../shared is the shared folder).
seeds="$work/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
while read -r path; do
  [ -z "$path" ] || [ "${path#\#}" != "$path" ] && continue
  cp "$root/$path" "$seeds/"
done < "$here/seeds/$reader.txt"

export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1
resume=()
if [ -d "$work/afl/default/queue" ]; then resume=(-i -); else resume=(-i "$seeds"); fi
exec timeout --signal=INT "$seconds" afl-fuzz "${resume[@]}" -o "$work/afl" -t "${AFL_TIMEOUT_MS:-5000}" -m none -- dotnet "$bin/NeuroExercises.Fuzz.dll" "$reader"
