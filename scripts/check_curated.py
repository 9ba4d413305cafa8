#!/usr/bin/env python3
"""Validate Placemap's hand-curated data files (stdlib only).

    python3 scripts/check_curated.py [--data DIR]

Checks data/supplement.tsv and data/demonyms.tsv: column counts, unique ids,
coordinate ranges, non-empty sources, allowed kinds, duplicate demonyms, alt names
that the normaliser would fold into another listed name, near-duplicate rows (within
0.5 km and with similar names), and that Gaza Strip / West Bank places fall inside
the territory's bounding box. Exits 1 if any error is found.

If data/gazetteer/places.tsv.zst exists and the `zstd` command is available, it also
checks that demonym targets name a place of a fitting kind in the generated gazetteer,
and warns about supplement names that the gazetteer already has within 5 km.
"""
import argparse
import difflib
import math
import os
import re
import shutil
import subprocess
import sys
import unicodedata

SUP_COLS = ["id", "name", "alt_names", "kind", "feature", "country", "admin1",
            "lat", "lon", "population", "source"]
DEM_COLS = ["demonym", "kind", "target", "source"]
SUP_KINDS = {"continent", "region", "physical", "locality", "facility", "admin1"}
DEM_KINDS = {"country", "region", "city", "admin1"}
# (lat_min, lat_max, lon_min, lon_max)
GAZA_BOX = (31.21, 31.60, 34.20, 34.57)
WEST_BANK_BOX = (31.34, 32.56, 34.88, 35.58)
# Every row with country PS must fall in one of the two boxes: rows west of 34.7 E
# are Gaza Strip places, the rest West Bank places.
NEAR_KM = 0.5
SIMILAR = 0.8


def fold(s):
    """Approximate the Rust normaliser: case, diacritics, hyphens, apostrophe style."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[\u2018\u2019\u02bc\u02bf\u02be`\u00b4]", "'", s)
    s = re.sub(r"[-\u2010-\u2015_]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def read_tsv(path, cols, errors):
    rows = []
    header_seen = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if not header_seen:
                header_seen = True
                if parts != cols:
                    errors.append(f"{path}:{n}: header {parts} != {cols}")
                continue
            if len(parts) != len(cols):
                errors.append(f"{path}:{n}: {len(parts)} columns, expected {len(cols)}")
                continue
            rows.append((n, dict(zip(cols, parts))))
    if not header_seen:
        errors.append(f"{path}: no header row")
    return rows


def in_box(lat, lon, box):
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


def check_supplement(path, errors, warnings):
    rows = read_tsv(path, SUP_COLS, errors)
    ids = {}
    points = []
    for n, r in rows:
        where = f"{path}:{n} {r['id']}"
        if not re.fullmatch(r"sup:[a-z0-9]+(-[a-z0-9]+)*", r["id"]):
            errors.append(f"{where}: bad id")
        if r["id"] in ids:
            errors.append(f"{where}: duplicate id (also line {ids[r['id']]})")
        ids[r["id"]] = n
        if not r["name"].strip():
            errors.append(f"{where}: empty name")
        if r["kind"] not in SUP_KINDS:
            errors.append(f"{where}: kind {r['kind']!r} not in {sorted(SUP_KINDS)}")
        if not re.fullmatch(r"[AHLPRSTUV]\.[A-Z0-9]+", r["feature"]):
            errors.append(f"{where}: bad feature code {r['feature']!r}")
        if r["country"] and not re.fullmatch(r"[A-Z]{2}", r["country"]):
            errors.append(f"{where}: bad country {r['country']!r}")
        if r["population"] and not r["population"].isdigit():
            errors.append(f"{where}: population not an integer")
        if not r["source"].strip():
            errors.append(f"{where}: empty source")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            errors.append(f"{where}: lat/lon not numbers")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errors.append(f"{where}: lat/lon out of range")
        for v in (r["lat"], r["lon"]):
            if len(v.split(".")[-1]) < 3 or "." not in v:
                errors.append(f"{where}: coordinate {v} has fewer than 3 decimals")
        # alt names: no empties, none folding onto the name or onto each other
        names = [r["name"]] + ([a for a in r["alt_names"].split("|")] if r["alt_names"] else [])
        seen = {}
        for a in names:
            if not a.strip():
                errors.append(f"{where}: empty alt name")
                continue
            k = fold(a)
            if k in seen:
                errors.append(f"{where}: {a!r} folds to the same key as {seen[k]!r}")
            seen[k] = a
        # territory boxes
        if r["country"] == "PS":
            gaza = lon < 34.7
            box = GAZA_BOX if gaza else WEST_BANK_BOX
            if not in_box(lat, lon, box):
                errors.append(f"{where}: ({lat}, {lon}) outside the "
                              f"{'Gaza Strip' if gaza else 'West Bank'} box {box}")
        points.append((where, r["name"], fold(r["name"]), lat, lon))
    # near-duplicates: within NEAR_KM and similar names
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            a, b = points[i], points[j]
            if abs(a[3] - b[3]) > 0.01 or abs(a[4] - b[4]) > 0.01:
                continue
            d = km((a[3], a[4]), (b[3], b[4]))
            if d > NEAR_KM:
                continue
            ratio = difflib.SequenceMatcher(None, a[2], b[2]).ratio()
            if ratio >= SIMILAR or a[2] in b[2] or b[2] in a[2]:
                errors.append(f"{a[0]} and {b[0]}: {d:.2f} km apart with similar names "
                              f"({a[1]!r} / {b[1]!r})")
    return rows, ids


def load_gazetteer(data_dir):
    """Return {folded name: [(kind, lat, lon, name)]} from places.tsv.zst, or None."""
    path = os.path.join(data_dir, "gazetteer", "places.tsv.zst")
    if not os.path.exists(path) or not shutil.which("zstd"):
        return None
    with open(path, "rb") as f:
        text = subprocess.run(["zstd", "-dc"], stdin=f, check=True, capture_output=True).stdout
    index = {}
    cols = None
    for line in text.decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if cols is None:
            cols = {c: i for i, c in enumerate(f)}
            continue
        entry = (f[cols["kind"]], float(f[cols["lat"]]), float(f[cols["lon"]]), f[cols["name"]])
        alts = f[cols["alt_names"]].split("|") if len(f) > cols["alt_names"] and f[cols["alt_names"]] else []
        for n in [f[cols["name"]]] + alts:
            index.setdefault(fold(n), []).append(entry)
    return index


DEM_TARGET_KINDS = {"admin1": {"admin1"}, "city": {"city", "locality"},
                    "region": {"continent", "region"}}


def check_against_gazetteer(gaz, sup_rows, dem_rows, errors, warnings):
    for n, r in dem_rows:
        t, kind = r["target"], r["kind"]
        if kind == "country" or t.startswith("sup:"):
            continue
        hits = [e for e in gaz.get(fold(t), []) if e[0] in DEM_TARGET_KINDS[kind] and e[3] == t]
        if not hits:
            errors.append(f"demonyms.tsv:{n} {r['demonym']!r}: target {t!r} is not a "
                          f"{'/'.join(sorted(DEM_TARGET_KINDS[kind]))} name in the gazetteer")
    for n, r in sup_rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        names = [r["name"]] + (r["alt_names"].split("|") if r["alt_names"] else [])
        for name in names:
            for kind, glat, glon, gname in gaz.get(fold(name), []):
                if abs(glat - lat) < 0.1 and abs(glon - lon) < 0.1 and km((lat, lon), (glat, glon)) < 5:
                    warnings.append(f"supplement.tsv:{n} {r['id']}: {name!r} is already the "
                                    f"gazetteer {kind} {gname!r} nearby")


def check_demonyms(path, sup_ids, errors, warnings):
    rows = read_tsv(path, DEM_COLS, errors)
    seen = {}
    for n, r in rows:
        where = f"{path}:{n} {r['demonym']!r}"
        if not r["demonym"].strip():
            errors.append(f"{where}: empty demonym")
        if r["kind"] not in DEM_KINDS:
            errors.append(f"{where}: kind {r['kind']!r} not in {sorted(DEM_KINDS)}")
        if not r["source"].strip():
            errors.append(f"{where}: empty source")
        t = r["target"]
        if r["kind"] == "country" and not re.fullmatch(r"[A-Z]{2}", t):
            errors.append(f"{where}: country target {t!r} is not ISO2")
        if t.startswith("sup:") and t not in sup_ids:
            errors.append(f"{where}: target {t} not in supplement")
        k = fold(r["demonym"])
        if k in seen:
            errors.append(f"{where}: duplicate demonym (line {seen[k]})")
        seen[k] = n
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "data"))
    args = ap.parse_args()
    errors, warnings = [], []
    sup_rows, sup_ids = check_supplement(os.path.join(args.data, "supplement.tsv"),
                                         errors, warnings)
    dem_rows = check_demonyms(os.path.join(args.data, "demonyms.tsv"), sup_ids,
                              errors, warnings)
    gaz = load_gazetteer(args.data)
    if gaz is None:
        print("note: generated gazetteer or zstd not available; cross-checks skipped")
    else:
        check_against_gazetteer(gaz, sup_rows, dem_rows, errors, warnings)
    by_kind = {}
    for _, r in sup_rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
    dem_kind = {}
    for _, r in dem_rows:
        dem_kind[r["kind"]] = dem_kind.get(r["kind"], 0) + 1
    # Gaza Strip places: rows in the box that lie in PS or on its borders (empty
    # country: the crossings). Israeli communities near the fence are not counted.
    gaza = sum(1 for _, r in sup_rows if r["country"] in ("PS", "")
               and in_box(float(r["lat"]), float(r["lon"]), GAZA_BOX))
    wb = sum(1 for _, r in sup_rows if r["country"] in ("PS", "")
             and in_box(float(r["lat"]), float(r["lon"]), WEST_BANK_BOX))
    print(f"supplement.tsv: {len(sup_rows)} rows {dict(sorted(by_kind.items()))}; "
          f"Gaza Strip {gaza}, West Bank {wb}")
    print(f"demonyms.tsv: {len(dem_rows)} rows {dict(sorted(dem_kind.items()))}")
    warnings = list(dict.fromkeys(warnings))
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
