#!/usr/bin/env bash
# Times taizhang against pandoc on the seed plan, in one run on the same files, and writes
# BENCHMARKS.md at the repository root with the machine, the commands and the figures.
#
#   bash bench/compare.sh            # everything (a few minutes on 2 cores)
#   bash bench/compare.sh --scale    # and the scale table: 111 to 111,000 rows (~10 more)
#   QUICK=1 bash bench/compare.sh    # fewer runs, 100 batch copies: a smoke test
#   SCALE_SIZES="111 111000" …       # the scale table's sizes (QUICK=1 leaves out 111,000)
#
# Ratios are computed against the baseline measured in the same run, never against a
# remembered figure. Needs: cargo, python3, and (installed when missing: from the
# distribution as root, or with pip) pandoc, hyperfine, GNU time, python-docx, docx2python.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT_MD=${OUT_MD:-$ROOT/BENCHMARKS.md}
QUICK=${QUICK:-0}
SCALE=0
for arg in "$@"; do
    case $arg in
        --scale) SCALE=1 ;;
        *) echo "usage: bash bench/compare.sh [--scale]" >&2; exit 2 ;;
    esac
done
SEED=fixtures/seed/plan-2020.docx
SEED_TXT=fixtures/seed/plan-2020.txt
CORPUS=${TAIZHANG_CORPUS_DIR:-../shared/corpus/docx}
if [ "$QUICK" = 1 ]; then
    COPIES=100 RUNS=10 BATCH_RUNS=1 ROUNDS=5
else
    COPIES=500 RUNS=40 BATCH_RUNS=3 ROUNDS=7
fi

log() { printf '== %s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------
need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The Python libraries a plan table is otherwise read with.
for lib in python-docx:docx docx2python:docx2python; do
    if ! python3 -c "import ${lib#*:}" 2>/dev/null; then
        log "installing ${lib%%:*}"
        python3 -m pip install -q "${lib%%:*}" 2>/dev/null \
            || python3 -m pip install -q --break-system-packages "${lib%%:*}"
    fi
done

log "building taizhang (release)"
cargo build --release --locked -p taizhang 2>&1 | tail -n 1 >&2 || cargo build --release -p taizhang
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN=$TARGET_DIR/release/taizhang
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
cargo build --release --locked -p taizhang --example floor 2>&1 | tail -n 1 >&2
FLOOR=$TARGET_DIR/release/examples/floor

WORK=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- helpers ---------------------------------------------------------------------------
# hyperfine CSV: command,mean,stddev,median,user,system,min,max (seconds). Every figure is
# a median: on a shared machine another tenant's burst lands on a few runs, and moves a mean
# (and the ratio of two means) far more than a median.
csv_field() { # file row(1-based, after the header) column
    awk -F, -v r="$2" -v c="$3" 'NR == r + 1 { print $c }' "$1"
}
ms() { awk -v s="$1" 'BEGIN { printf "%.2f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
# Peak RSS in MiB of a command, by GNU time; the command's own output is discarded.
peak_rss() {
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.txt"
}
exit_of() { "$@" >/dev/null 2>&1 && echo 0 || echo $?; }

# --- machine ---------------------------------------------------------------------------
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
NPROC=$(nproc)
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
OS=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)
COMMIT=${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
PANDOC_VERSION=$(pandoc --version | head -n 1)
HYPERFINE_VERSION=$(hyperfine --version)
SEED_BYTES=$(wc -c <"$SEED")

# --- 1. one file: taizhang parse / read vs pandoc, python-docx, docx2python, the floor ---
log "seed: pandoc, python-docx, docx2python, the floor vs taizhang parse / read"
hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$WORK/seed.csv" \
    "pandoc -t json $SEED -o /dev/null" \
    "$BIN parse $SEED -o /dev/null" \
    "$BIN read $SEED" \
    "$BIN --version" \
    "$FLOOR $SEED" \
    "python3 bench/peers.py python-docx $SEED" \
    "python3 bench/peers.py docx2python $SEED" >&2
PANDOC_S=$(csv_field "$WORK/seed.csv" 1 4)
PARSE_S=$(csv_field "$WORK/seed.csv" 2 4)
READ_S=$(csv_field "$WORK/seed.csv" 3 4)
START_S=$(csv_field "$WORK/seed.csv" 4 4)
PARSE_RATIO=$(ratio "$PANDOC_S" "$PARSE_S")
READ_RATIO=$(ratio "$PANDOC_S" "$READ_S")
PARSE_OK=$(awk -v p="$PARSE_S" -v b="$PANDOC_S" 'BEGIN { print (b / p >= 30) ? "met" : "MISSED" }')
FLOOR_S=$(csv_field "$WORK/seed.csv" 5 4)
PYDOCX_S=$(csv_field "$WORK/seed.csv" 6 4)
D2P_S=$(csv_field "$WORK/seed.csv" 7 4)
FLOOR_RATIO=$(awk -v a="$PARSE_S" -v b="$FLOOR_S" 'BEGIN { printf "%.2f", a / b }')
FLOOR_OK=$(awk -v r="$FLOOR_RATIO" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
PYDOCX_RATIO=$(ratio "$PYDOCX_S" "$PARSE_S")
D2P_RATIO=$(ratio "$D2P_S" "$PARSE_S")

# The seed's .doc (the same table) against its .docx: the .doc reader's target is ≤ 2×.
SEED_DOC=fixtures/doc/plan-2020.doc
hyperfine -N --warmup 3 --runs "$RUNS" --export-csv "$WORK/doc.csv" \
    "$BIN parse $SEED -o /dev/null" "$BIN parse $SEED_DOC -o /dev/null" >&2
DOC_S=$(csv_field "$WORK/doc.csv" 2 4)
DOC_RATIO=$(awk -v a="$DOC_S" -v b="$(csv_field "$WORK/doc.csv" 1 4)" 'BEGIN { printf "%.2f", a / b }')
DOC_OK=$(awk -v r="$DOC_RATIO" 'BEGIN { print (r <= 2) ? "met" : "MISSED" }')

# The same pipeline with a warm process: what a batch pays per file once started.
PARSE_ITEMS=$("$BIN" parse --compact "$SEED" | grep -o '"id":"r[0-9]*"' | wc -l)

# --- 2. quantities lines/s on one core -------------------------------------------------
# The seed's sentences: every paragraph of every cell of the .txt export (a cell starts
# with a TAB; continuation lines are further paragraphs), repeated to ~200,000 lines so
# the process start is noise.
sed -e 's/^ *\t//' -e 's/\r$//' "$SEED_TXT" | grep -v '^[[:space:]]*$' >"$WORK/sentences.txt"
SENTENCES=$(wc -l <"$WORK/sentences.txt")
REPEAT=$(( (200000 + SENTENCES - 1) / SENTENCES ))
for _ in $(seq "$REPEAT"); do cat "$WORK/sentences.txt"; done >"$WORK/lines.txt"
LINES=$(wc -l <"$WORK/lines.txt")
log "quantities: $LINES lines on one core"
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
hyperfine --warmup 1 --runs "$(( RUNS / 4 + 2 ))" --export-csv "$WORK/quantities.csv" \
    "$PIN $BIN quantities < $WORK/lines.txt > /dev/null" \
    "$PIN $BIN quantities < $WORK/sentences.txt > /dev/null" \
    "echo 1个 | $PIN $BIN quantities > /dev/null" >&2
Q_S=$(csv_field "$WORK/quantities.csv" 1 4)
Q_ONE_S=$(csv_field "$WORK/quantities.csv" 3 4)
Q_RATE=$(awk -v n="$LINES" -v s="$Q_S" 'BEGIN { printf "%.0f", n / s }')
Q_OK=$(awk -v r="$Q_RATE" 'BEGIN { print (r >= 200000) ? "met" : "MISSED" }')
Q_FOUND=$("$BIN" quantities <"$WORK/sentences.txt" | grep -o '"start":' | wc -l)

# --- 2b. what loading jieba costs -------------------------------------------------------
# `parse` and `quantities` load no dictionary; `diff` segments words with jieba, loaded once
# per process on first use. Its cost: a diff minus the two parses it does (-i: diff exits 1
# when the plans differ, as diff(1) does).
V1=fixtures/revision/plan-2020-v1.txt
V2=fixtures/revision/plan-2020-v2.txt
log "diff vs the two parses it contains"
hyperfine -N -i --warmup 2 --runs "$(( RUNS / 2 + 2 ))" --export-csv "$WORK/diff.csv" \
    "$BIN diff $V1 $V2" \
    "$BIN parse $V1 -o /dev/null" \
    "$BIN parse $V2 -o /dev/null" >&2 || true
DIFF_S=$(csv_field "$WORK/diff.csv" 1 4)
DIFF_PARSES_S=$(awk -v a="$(csv_field "$WORK/diff.csv" 2 4)" -v b="$(csv_field "$WORK/diff.csv" 3 4)" \
    'BEGIN { print a + b }')
DIFF_EXTRA_S=$(awk -v d="$DIFF_S" -v p="$DIFF_PARSES_S" 'BEGIN { print d - p }')
DIFF_RATIO=$(awk -v d="$DIFF_S" -v p="$DIFF_PARSES_S" 'BEGIN { printf "%.2f", d / p }')
DIFF_OK=$(awk -v r="$DIFF_RATIO" 'BEGIN { print (r <= 3) ? "met" : "MISSED" }')

# --- 3. batch: copies of the seed, -j 1 vs all threads ---------------------------------
# In rounds: each round times -j 1 and -j N back to back ($BATCH_RUNS runs each, medians) and
# gives one ratio; the figure is the median of the rounds' ratios, with their spread. Another
# tenant's burst then spoils a round, not the figure.
log "batch: $COPIES copies, -j 1 vs -j $NPROC, $ROUNDS rounds"
mkdir -p "$WORK/batch"
for i in $(seq -w 1 "$COPIES"); do cp "$SEED" "$WORK/batch/plan-$i.docx"; done
: >"$WORK/rounds.txt"
for r in $(seq "$ROUNDS"); do
    hyperfine -N --warmup 1 --runs "$BATCH_RUNS" --export-csv "$WORK/batch.csv" \
        --prepare "rm -rf $WORK/out" \
        "$BIN parse -j 1 --out-dir $WORK/out $WORK/batch" \
        "$BIN parse -j $NPROC --out-dir $WORK/out $WORK/batch" >/dev/null 2>&1
    echo "$(csv_field "$WORK/batch.csv" 1 4) $(csv_field "$WORK/batch.csv" 2 4)" >>"$WORK/rounds.txt"
    log "round $r: $(tail -n 1 "$WORK/rounds.txt")"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
B1_S=$(awk '{ print $1 }' "$WORK/rounds.txt" | median)
BN_S=$(awk '{ print $2 }' "$WORK/rounds.txt" | median)
SPEEDUP=$(awk '{ print $1 / $2 }' "$WORK/rounds.txt" | median | awk '{ printf "%.2f", $1 }')
SPEEDUP_SPREAD=$(awk '{ r = $1 / $2; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r }
    END { printf "%.2f–%.2f", lo, hi }' "$WORK/rounds.txt")
SPEEDUP_ALL=$(awk '{ printf "%s%.2f", (NR > 1) ? ", " : "", $1 / $2 }' "$WORK/rounds.txt")
SPEEDUP_OK=$(awk -v s="$SPEEDUP" -v n="$NPROC" 'BEGIN {
    if (n < 2) print "n/a (one core)"; else print (s >= 1.85) ? "met" : "MISSED" }')
BATCH_FILES_S=$(awk -v n="$COPIES" -v s="$BN_S" 'BEGIN { printf "%.0f", n / s }')
rm -rf "$WORK/out"
BATCH_EXIT=$(exit_of "$BIN" parse -j "$NPROC" --out-dir "$WORK/out" "$WORK/batch")
BATCH_OUTPUTS=$(find "$WORK/out" -name '*.json' | wc -l)
# JSON Lines to stdout: the same files streamed in path order.
JSONL_LINES=$("$BIN" parse -j "$NPROC" "$WORK/batch" 2>/dev/null | wc -l)

# --- 4. peak memory ---------------------------------------------------------------------
log "peak RSS"
RSS_PANDOC=$(peak_rss pandoc -t json "$SEED" -o /dev/null)
RSS_SEED=$(peak_rss "$BIN" parse "$SEED" -o /dev/null)
mkdir -p "$WORK/batch10"
for i in $(seq -w 1 10); do cp "$SEED" "$WORK/batch10/plan-$i.docx"; done
rm -rf "$WORK/out"
RSS_B10=$(peak_rss "$BIN" parse -j "$NPROC" --out-dir "$WORK/out" "$WORK/batch10")
rm -rf "$WORK/out"
RSS_BATCH=$(peak_rss "$BIN" parse -j "$NPROC" --out-dir "$WORK/out" "$WORK/batch")
RSS_JSONL=$(peak_rss "$BIN" parse -j "$NPROC" "$WORK/batch")
RSS_OK=$(awk -v a="$RSS_SEED" 'BEGIN { print (a < 50) ? "met" : "MISSED" }')
FLAT_OK=$(awk -v a="$RSS_B10" -v b="$RSS_BATCH" -v c="$RSS_JSONL" 'BEGIN {
    m = (b > c) ? b : c; print (m < 1.5 * a + 8) ? "met" : "MISSED" }')

# --- 5. the shared docx corpus plus the seed copies, in one batch -----------------------
CORPUS_ROW="(corpus not found at $CORPUS)"
CORPUS_REASONS=""
CORPUS_CHECKS=""
if [ -d "$CORPUS" ]; then
    log "corpus + $COPIES copies: $CORPUS"
    rm -rf "$WORK/corpus-out"
    start=$(date +%s.%N)
    set +e
    "$BIN" parse -j "$NPROC" --out-dir "$WORK/corpus-out" "$CORPUS" "$WORK/batch" \
        >/dev/null 2>"$WORK/corpus.err"
    CORPUS_EXIT=$?
    set -e
    end=$(date +%s.%N)
    CORPUS_S=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    CORPUS_SUMMARY=$(grep -m 1 '^taizhang parse:' "$WORK/corpus.err" || echo "(no summary)")
    CORPUS_PANICS=$(grep -c 'panicked' "$WORK/corpus.err" || true)
    # The summary must agree with what happened: as many JSON files as it says converted,
    # as many reasons listed as it says failed, and every seed copy among the converted.
    SAID_CONVERTED=$(sed -n 's/^taizhang parse: converted \([0-9]*\),.*/\1/p' <<<"$CORPUS_SUMMARY")
    SAID_FAILED=$(sed -n 's/^taizhang parse: converted [0-9]*, failed \([0-9]*\).*/\1/p' <<<"$CORPUS_SUMMARY")
    WRITTEN=$(find "$WORK/corpus-out" -name '*.json' | wc -l)
    LISTED=$(grep -c '^  failed: ' "$WORK/corpus.err" || true)
    COPIES_WRITTEN=$(find "$WORK/corpus-out" -name 'plan-*.json' | wc -l)
    if [ "$SAID_CONVERTED" = "$WRITTEN" ] && [ "$SAID_FAILED" = "$LISTED" ] \
        && [ "$COPIES_WRITTEN" = "$COPIES" ] && [ "$CORPUS_EXIT" = 2 ]; then
        SUMMARY_OK=met
    else
        SUMMARY_OK=MISSED
    fi
    CORPUS_CHECKS="Summary checks ($SUMMARY_OK): $WRITTEN JSON files written for $SAID_CONVERTED said converted \
($COPIES_WRITTEN of the $COPIES seed copies among them), $LISTED reasons listed for $SAID_FAILED said \
failed, exit $CORPUS_EXIT (2: some failed)."
    CORPUS_RSS=$(rm -rf "$WORK/corpus-out" \
        && peak_rss "$BIN" parse -j "$NPROC" --out-dir "$WORK/corpus-out" "$CORPUS" "$WORK/batch")
    CORPUS_ROW="\`$CORPUS_SUMMARY\` — exit $CORPUS_EXIT, ${CORPUS_S} s, peak RSS $CORPUS_RSS MiB, panics: $CORPUS_PANICS"
    # The reasons, grouped: the text after the file name, numbers folded so that "none of
    # the 3 tables" and "none of the 4 tables" count together.
    CORPUS_REASONS=$(grep '^  failed: ' "$WORK/corpus.err" \
        | sed -e 's/^  failed: //' -e 's/^[^:]*\.[A-Za-z]*: //' -e 's/[0-9][0-9]*/N/g' \
        | sed -e 's/ (.*//' | sort | uniq -c | sort -rn | head -n 8 \
        | awk '{ n = $1; $1 = ""; printf "| %d | %s |\n", n, substr($0, 2) }')
fi

# --- 6. scale: the seed's rows repeated, 111 to 111,000 rows ----------------------------
# bench/scale.py writes, per size, the plan (the seed's body rows repeated as they are: every
# row has exact twins) and a revision of it with twelve edits. Each command is timed by
# hyperfine (medians; a single run at the largest size) and its peak RSS taken by GNU time in
# one more run. Per-row figures show whether cost grows linearly.
SCALE_ROWS=""
SCALE_NOTE=""
if [ "$SCALE" = 1 ]; then
    if [ "$QUICK" = 1 ]; then SIZES="111 1110 11100"; else SIZES="111 1110 11100 111000"; fi
    SIZES=${SCALE_SIZES:-$SIZES}
    SCALE_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
    timed() { # runs label command...: median seconds of the command
        local runs=$1 label=$2
        shift 2
        hyperfine -N -i --warmup 0 --runs "$runs" --export-csv "$WORK/scale-$label.csv" \
            --prepare "rm -rf $WORK/export" "$*" >/dev/null 2>&1 || true
        csv_field "$WORK/scale-$label.csv" 1 4
    }
    for n in $SIZES; do
        log "scale: $n rows"
        python3 bench/scale.py "$SEED_TXT" "$n" "$WORK/old-$n.txt" "$WORK/new-$n.txt"
        if [ "$n" -ge 100000 ]; then R=1; elif [ "$n" -ge 10000 ]; then R=3; else R=10; fi
        OLD=$WORK/old-$n.txt NEW=$WORK/new-$n.txt
        # 111,000 rows of the cell-per-line .txt could make ~1.5 M cells: over the default limit.
        MC="--max-cells 2000000"
        P_S=$(timed "$R" parse "$BIN" parse $MC "$OLD" -o /dev/null)
        P_RSS=$(peak_rss "$BIN" parse $MC "$OLD" -o /dev/null)
        C_S=$(timed "$R" check "$BIN" check $MC "$OLD")
        D_S=$(timed "$R" diff "$BIN" diff $MC "$OLD" "$NEW" --format json -o "$WORK/diff-$n.json")
        D_RSS=$(peak_rss "$BIN" diff $MC "$OLD" "$NEW" --format json -o "$WORK/diff-$n.json")
        "$BIN" diff $MC "$OLD" "$NEW" --format json --compact -o "$WORK/diff-$n.json" || true
        D_FOUND=$(grep -o '"kind":"[a-z]*"' "$WORK/diff-$n.json" | sort | uniq -c \
            | awk '{ sub(/"kind":/, "", $2); gsub(/"/, "", $2); printf "%s%s %d", (NR > 1) ? ", " : "", $2, $1 }')
        E_CSV=$(timed "$R" csv "$BIN" export $MC "$OLD" --to csv -o "$WORK/export")
        E_XLSX=$(timed "$R" xlsx "$BIN" export $MC "$OLD" --to xlsx -o "$WORK/export")
        E_SQL=$(timed "$R" sqlite "$BIN" export $MC "$OLD" --to sqlite -o "$WORK/export")
        rm -rf "$WORK/export"
        per_row() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", s * 1e6 / n }'; }
        kib_row() { awk -v m="$1" -v n="$2" -v k="$3" 'BEGIN { printf "%.2f", m * 1024 / n / k }'; }
        SCALE_ROWS+="| $n | $(ms "$P_S") ($(per_row "$P_S" "$n")) | $P_RSS ($(kib_row "$P_RSS" "$n" 1)) \
| $(ms "$C_S") ($(per_row "$C_S" "$n")) | $(ms "$D_S") ($(per_row "$D_S" "$n")) \
| $D_RSS ($(kib_row "$D_RSS" "$n" 2)) | $D_FOUND | $(ms "$E_CSV") | $(ms "$E_XLSX") | $(ms "$E_SQL") |
"
        rm -f "$WORK/old-$n.txt" "$WORK/new-$n.txt" "$WORK/diff-$n.json"
    done
    SCALE_LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
    SCALE_NOTE="Load average (1, 5, 15 min) when the table started: $SCALE_LOAD_START; when it ended:
$SCALE_LOAD_END (2 cores: above 2, other work shared them and wall times grow with it).
Plans made by \`bench/scale.py\` from \`$SEED_TXT\` (the seed's rows repeated as they are,
and a revision with twelve edits: 7 modified, 2 removed, 2 added, 1 moved). Times are medians
of hyperfine's runs (10 below 10k rows, 3 at 11,100, 1 at 111,000), wall clock including
process start; in brackets µs per row. Peak RSS by GNU time, in brackets KiB per row (for
diff: per row of each side, both plans held). \"changes\" counts the kinds the diff reported."
fi

# --- report -----------------------------------------------------------------------------
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
cat >"$OUT_MD" <<EOF
# Benchmarks

Generated by \`bash bench/compare.sh\` (commit \`$COMMIT\`, $(date -u +%Y-%m-%d)); every ratio is
against the baseline measured in the same run. Times are medians of hyperfine's runs ($RUNS for
one file, $BATCH_RUNS for a batch): on a shared machine another tenant's burst lands on a few
runs, which moves a mean far more than a median. Re-run the script to refresh this file.

## Machine

| | |
|---|---|
| CPU | $CPU |
| cores (nproc) | $NPROC |
| memory | $MEM |
| OS | $OS |
| pandoc | $PANDOC_VERSION |
| hyperfine | $HYPERFINE_VERSION |
| load average (1, 5, 15 min), start / end of the run | $LOAD_START / $LOAD_END |

## Results

| what | figure | target | |
|---|---:|---|---|
| \`taizhang parse\` seed .docx ($SEED_BYTES bytes, $PARSE_ITEMS items), wall incl. process start | $(ms "$PARSE_S") ms | ≤ pandoc / 30 | $PARSE_OK |
| \`taizhang parse\` seed .doc (the same table, $(wc -c <"$SEED_DOC") bytes) | $(ms "$DOC_S") ms (${DOC_RATIO}× the .docx) | ≤ 2× | $DOC_OK |
| \`pandoc -t json\` same file (baseline) | $(ms "$PANDOC_S") ms | | |
| **parse speed-up over pandoc** | **${PARSE_RATIO}×** | ≥ 30× | $PARSE_OK |
| \`python3 bench/peers.py python-docx\` same file (every table cell's text) | $(ms "$PYDOCX_S") ms (**${PYDOCX_RATIO}×** parse) | | |
| \`python3 bench/peers.py docx2python\` same file | $(ms "$D2P_S") ms (**${D2P_RATIO}×** parse) | | |
| the floor: \`floor\` same file (inflate + tokenize, a whole process) | $(ms "$FLOOR_S") ms | | |
| **parse / floor** | **${FLOOR_RATIO}×** | ≤ 1.5× | $FLOOR_OK |
| \`taizhang read\` same file | $(ms "$READ_S") ms (${READ_RATIO}× pandoc) | | |
| process start (\`taizhang --version\`) | $(ms "$START_S") ms | | |
| \`taizhang quantities\`, one core, $LINES lines | **$Q_RATE lines/s** | ≥ 200,000 | $Q_OK |
| \`taizhang quantities\` on one line (start-up + any dictionary load) | $(ms "$Q_ONE_S") ms | | |
| \`taizhang diff\` v1 v2 (.txt revisions) | $(ms "$DIFF_S") ms | | |
| … of which beyond its two parses (alignment, word highlighting) | $(ms "$DIFF_EXTRA_S") ms | | |
| **diff / its two parses** | **${DIFF_RATIO}×** | ≤ 3× | $DIFF_OK |
| batch of $COPIES seed copies, \`-j 1\` (median of the rounds) | $(ms "$B1_S") ms | | |
| batch of $COPIES seed copies, \`-j $NPROC\` (median of the rounds) | $(ms "$BN_S") ms ($BATCH_FILES_S files/s) | | |
| **batch speed-up, $NPROC threads vs 1**, median of $ROUNDS rounds (spread) | **${SPEEDUP}×** ($SPEEDUP_SPREAD) | ≥ 1.85× on 2 cores | $SPEEDUP_OK |
| peak RSS, \`taizhang parse\` seed | $RSS_SEED MiB | < 50 MiB | $RSS_OK |
| peak RSS, \`pandoc -t json\` seed | $RSS_PANDOC MiB | | |
| peak RSS, batch of 10 / $COPIES (\`--out-dir\`) / $COPIES (JSON Lines) | $RSS_B10 / $RSS_BATCH / $RSS_JSONL MiB | flat | $FLAT_OK |

Batch rounds (-j 1 / -j $NPROC, each the median of $BATCH_RUNS runs): $SPEEDUP_ALL.

Batch checks: exit $BATCH_EXIT, $BATCH_OUTPUTS JSON files written for $COPIES inputs, $JSONL_LINES JSON
Lines streamed. The quantity extractor found $Q_FOUND quantities in the $SENTENCES sentences.

The shared docx corpus and the $COPIES seed copies in one batch
(\`taizhang parse -j $NPROC --out-dir … $CORPUS batch/\`): $CORPUS_ROW

$CORPUS_CHECKS

The corpus holds Word documents of every kind (test files of docx libraries, not plans), so
most of its files are refused with a reason; the most frequent reasons:

| files | reason |
|---:|---|
${CORPUS_REASONS:-| | (none) |}

$(if [ "$SCALE" = 1 ]; then cat <<SCALE_EOF
## Scale

$SCALE_NOTE

| rows | parse ms (µs/row) | parse peak MiB (KiB/row) | check ms (µs/row) | diff ms (µs/row) | diff peak MiB (KiB/row/side) | changes | export csv ms | xlsx ms | sqlite ms |
|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|
$SCALE_ROWS
SCALE_EOF
fi)

## Commands

\`\`\`sh
hyperfine -N --warmup 3 --runs $RUNS \\
  "pandoc -t json $SEED -o /dev/null" \\
  "taizhang parse $SEED -o /dev/null" \\
  "taizhang read $SEED" \\
  "taizhang --version" \\
  "floor $SEED" \\
  "python3 bench/peers.py python-docx $SEED" \\
  "python3 bench/peers.py docx2python $SEED"
# floor: crates/taizhang/examples/floor.rs (inflate word/document.xml, cut it into events)
hyperfine -N -i "taizhang diff $V1 $V2" "taizhang parse $V1 -o /dev/null" "taizhang parse $V2 -o /dev/null"
# sentences.txt: every cell paragraph of $SEED_TXT ($SENTENCES lines); lines.txt: it $REPEAT times
hyperfine "taskset -c 0 taizhang quantities < lines.txt > /dev/null"
hyperfine -N --prepare "rm -rf out" \\
  "taizhang parse -j 1 --out-dir out batch/" \\
  "taizhang parse -j $NPROC --out-dir out batch/"     # batch/: $COPIES copies of the seed
/usr/bin/time -v taizhang parse $SEED -o /dev/null     # "Maximum resident set size"
\`\`\`

Stage by stage (in-process, no start-up): \`cargo bench -p taizhang --bench pipeline\`
(criterion: read .docx/.txt/.xlsx in bytes/s, structure the table in rows/s, quantities over
the seed's goal and schedule texts in texts/s, \`Parser::new\`).
EOF
# A hand-written profile analysis, kept beside the script, goes at the end.
if [ -f "$ROOT/bench/analysis.md" ]; then
    { echo; cat "$ROOT/bench/analysis.md"; } >>"$OUT_MD"
fi
log "wrote $OUT_MD"
cat "$OUT_MD"
