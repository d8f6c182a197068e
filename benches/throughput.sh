#!/usr/bin/env bash
# Times whole processes: scrutiny's `index` against the lean reference indexer
# (../shared/tools/limit-bench) on the same corpus, in the same run, and prints the ratio.
#
#   benches/throughput.sh CORPUS [COPIES]
#
# COPIES (default 1) replicates CORPUS that many times under a temp folder first, so that a
# small corpus is big enough to time. Absolute MB/s on shared machines drift; the ratio is what
# to quote.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
copies=${2:-1}
limit_bench="$here/../shared/tools/limit-bench/run.sh"
[ -x "$limit_bench" ] || { echo "no $limit_bench: the reference indexer is on the project's machines only" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$copies" -gt 1 ]; then
    for i in $(seq 1 "$copies"); do cp -r "$corpus" "$work/copy-$i"; done
    corpus="$work"
fi
bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) -not -path '*/.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "corpus: $corpus ($copies copies, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}') MB of .txt/.md)"

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
"$limit_bench" "$corpus" "$work/limit-index" > "$work/limit.out"
ref=$(sed -n 's/.*= \([0-9.]*\) MB\/s.*/\1/p' "$work/limit.out")

start=$(date +%s.%N)
"$here/target/release/scrutiny" index "$corpus" --index "$work/our-index" --quiet
end=$(date +%s.%N)
ours=$(awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN {printf "%.1f", b/1e6/(e-s)}')

echo "limit-bench: $ref MB/s ($(head -1 "$work/limit.out"))"
echo "scrutiny:    $ours MB/s (whole process)"
awk -v o="$ours" -v r="$ref" 'BEGIN {printf "ratio:       %.2f\n", o/r}'
