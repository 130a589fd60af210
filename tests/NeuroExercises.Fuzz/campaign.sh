#!/usr/bin/env bash
# Fuzzes every reader in turn: tests/NeuroExercises.Fuzz/campaign.sh [seconds per reader, default 600]
# Each reader's findings land in artifacts/fuzz/<reader>/afl; fuzzer_stats there has run_time, execs_done, saved_crashes.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for reader in mat npz pth idx npy cifar; do
  "$here/fuzz.sh" "$reader" "${1:-600}"
done
