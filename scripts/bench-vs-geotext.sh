#!/usr/bin/env bash
# End-to-end throughput, whole process timed (start-up included), against geotext in the same
# run. Builds a news JSONL of at least MB megabytes (default 50) by repeating the shared
# evaluation texts (kept in a temp dir, never in the repo), then, RUNS times (default 5), in
# turn:
#   placemap extract BIG.jsonl -o /dev/null   (all cores, release build)
#   geotext over the same texts               (recognition only: its regex and name sets)
#   geotext + a resolver                      (the peer baseline of shared/eval/README.md:
#                                              each city to its most populous cities15000
#                                              namesake, each country to countryinfo's point,
#                                              offsets found, one JSON line per document)
# and prints the median, min and max of each, and the ratios of the medians.
# Usage: scripts/bench-vs-geotext.sh [MB] [path/to/shared/eval]   (RUNS=n to change the count)
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${1:-50}
EVAL=${2:-../shared/eval}
RUNS=${RUNS:-5}
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
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q geotext==0.4.0 countryinfo==1.0.1 >/dev/null
cat > "$work/bare.py" <<'PY'
import json, sys
from geotext import GeoText
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    g = GeoText(json.loads(line)["text"])
    n += len(g.cities) + len(g.countries)
print(f"geotext mentions: {n}", file=sys.stderr)
PY
cat > "$work/resolve.py" <<'PY'
import json, re, sys
from geotext import GeoText
from geotext.geotext import get_data_path
from countryinfo import CountryInfo
best = {}
with open(get_data_path("cities15000.txt"), encoding="utf-8") as f:
    for line in f:
        c = line.rstrip("\n").split("\t")
        key, pop = c[1].lower(), int(c[14] or 0)
        if key not in best or pop > best[key][2]:
            best[key] = (float(c[4]), float(c[5]), pop)
countries = {}
for key, iso in GeoText.index.countries.items():
    try:
        countries[key] = tuple(CountryInfo(iso).latlng()[:2])
    except Exception:
        pass
rx = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        g = GeoText(text)
        names = set(g.cities) | set(g.countries)
        tops = []
        for m in rx.finditer(text):
            s = m.group().strip()
            if s in names:
                k = s.lower()
                ll = countries.get(k) or best.get(k) or (None, None)
                tops.append({"start": m.start(), "end": m.start() + len(s), "text": s,
                             "lat": ll[0], "lon": ll[1]})
        out.write(json.dumps({"id": d["id"], "toponyms": tops}) + "\n")
PY
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/big.jsonl')))")
docs=$(wc -l < "$work/big.jsonl")
clock() { python3 -c 'import time; print(time.time())'; }
: > "$work/times"
for r in $(seq "$RUNS"); do
  t0=$(clock)
  /usr/bin/time -o "$work/rss" -f "%M" target/release/placemap extract "$work/big.jsonl" -q -o /dev/null
  t1=$(clock)
  "$work/venv/bin/python" "$work/bare.py" "$work/big.jsonl" 2>/dev/null
  t2=$(clock)
  "$work/venv/bin/python" "$work/resolve.py" "$work/big.jsonl" "$work/gt.jsonl"
  t3=$(clock)
  echo "$t0 $t1 $t2 $t3 $(cat "$work/rss")" >> "$work/times"
  echo "run $r/$RUNS done" >&2
done
python3 - "$bytes" "$docs" "$work/times" <<'PY'
import statistics, sys
b, d = int(sys.argv[1]), int(sys.argv[2])
rows = [list(map(float, l.split())) for l in open(sys.argv[3])]
pm = [r[1] - r[0] for r in rows]
gt = [r[2] - r[1] for r in rows]
gr = [r[3] - r[2] for r in rows]
rss = [r[4] / 1024 for r in rows]
def show(name, xs, what):
    m = statistics.median(xs)
    print(f"{name:18} median {m:.2f} s  {b/1e6/m:5.1f} MB/s  {d/m:6.0f} docs/s"
          f"  (runs {min(xs):.2f}-{max(xs):.2f} s)  {what}")
    return m
print(f"{len(rows)} runs, {b/1e6:.1f} MB of text in {d} documents")
p = show("placemap", pm, f"whole process, start-up included; peak RSS {max(rss):.0f} MB")
g = show("geotext", gt, "recognition only, its own name sets")
r = show("geotext+resolver", gr, "shared/eval/README.md's peer baseline, same run")
print(f"ratio of medians: {g/p:.1f}x geotext recognition only, {r/p:.1f}x geotext+resolver")
PY
