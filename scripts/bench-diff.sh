#!/usr/bin/env bash
# `uclint diff` at scale (issue #23, docs/performance.md "uclint diff"): the mega BAT export
# against a copy with 1 % of its objects changed, next to one `uclint check` of the copy, with
# the `dist` build; RUNS alternating runs of each, then the medians and their ratio (the target:
# `diff` under 2 x `check`).
#
# The copy edits every hundredth row of `phone.csv` (one in three of those renamed, the others
# given another device CSS), `deviceprofile.csv` (another line CSS) and `enduser.csv` (another
# locale): `diff` then finds about 1 % of the objects added, removed or changed.
#
# Usage: scripts/bench-diff.sh [MEGA.tar]   (default: generate target/bench/mega_bat.tar)
# Environment: RUNS (default 7), BENCH_DIR (default target/bench/diff). Needs python3 and GNU
# time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-7}
dir=${BENCH_DIR:-target/bench/diff}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

echo "== cargo build --profile dist -p uclint -p uclint-synth" >&2
cargo build --quiet --profile dist -p uclint -p uclint-synth
uclint=$PWD/target/dist/uclint

old=${1:-}
if [ -z "$old" ]; then
  old=target/bench/mega_bat.tar
  if [ ! -f "$old" ]; then
    echo "== generating the mega BAT export" >&2
    target/dist/uclint-synth generate --form bat --size mega --output "$old"
  fi
fi
old=$(cd "$(dirname "$old")" && pwd)/$(basename "$old")
new=$dir/mega_bat_1pct.tar

echo "== writing $new" >&2
rm -rf "$dir/x" "$dir/y"
mkdir -p "$dir/x" "$dir/y"
tar -xf "$old" -C "$dir/x"
python3 - "$dir" <<'PY'
import csv, os, shutil, sys, tarfile
csv.field_size_limit(1 << 30)
os.chdir(sys.argv[1])

def edit(name, change):
    with open(f"x/{name}", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    for i, row in enumerate(rows[1:], 1):
        if i % 100 == 0 and len(row) == len(head):
            change(head, row, i)
    with open(f"y/{name}", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

def phone(head, row, i):
    if i % 300 == 0:
        row[head.index("Device Name")] += "X"  # renamed: one removed, one added
    else:
        row[head.index("CSS")] = "CSS_Changed"

def profile(head, row, i):
    row[head.index("Line CSS 1")] = "CSS_Changed"

def user(head, row, i):
    c = head.index("USER LOCALE")
    row[c] = "French France" if row[c] != "French France" else "English United States"

for name in os.listdir("x"):
    shutil.copy(f"x/{name}", f"y/{name}")
edit("phone.csv", phone)
edit("deviceprofile.csv", profile)
edit("enduser.csv", user)
with tarfile.open("mega_bat_1pct.tar", "w", format=tarfile.USTAR_FORMAT) as t:
    for name in ["header.txt"] + sorted(n for n in os.listdir("y") if n != "header.txt"):
        t.add(f"y/{name}", arcname=name)
PY
rm -rf "$dir/x" "$dir/y"

: > "$dir/times"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "check %e %M" "$uclint" check "$new" --format json -q > /dev/null 2>> "$dir/times" || true
  /usr/bin/time -f "diff %e %M" "$uclint" diff "$old" "$new" --format json -q > /dev/null 2>> "$dir/times" || true
done
median() { grep "^$1 " "$dir/times" | sort -k2 -n | awk '{ v[NR] = $2; m[NR] = $3 } END { printf "%s %s", v[int((NR + 1) / 2)], m[int((NR + 1) / 2)] }'; }
read -r check_s check_kib <<< "$(median check)"
read -r diff_s diff_kib <<< "$(median diff)"
echo "runs: $runs each, alternating; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "check NEW:    ${check_s} s, peak $((check_kib / 1024)) MiB (median)"
echo "diff OLD NEW: ${diff_s} s, peak $((diff_kib / 1024)) MiB (median)"
awk "BEGIN { printf \"diff / check: %.2f x (target: under 2)\n\", $diff_s / $check_s }"
