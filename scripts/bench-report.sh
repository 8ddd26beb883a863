#!/usr/bin/env bash
# The health report at scale (issue #19, docs/performance.md): writes the HTML report of the
# mega BAT export with systematic faults (about 82,000 findings) with the `dist` build, then
# measures it in headless Chromium, RUNS times each, and prints the medians:
#
# - the report's size (and its Markdown variant's) and the time `uclint report` takes to write
#   the HTML page;
# - load: `performance.now()` when the page's load event has run (from navigation start, so it
#   includes parsing the page and running its scripts), recorded by a script injected into a
#   copy of the page;
# - filter: the same injected script types 8 characters into the page's filter box (`#filter`,
#   else the first `input[type=search]`), one `input` event at a time, and times each until the
#   page has applied it and laid itself out again (a forced layout), so the figure is the work
#   a keystroke costs before the next paint;
# - the wall time of `chromium --dump-dom` on the page, beside the same on an empty page (the
#   browser's own start-up, to subtract).
#
# The browser test (crates/uclint/tests/browser.rs) asserts what does not depend on the
# machine; these times do, so they are measured here, on a quiet machine, and written down.
#
# Usage: scripts/bench-report.sh [EXPORT.tar]   (default: generate target/bench/sys_bat.tar)
# Environment: RUNS (default 5), CHROMIUM (default: chromium on PATH), BENCH_DIR
# (default target/bench/report). Needs python3 (to inject the probe and read its result).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chromium" ]; then
  echo "no Chromium found: install Debian's chromium or set CHROMIUM" >&2
  exit 2
fi
dir=${BENCH_DIR:-target/bench/report}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

echo "== cargo build --profile dist -p uclint -p uclint-synth" >&2
cargo build --quiet --profile dist -p uclint -p uclint-synth
uclint=target/dist/uclint

export_tar=${1:-}
if [ -z "$export_tar" ]; then
  export_tar=target/bench/sys_bat.tar
  if [ ! -f "$export_tar" ]; then
    echo "== generating the mega BAT export with systematic faults" >&2
    target/dist/uclint-synth generate --form bat --size mega --faults systematic --output "$export_tar"
  fi
fi

page=$dir/report.html
start=$(date +%s.%N)
SOURCE_DATE_EPOCH=0 "$uclint" report "$export_tar" -o "$page" 2>"$dir/report.log"
end=$(date +%s.%N)
report_seconds=$(awk "BEGIN { printf \"%.2f\", $end - $start }")
SOURCE_DATE_EPOCH=0 "$uclint" report "$export_tar" -o "$dir/report.md" 2>/dev/null
# The run summary's count ("82340 findings (…) in … objects").
findings=$(grep -m1 -o '^[0-9,]* findings\? ' "$dir/report.log" | cut -d' ' -f1 || true)

# The measuring copy: the page with its Content-Security-Policy (if any) removed and the probe
# appended before </body>, so that it runs after the page's own scripts.
probe='<script>
window.addEventListener("load", function () {
  var out = {load: performance.now(), keys: []};
  var box = document.getElementById("filter") || document.querySelector("input[type=search]");
  if (box) {
    var text = "sepabcde";
    for (var i = 0; i < text.length; i++) {
      var t0 = performance.now();
      box.value += text[i];
      box.dispatchEvent(new Event("input", {bubbles: true}));
      void document.body.offsetHeight;
      out.keys.push(performance.now() - t0);
    }
  }
  out.elements = document.getElementsByTagName("*").length;
  var pre = document.createElement("pre");
  pre.id = "bench-result";
  pre.textContent = "BENCH " + JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>'
copy=$dir/measure.html
python3 - "$page" "$copy" "$probe" <<'EOF'
import re, sys
page, copy, probe = sys.argv[1:]
html = open(page, encoding="utf-8").read()
html = re.sub(r'<meta[^>]*http-equiv="?content-security-policy"?[^>]*>', "", html, flags=re.I)
at = html.rfind("</body>")
html = html[:at] + probe + html[at:] if at >= 0 else html + probe
open(copy, "w", encoding="utf-8").write(html)
EOF
printf '<!DOCTYPE html><html lang="en"><title>empty</title><p>empty</p></html>' >"$dir/empty.html"

browse() {
  local profile
  profile=$(mktemp -d)
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --window-size=1280,2400 --user-data-dir="$profile" --dump-dom "file://$1" 2>/dev/null
  rm -rf "$profile"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$dir/loads" && : >"$dir/keys" && : >"$dir/walls" && : >"$dir/empties" && : >"$dir/maxkeys"
for run in $(seq "$runs"); do
  t0=$(date +%s.%N)
  browse "$dir/empty.html" >/dev/null
  t1=$(date +%s.%N)
  result=$(browse "$copy" | grep -o 'BENCH {[^<]*}' | sed 's/^BENCH //')
  t2=$(date +%s.%N)
  if [ -z "$result" ]; then
    echo "run $run: the probe wrote nothing (did the page load?)" >&2
    exit 1
  fi
  awk "BEGIN { printf \"%.3f\\n\", $t1 - $t0 }" >>"$dir/empties"
  awk "BEGIN { printf \"%.3f\\n\", $t2 - $t1 }" >>"$dir/walls"
  python3 - "$result" "$dir" <<'EOF'
import json, sys
r = json.loads(sys.argv[1])
d = sys.argv[2]
open(f"{d}/loads", "a").write(f"{r['load']:.1f}\n")
keys = r["keys"] or [float("nan")]
open(f"{d}/keys", "a").write("".join(f"{k:.1f}\n" for k in keys))
open(f"{d}/maxkeys", "a").write(f"{max(keys):.1f}\n")
print(f"run: load {r['load']:.0f} ms, keystrokes {' '.join(f'{k:.0f}' for k in keys)} ms, {r['elements']} elements",
      file=sys.stderr)
EOF
done

size=$(stat -c %s "$page")
echo "export:              $export_tar ($(stat -c %s "$export_tar") bytes, $findings findings)"
echo "machine:             $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "chromium:            $("$chromium" --version 2>/dev/null)"
echo "report written in:   ${report_seconds} s (uclint report, dist build)"
echo "page size:           $size bytes ($(awk "BEGIN { printf \"%.2f\", $size / 1048576 }") MiB)"
echo "markdown size:       $(stat -c %s "$dir/report.md") bytes"
echo "runs:                $runs (medians below)"
echo "load event:          $(median <"$dir/loads") ms after navigation start"
echo "filter per key:      $(median <"$dir/keys") ms median over every keystroke, $(median <"$dir/maxkeys") ms median of each run's slowest"
echo "dump-dom wall:       $(median <"$dir/walls") s (empty page: $(median <"$dir/empties") s)"
