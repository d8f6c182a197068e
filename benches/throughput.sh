#!/usr/bin/env bash
# Indexing throughput of scrutiny's `index` against the lean reference indexer
# (../shared/tools/limit-bench) on the same corpus, in the same run.
#
#   benches/throughput.sh CORPUS [COPIES] [ROUNDS]
#
# COPIES (default 1) replicates CORPUS that many times under a temp folder first, so that a
# small corpus is big enough to time. ROUNDS (default 5) runs the two indexers alternately that
# many times and reports the median of each: on shared machines one round can be off by a third.
# Both figures are each indexer's own timing of the same span, from the start of the walk to the
# last commit and merge (leaving out process start-up and limit-bench's query timings). Absolute
# MB/s drift; the ratio is what to quote.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
copies=${2:-1}
rounds=${3:-5}
limit_bench="$here/../shared/tools/limit-bench/run.sh"
[ -x "$limit_bench" ] || { echo "no $limit_bench: the reference indexer is on the project's machines only" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$copies" -gt 1 ]; then
    for i in $(seq 1 "$copies"); do cp -r "$corpus" "$work/copy-$i"; done
    corpus="$work"
fi
bytes=$(find "$corpus" -type f \( -name '*.txt' -o -name '*.md' \) -not -path '*/.*' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "corpus: $corpus ($copies copies, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}') MB of .txt/.md), $rounds rounds"

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
# Cargo builds where CARGO_TARGET_DIR says, when it is set.
scrutiny="${CARGO_TARGET_DIR:-$here/target}/release/scrutiny"
for round in $(seq 1 "$rounds"); do
    "$limit_bench" "$corpus" "$work/limit-index" | sed -n 's/.*= \([0-9.]*\) MB\/s.*/\1/p' >> "$work/limit.mbs"
    rm -rf "$work/our-index"
    "$scrutiny" index "$corpus" --index "$work/our-index" \
        | sed -n 's/.* at \([0-9.]*\) MB\/s.*/\1/p' >> "$work/our.mbs"
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ref=$(median "$work/limit.mbs")
ours=$(median "$work/our.mbs")
echo "limit-bench: $ref MB/s (median; rounds: $(paste -sd' ' "$work/limit.mbs"))"
echo "scrutiny:    $ours MB/s (median; rounds: $(paste -sd' ' "$work/our.mbs"))"
awk -v o="$ours" -v r="$ref" 'BEGIN {printf "ratio:       %.2f\n", o/r}'
