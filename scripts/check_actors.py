#!/usr/bin/env python3
"""Validate the curated actor dictionary data/actors.tsv (stdlib only).

Usage: python3 scripts/check_actors.py [data/actors.tsv]

Checks:
  * comment header present with `format=1`; header row matches the expected columns
  * every row has exactly 7 tab-separated columns, no stray whitespace
  * ids are `act:<slug>` and unique
  * type is one of the allowed set
  * affiliation is empty, an ISO 3166-1 alpha-2 code, or an existing act: id (not itself)
  * roles: `Title` or `Title@FROM..TO`, FROM/TO = YYYY | YYYY-MM | YYYY-MM-DD (valid dates), FROM <= TO
  * source is non-empty
  * names + aliases: no surface form (normalised) belongs to two different actors;
    duplicate surface forms inside one entry; aliases that are bare place names / common words
Prints counts by type. Exit status 1 if any error was found (warnings do not fail).
"""
import datetime
import re
import sys
import unicodedata
from collections import Counter, defaultdict

COLUMNS = ["id", "name", "aliases", "type", "affiliation", "roles", "source"]
TYPES = {"person", "organisation", "armed_group", "government", "international", "media"}
ID_RE = re.compile(r"^act:[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO2_RE = re.compile(r"^[A-Z]{2}$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Surface forms that must never be actor aliases: place names and ordinary words
# that would make the actor matcher fire on plain text.
FORBIDDEN = {
    "gaza", "gaza strip", "israel", "palestine", "west bank", "jerusalem", "egypt", "cairo",
    "qatar", "doha", "jordan", "lebanon", "beirut", "syria", "damascus", "iran", "tehran",
    "iraq", "baghdad", "yemen", "sanaa", "turkey", "turkiye", "ankara", "rafah", "khan younis",
    "khan yunis", "jenin", "nablus", "tulkarm", "hebron", "ramallah", "washington", "london",
    "paris", "berlin", "moscow", "beijing", "united states", "america", "saudi arabia", "riyadh",
    "abu dhabi", "amman", "sinai", "the hague", "geneva", "new york", "europe", "brussels",
    "austin", "brookings", "fars", "anatolia", "the", "a", "an", "hope", "care", "map",
    "economist", "guardian", "congress", "amal", "ali", "mohammed", "muhammad", "ahmed",
}


def norm_loose(s):
    """NFC, whitespace-collapsed form (exact duplicates inside one entry). Case variants
    such as 'al-Hayya' / 'Al-Hayya' are deliberate: the matcher may be case-sensitive."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def norm(s, strip_the=True):
    """Aggressive normalisation used for cross-entry conflicts."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("ı", "i")
    s = re.sub(r"[\u2018\u2019\u02bc\u02bb`'\u00b4]", "", s)  # apostrophes: Sa'ar == Saar
    s = s.replace(".", "")
    s = re.sub(r"[\u2010-\u2015\-_/]", " ", s)  # hyphens/dashes -> space
    s = re.sub(r"[^\w&! ]+", " ", s)
    s = " ".join(s.split())
    if strip_the and s.startswith("the "):
        s = s[4:]
    return s


def parse_date(s):
    m = DATE_RE.match(s)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            datetime.date(int(y), int(mo), int(d))
        elif mo:
            if not 1 <= int(mo) <= 12:
                return None
    except ValueError:
        return None
    return (int(y), int(mo or 0), int(d or 0))


def main(path):
    errors, warnings = [], []

    def err(ln, msg):
        errors.append(f"{path}:{ln}: {msg}")

    def warn(ln, msg):
        warnings.append(f"{path}:{ln}: warning: {msg}")

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    comments = [l for l in lines if l.startswith("#")]
    if not any(re.search(r"\bformat=1\b", l) for l in comments):
        err(0, "header comment with 'format=1' missing")
    if not any("licen" in l.lower() for l in comments):
        err(0, "licence comment missing")

    rows = []
    header_seen = False
    for i, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            err(i, "blank line")
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols != COLUMNS:
                err(i, f"header row {cols!r} != {COLUMNS!r}")
            continue
        if len(cols) != len(COLUMNS):
            err(i, f"expected {len(COLUMNS)} columns, got {len(cols)}")
            continue
        for name, val in zip(COLUMNS, cols):
            if val != val.strip():
                err(i, f"{name}: leading/trailing whitespace")
        rows.append((i, dict(zip(COLUMNS, cols))))
    if not header_seen:
        err(0, "no header row")

    ids = {}
    for ln, r in rows:
        if not ID_RE.match(r["id"]):
            err(ln, f"bad id {r['id']!r}")
        if r["id"] in ids:
            err(ln, f"duplicate id {r['id']} (first at line {ids[r['id']]})")
        else:
            ids[r["id"]] = ln

    surface = defaultdict(set)  # normalised form -> {(id, original)}
    for ln, r in rows:
        aid = r["id"]
        if not r["name"]:
            err(ln, "empty name")
        if r["type"] not in TYPES:
            err(ln, f"bad type {r['type']!r}")
        aff = r["affiliation"]
        if aff:
            if aff.startswith("act:"):
                if aff not in ids:
                    err(ln, f"affiliation {aff} not in file")
                elif aff == aid:
                    err(ln, "affiliation points to itself")
            elif not ISO2_RE.match(aff):
                err(ln, f"affiliation {aff!r} is neither act: id nor ISO2 code")
        elif r["type"] == "person":
            warn(ln, f"{aid}: person without affiliation")
        if not r["source"].strip():
            err(ln, "empty source")
        if r["roles"]:
            for role in r["roles"].split(";"):
                if not role.strip() or role != role.strip():
                    err(ln, f"empty or padded role in {r['roles']!r}")
                    continue
                if "@" not in role:
                    continue
                title, _, span = role.rpartition("@")
                if not title.strip():
                    err(ln, f"role without title: {role!r}")
                if ".." not in span:
                    err(ln, f"role date range must be FROM..TO: {role!r}")
                    continue
                a, _, b = span.partition("..")
                if not a and not b:
                    err(ln, f"role with empty date range: {role!r}")
                da = parse_date(a) if a else ()
                db = parse_date(b) if b else ()
                if da is None or db is None:
                    err(ln, f"bad date in role {role!r}")
                elif da and db and da > db:
                    err(ln, f"role ends before it starts: {role!r}")
        forms = [r["name"]] + ([a for a in r["aliases"].split("|")] if r["aliases"] else [])
        seen_loose = set()
        for form in forms:
            if not form or form != form.strip():
                err(ln, f"{aid}: empty or padded alias in {r['aliases']!r}")
                continue
            lo = norm_loose(form)
            if lo in seen_loose:
                warn(ln, f"{aid}: duplicate surface form {form!r}")
            seen_loose.add(lo)
            n = norm(form)
            if norm(form, strip_the=False) in FORBIDDEN:
                err(ln, f"{aid}: alias {form!r} is a place name or common word")
            surface[n].add((aid, form))

    conflicts = 0
    for n, owners in sorted(surface.items()):
        actors = sorted({a for a, _ in owners})
        if len(actors) > 1:
            conflicts += 1
            detail = "; ".join(f"{a} ({', '.join(sorted(o for x, o in owners if x == a))})" for a in actors)
            errors.append(f"{path}: alias conflict {n!r}: {detail}")

    counts = Counter(r["type"] for _, r in rows)
    n_alias = sum(len(r["aliases"].split("|")) for _, r in rows if r["aliases"])
    n_roles = sum(len(r["roles"].split(";")) for _, r in rows if r["roles"])
    n_dated = sum(role.count("@") for _, r in rows for role in r["roles"].split(";") if r["roles"])

    for w in warnings:
        print(w)
    for e in errors:
        print(e)
    print(f"entries: {len(rows)}  aliases: {n_alias}  distinct surface forms: {len(surface)}  "
          f"roles: {n_roles} (dated: {n_dated})  alias conflicts: {conflicts}")
    print("by type: " + ", ".join(f"{t}={counts.get(t, 0)}" for t in sorted(TYPES)))
    print(f"errors: {len(errors)}  warnings: {len(warnings)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "data/actors.tsv"))
