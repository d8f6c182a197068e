#!/usr/bin/env bash
# Archive scale, timed as whole processes on generated corpora of each SIZE:
#   - indexing: `scrutiny index CORPUS --quiet` against the lean reference indexer
#     (../shared/tools/limit-bench), alternately, ROUNDS times; MB/s from the median wall times;
#   - searching: `scrutiny search QUERY --limit 10` against ripgrep over the raw corpus, for a term,
#     a theme phrase and two words that must both occur; cold and warm (median of WARM runs);
#   - re-indexing the unchanged corpus into the same index against a full rebuild, alternately,
#     ROUNDS times;
# each with its wall time and peak resident memory (GNU time's "Maximum resident set size").
#
#   benches/scale.sh [SIZES...]                     default: 100MB 1GB
#   ROUNDS=5 MIX=moderngov-item benches/scale.sh 100MB
#
# Environment: ROUNDS (rounds of indexing and of re-indexing, default 3), WARM (warm search
# runs, default 5), SEED (default 1), MIX (realistic, or one layout of examples/generate.rs
# --only), SCALE_DIR (where corpora are kept, default /tmp/scale-bench), CARGO_TARGET_DIR and
# LIMIT_BENCH_TARGET (where the two are built). A corpus is generated once (examples/generate.rs) and reused while its .corpus.json is
# there; indexes go to a temporary folder that is removed at the end.
#
# Prints a Markdown table and writes it to target/scale-report.md. Cold runs follow
# `echo 3 > /proc/sys/vm/drop_caches` when this process may write it (as root); otherwise cold
# means the first run after the index was built, and the header says which.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rounds=${ROUNDS:-3}
warm=${WARM:-5}
seed=${SEED:-1}
mix=${MIX:-realistic}
scale_dir=${SCALE_DIR:-/tmp/scale-bench}
if [ $# -eq 0 ]; then set -- 100MB 1GB; fi

command -v rg > /dev/null || {
    echo "scale.sh: ripgrep (rg) is not installed; it is what search is compared with." >&2
    echo "  install it with: apt-get install -y ripgrep   (or: cargo install ripgrep)" >&2
    exit 2
}
[ -x /usr/bin/time ] || { echo "scale.sh: needs GNU time at /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
limit_dir="$here/../shared/tools/limit-bench"
[ -x "$limit_dir/run.sh" ] || { echo "scale.sh: no $limit_dir/run.sh: the reference indexer is on the project's machines only" >&2; exit 2; }

echo "building scrutiny, the generator and the reference indexer (release)" >&2
cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin scrutiny --example generate
target=${CARGO_TARGET_DIR:-$here/target}
scrutiny="$target/release/scrutiny"
generate="$target/release/examples/generate"
# run.sh builds limit-bench with this command and then execs the binary; the binary is timed
# directly so that cargo's up-to-date check is not counted against the reference.
limit_target=${LIMIT_BENCH_TARGET:-/tmp/limit-bench-target}
cargo build --release --quiet --manifest-path "$limit_dir/Cargo.toml" --target-dir "$limit_target"
limit_bench="$limit_target/release/limit-bench"

mkdir -p "$scale_dir"
work=$(mktemp -d "$scale_dir/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

if sync && (echo 3 > /proc/sys/vm/drop_caches) 2> /dev/null; then
    can_drop=yes
    cold_note="cold runs follow \`echo 3 > /proc/sys/vm/drop_caches\`"
else
    can_drop=no
    cold_note="page cache could not be dropped: cold is the first run after indexing"
fi
drop_caches() { if [ "$can_drop" = yes ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi; }

# timed OUT CMD...: runs CMD with stdout to OUT; sets $wall (seconds, from the shell's
# microsecond clock: GNU time rounds to 10 ms) and $rss (peak resident MB, from GNU time).
# Exit status 1 is "no match" for searches and allowed; any other failure stops the script.
timed() {
    local out=$1
    shift
    local start=$EPOCHREALTIME status=0
    /usr/bin/time -v -o "$work/time.txt" "$@" > "$out" 2> "$work/stderr.txt" || status=$?
    local end=$EPOCHREALTIME
    if [ "$status" -gt 1 ]; then
        echo "scale.sh: failed (status $status): $*" >&2
        cat "$work/stderr.txt" >&2
        exit 1
    fi
    wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
seconds() { awk -v s="$1" 'BEGIN {if (s < 1) printf "%.0f ms", s * 1000; else printf "%.1f s", s}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
manifest() { sed -n "s/^  \"$2\": \([0-9]*\),\$/\1/p" "$1/.corpus.json"; }

rows=()
corpora=()
timings=()
# Other work on a shared machine skews every figure: the report gives the load before and after.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for size in "$@"; do
    started=$SECONDS
    corpus="$scale_dir/corpus-$size-$mix-seed$seed"
    if [ -f "$corpus/.corpus.json" ]; then
        echo "[$size] reusing $corpus" >&2
    else
        rm -rf "$corpus"
        only=()
        if [ "$mix" != realistic ]; then only=(--only "$mix"); fi
        echo "[$size] generating $corpus" >&2
        "$generate" --size "$size" --seed "$seed" "${only[@]}" "$corpus" > "$work/generate.out"
        head -2 "$work/generate.out" >&2
    fi
    bytes=$(manifest "$corpus" bytes)
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
    label=$size
    corpora+=("$size = $mb MB, $(manifest "$corpus" files) files, $(manifest "$corpus" exchanges) exchanges")

    # Indexing: the two indexers alternately, so drift on a shared machine hits both alike.
    ref_walls=() ref_rss=() ref_own=() our_walls=() our_rss=()
    for round in $(seq 1 "$rounds"); do
        echo "[$size] index round $round of $rounds" >&2
        rm -rf "$work/ref-index"
        timed "$work/ref.out" "$limit_bench" "$corpus" "$work/ref-index"
        ref_walls+=("$wall") ref_rss+=("$rss")
        ref_own+=("$(sed -n 's/.*= \([0-9.]*\) MB\/s.*/\1/p' "$work/ref.out")")
        rm -rf "$work/our-index"
        timed /dev/null "$scrutiny" index "$corpus" --index "$work/our-index" --quiet
        our_walls+=("$wall") our_rss+=("$rss")
    done
    rm -rf "$work/ref-index"
    ref_wall=$(median "${ref_walls[@]}")
    our_wall=$(median "${our_walls[@]}")
    ref_mbs=$(awk -v m="$mb" -v s="$ref_wall" 'BEGIN {printf "%.1f", m / s}')
    our_mbs=$(awk -v m="$mb" -v s="$our_wall" 'BEGIN {printf "%.1f", m / s}')
    rows+=("| $label | index | $(seconds "$our_wall"), $our_mbs MB/s | limit-bench: $(seconds "$ref_wall"), $ref_mbs MB/s (its own indexing span: $(median "${ref_own[@]}") MB/s) | **$(ratio "$our_mbs" "$ref_mbs")** | >= 0.8 | $(maximum "${our_rss[@]}") MB | $(maximum "${ref_rss[@]}") MB |")

    # Searching: scrutiny on the index just built, ripgrep over the files. ripgrep reads every
    # byte for -c; for two words it lists the files with the first and searches those for the
    # second (-l stops reading a file at its first match).
    names=("term \`housing\`" "theme phrase \`\"mental health\"\`" "two words \`housing budget\`")
    ours=("housing" "\"mental health\"" "housing budget")
    theirs=("rg -i -c -F housing ." "rg -i -c -F 'mental health' ." "rg -i -l -F -0 housing . | xargs -0 -r rg -i -l -F budget")
    for i in 0 1 2; do
        echo "[$size] search: ${ours[$i]}" >&2
        search=("$scrutiny" search "${ours[$i]}" --index "$work/our-index" --limit 10)
        grep=(bash -c "cd '$corpus' && ${theirs[$i]}")
        drop_caches
        timed /dev/null "${search[@]}"
        our_cold=$wall our_cold_rss=$rss
        drop_caches
        timed /dev/null "${grep[@]}"
        rg_cold=$wall rg_cold_rss=$rss
        # One untimed run each first: the second cache drop evicted scrutiny's index again.
        "${search[@]}" > /dev/null 2>&1 || true
        "${grep[@]}" > /dev/null 2>&1 || true
        our_w=() our_r=() rg_w=() rg_r=()
        for _ in $(seq 1 "$warm"); do
            timed /dev/null "${search[@]}"
            our_w+=("$wall") our_r+=("$rss")
            timed /dev/null "${grep[@]}"
            rg_w+=("$wall") rg_r+=("$rss")
        done
        our_warm=$(median "${our_w[@]}")
        rg_warm=$(median "${rg_w[@]}")
        # A pipe in a Markdown table cell must be escaped.
        command="\`${theirs[$i]//|/\\|}\`"
        rows+=("| $label | search ${names[$i]}, cold | $(seconds "$our_cold") | $command: $(seconds "$rg_cold") | **$(ratio "$rg_cold" "$our_cold")x** | >= 20x at 1 GB | $our_cold_rss MB | $rg_cold_rss MB |")
        rows+=("| $label | search ${names[$i]}, warm (median of $warm) | $(seconds "$our_warm") | the same: $(seconds "$rg_warm") | **$(ratio "$rg_warm" "$our_warm")x** | >= 20x at 1 GB | $(maximum "${our_r[@]}") MB | $(maximum "${rg_r[@]}") MB |")
    done

    # Re-indexing the unchanged corpus into the index that holds it, against a rebuild (with
    # --rebuild where this scrutiny has it, else into a deleted index folder), alternately: one
    # run each is at the mercy of whatever else the machine is doing.
    if "$scrutiny" index --help | grep -q -- '--rebuild'; then
        how="\`index --rebuild\`"
        rebuild=("$scrutiny" index --rebuild "$corpus" --index "$work/our-index" --quiet)
    else
        how="index folder deleted first"
        rebuild=("$scrutiny" index "$corpus" --index "$work/our-index" --quiet)
    fi
    again_w=() again_r=() rebuild_w=() rebuild_r=()
    for round in $(seq 1 "$rounds"); do
        echo "[$size] re-index and rebuild, round $round of $rounds" >&2
        timed /dev/null "$scrutiny" index "$corpus" --index "$work/our-index" --quiet
        again_w+=("$wall") again_r+=("$rss")
        if [ "$how" = "index folder deleted first" ]; then rm -rf "$work/our-index"; fi
        timed /dev/null "${rebuild[@]}"
        rebuild_w+=("$wall") rebuild_r+=("$rss")
    done
    again=$(median "${again_w[@]}")
    rebuilt=$(median "${rebuild_w[@]}")
    rows+=("| $label | re-index of the unchanged corpus (median of $rounds) | $(seconds "$again") | full rebuild ($how): $(seconds "$rebuilt") | $(ratio "$again" "$rebuilt") | | $(maximum "${again_r[@]}") MB | $(maximum "${rebuild_r[@]}") MB |")
    rm -rf "$work/our-index"
    timings+=("$size: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s")
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
memory=$(free -g | awk '/^Mem:/ {print $2}')
{
    echo "Machine: $(nproc) cores ($cpu), ${memory} GB memory (free -g); load average" \
        "$load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; $cold_note;" \
        "scrutiny $(git -C "$here" rev-parse --short HEAD), $(rg --version | head -1), seed $seed," \
        "$mix mix, $rounds rounds; $(date -u +%Y-%m-%d)."
    echo
    echo "Corpora: $(printf '%s; ' "${corpora[@]}" | sed 's/; $//')."
    echo
    echo "Ratio: scrutiny's MB/s over the reference's for indexing; ripgrep's time over scrutiny's for"
    echo "search (how many times faster); re-index time over rebuild time."
    echo
    echo "| corpus | measure | scrutiny | compared with | ratio | target | peak RSS scrutiny | peak RSS other |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "scale.sh took (generating the corpus included when it was not cached):" \
        "$(printf '%s; ' "${timings[@]}" | sed 's/; $//')."
} | tee "$work/report.md"
mkdir -p "$here/target"
cp "$work/report.md" "$here/target/scale-report.md"
