#!/usr/bin/env bash
# crossgen.sh CROSSGEN2 REFS_FILE OUT_ROOT INPUT|ID|VERSION... : ReadyToRun images of the inputs, all at once (one crossgen2
# per input, in parallel), each written to OUT_ROOT/ID/VERSION/<name>.dll through a .tmp file (a half-written image is
# never used). REFS_FILE lists the reference assemblies, one path a line. Called by r2r.csproj.
set -euo pipefail
crossgen2=$1 refs=$2 out=$3; shift 3
args=(--targetos linux --targetarch x64 -O)
while IFS= read -r r; do [ -n "$r" ] && args+=(-r "$r"); done < "$refs"
pids=()
for spec in "$@"; do
  IFS='|' read -r input id version <<< "$spec"
  dir="$out/$id/$version"; name=$(basename "$input"); mkdir -p "$dir"
  ( "$crossgen2" "$input" -o "$dir/$name.tmp" "${args[@]}" > "$dir/$name.log" 2>&1 && mv -f "$dir/$name.tmp" "$dir/$name" \
    || { echo "r2r: crossgen2 failed on $input (see $dir/$name.log); the IL file stays in use" >&2; exit 1; } ) &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
