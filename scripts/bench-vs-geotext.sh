#!/usr/bin/env bash
# End-to-end throughput, whole process timed (start-up included), against geotext in the same
# run. Builds a news JSONL of at least MB megabytes (default 50) by repeating the shared
# evaluation texts (kept in a temp dir, never in the repo), then times:
#   placemap extract BIG.jsonl -o /dev/null      (all cores, release build)
#   geotext over the same texts                   (pip install geotext, in a temp venv)
# Usage: scripts/bench-vs-geotext.sh [MB] [path/to/shared/eval]
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
EVAL=${2:-../shared/eval}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$EVAL" "$work/big.jsonl" "$MB" <<'PY'
import json, sys
src, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
docs = []
for name in ("geowebnews.jsonl", "lgl.jsonl"):
    with open(f"{src}/{name}", encoding="utf-8") as f:
        docs += [json.loads(l)["text"] for l in f if l.strip()]
size, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < mb * 1e6:
        for t in docs:
            line = json.dumps({"id": f"d{n}", "text": t}) + "\n"
            f.write(line); size += len(t.encode()); n += 1
print(f"corpus: {n} docs, {size/1e6:.1f} MB of text", file=sys.stderr)
PY
cargo build --release --no-default-features -q
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/big.jsonl')))")
docs=$(wc -l < "$work/big.jsonl")
t0=$(date +%s.%N)
/usr/bin/time -f "placemap peak RSS: %M KB" target/release/placemap extract "$work/big.jsonl" -q -o /dev/null
t1=$(date +%s.%N)
pm=$(python3 -c "print($t1-$t0)")
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q geotext==0.4.0 >/dev/null
t2=$(date +%s.%N)
"$work/venv/bin/python" - "$work/big.jsonl" <<'PY'
import json, sys
from geotext import GeoText
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    g = GeoText(json.loads(line)["text"])
    n += len(g.cities) + len(g.countries)
print(f"geotext mentions: {n}", file=sys.stderr)
PY
t3=$(date +%s.%N)
gt=$(python3 -c "print($t3-$t2)")
python3 - "$bytes" "$docs" "$pm" "$gt" <<'PY'
import sys
b, d, pm, gt = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"placemap: {pm:.1f} s  {b/1e6/pm:.1f} MB/s  {d/pm:.0f} docs/s (whole process, start-up included)")
print(f"geotext:  {gt:.1f} s  {b/1e6/gt:.2f} MB/s  {d/gt:.0f} docs/s (recognition only, its own gazetteer)")
print(f"ratio: {gt/pm:.1f}x")
PY
