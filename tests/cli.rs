//! The `placemap` command end to end (extract in every format, spans from gold, user places,
//! gazetteer lookup, help) and table-driven extraction rules through the library API.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};

use placemap::corpus::Document;
use placemap::extract::{Extractor, MentionKind, Resolution, Toponym};
use placemap::gazetteer::{Gazetteer, PlaceKind};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// helpers

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn placemap(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_placemap"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run placemap");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "placemap {args:?} panicked:\n{stderr}"
    );
    out
}

/// Runs and requires exit 0; returns stdout.
fn ok(args: &[&str]) -> String {
    let out = placemap(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "placemap {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("invalid JSON line ({e}): {l}")))
        .collect()
}

const DEMO: &str = "data/demo/dispatches";
const DEMO_GOLD: &str = "data/demo/gold.jsonl";

fn demo_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(DEMO))
        .expect("demo folder")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

fn demo_extract() -> &'static Vec<Value> {
    static OUT: OnceLock<Vec<Value>> = OnceLock::new();
    OUT.get_or_init(|| jsonl(&ok(&["extract", "-q", DEMO])))
}

/// Front matter stripped the way the loader documents it (`---` block, then the body,
/// trailing whitespace trimmed). Written independently of the loader on purpose.
fn strip_front_matter(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let body = match raw
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| rest[end + 5..].to_owned()))
    {
        Some(b) => b,
        None => raw,
    };
    body.trim_end().to_owned()
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn gold_docs(path: &str) -> Vec<Value> {
    jsonl(&std::fs::read_to_string(root().join(path)).expect("read gold"))
}

// ---------------------------------------------------------------------------------------------
// extract: JSONL

const TOPONYM_FIELDS: &[&str] = &[
    "start",
    "end",
    "text",
    "place_id",
    "name",
    "kind",
    "feature",
    "country",
    "lat",
    "lon",
    "confidence",
    "candidates",
];
const CANDIDATE_FIELDS: &[&str] = &["place_id", "name", "country", "lat", "lon", "score"];

#[test]
fn extract_jsonl_has_one_line_per_document_with_the_issue_fields() {
    let docs = demo_extract();
    let files = demo_files();
    assert_eq!(docs.len(), files.len(), "one JSONL line per dispatch");
    let ids: BTreeSet<&str> = docs
        .iter()
        .map(|d| d["id"].as_str().expect("id is a string"))
        .collect();
    for f in &files {
        let stem = f.file_stem().and_then(|s| s.to_str()).expect("stem");
        assert!(
            ids.iter().any(|id| id.contains(stem)),
            "no output line for {stem}; ids: {ids:?}"
        );
    }
    let mut toponyms = 0;
    let mut resolved = 0;
    for d in docs {
        for field in ["id", "source", "title", "date", "toponyms"] {
            assert!(
                d.get(field).is_some(),
                "document lacks `{field}`: {}",
                d["id"]
            );
        }
        assert!(
            d["title"].is_string(),
            "demo dispatches have titles: {}",
            d["id"]
        );
        let date = d["date"].as_str().expect("demo dispatches have a date");
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "ISO date, got {date}"
        );
        let tops = d["toponyms"].as_array().expect("toponyms array");
        assert!(
            !tops.is_empty(),
            "every dispatch mentions places: {}",
            d["id"]
        );
        for t in tops {
            toponyms += 1;
            for field in TOPONYM_FIELDS {
                assert!(t.get(*field).is_some(), "toponym lacks `{field}`: {t}");
            }
            let (s, e) = (
                t["start"].as_u64().expect("start"),
                t["end"].as_u64().expect("end"),
            );
            assert!(s < e, "empty span: {t}");
            let conf = t["confidence"].as_f64().expect("confidence is a number");
            assert!((0.0..=1.0).contains(&conf), "confidence out of range: {t}");
            if t["place_id"].is_null() {
                assert!(
                    t["lat"].is_null() && t["lon"].is_null(),
                    "unresolved mention with coordinates: {t}"
                );
            } else {
                resolved += 1;
                let (lat, lon) = (
                    t["lat"].as_f64().expect("lat"),
                    t["lon"].as_f64().expect("lon"),
                );
                assert!(
                    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
                    "{t}"
                );
                assert!(t["name"].is_string() && t["kind"].is_string(), "{t}");
                let cands = t["candidates"].as_array().expect("candidates");
                assert!(
                    !cands.is_empty(),
                    "a resolved mention keeps its candidates: {t}"
                );
                for c in cands {
                    for field in CANDIDATE_FIELDS {
                        assert!(c.get(*field).is_some(), "candidate lacks `{field}`: {c}");
                    }
                }
            }
        }
    }
    assert!(
        toponyms > 200,
        "the demo corpus has hundreds of mentions, got {toponyms}"
    );
    assert!(
        resolved * 10 >= toponyms * 9,
        "most demo mentions resolve: {resolved}/{toponyms}"
    );
}

#[test]
fn ambiguous_mentions_keep_at_least_three_candidates() {
    // "Washington" has many gazetteer entries: its mention must carry ≥ 3 scored alternatives.
    let docs = demo_extract();
    let washington: Vec<&Value> = docs
        .iter()
        .flat_map(|d| d["toponyms"].as_array().expect("toponyms"))
        .filter(|t| t["text"] == "Washington" && !t["place_id"].is_null())
        .collect();
    assert!(
        !washington.is_empty(),
        "the demo corpus mentions Washington"
    );
    for t in washington {
        let cands = t["candidates"].as_array().expect("candidates");
        assert!(
            cands.len() >= 3,
            "fewer than 3 candidates for Washington: {t}"
        );
        let scores: Vec<f64> = cands
            .iter()
            .map(|c| c["score"].as_f64().expect("score"))
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "candidates not best first: {scores:?}"
        );
    }
}

#[test]
fn offsets_are_code_point_offsets() {
    let docs = demo_extract();
    let mut checked_non_ascii = 0;
    for f in demo_files() {
        let stem = f
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("stem")
            .to_owned();
        let text = strip_front_matter(&std::fs::read_to_string(&f).expect("read dispatch"));
        let d = docs
            .iter()
            .find(|d| d["id"].as_str().is_some_and(|id| id.contains(&stem)))
            .unwrap_or_else(|| panic!("no output for {stem}"));
        let n_chars = text.chars().count();
        for t in d["toponyms"].as_array().expect("toponyms") {
            let (s, e) = (
                t["start"].as_u64().expect("start") as usize,
                t["end"].as_u64().expect("end") as usize,
            );
            assert!(
                e <= n_chars,
                "{stem}: end {e} beyond the text ({n_chars} code points)"
            );
            assert_eq!(
                char_slice(&text, s, e),
                t["text"].as_str().expect("text"),
                "{stem}: span {s}..{e}"
            );
            if !text[..text.char_indices().nth(s).map_or(text.len(), |(b, _)| b)].is_ascii() {
                checked_non_ascii += 1;
            }
        }
    }
    assert!(
        checked_non_ascii > 50,
        "too few mentions after non-ASCII text to test offsets: {checked_non_ascii}"
    );
}

#[test]
fn demo_text_matches_the_gold_text() {
    // The gold file's `text` is the document text offsets refer to: the loader must agree.
    let gold = gold_docs(DEMO_GOLD);
    for f in demo_files() {
        let stem = f.file_stem().and_then(|s| s.to_str()).expect("stem");
        let g = gold
            .iter()
            .find(|g| g["id"] == stem)
            .unwrap_or_else(|| panic!("no gold for {stem}"));
        let text = strip_front_matter(&std::fs::read_to_string(&f).expect("read"));
        assert_eq!(g["text"].as_str().expect("gold text"), text, "{stem}");
    }
}

// ---------------------------------------------------------------------------------------------
// extract: GeoJSON, CSV, -o

#[test]
fn extract_geojson_is_a_feature_collection_with_mention_counts() {
    let v: Value = serde_json::from_str(&ok(&["extract", "-q", "--format", "geojson", DEMO]))
        .expect("one JSON value");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    assert!(
        features.len() > 30,
        "the demo corpus names many places, got {}",
        features.len()
    );
    let mut total = 0;
    let mut ids = BTreeSet::new();
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"]
            .as_array()
            .expect("coordinates");
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().expect("lon"), c[1].as_f64().expect("lat"));
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        let p = &f["properties"];
        let count = p["mention_count"].as_u64().expect("mention_count") as usize;
        assert!(count >= 1);
        assert_eq!(count, p["mentions"].as_array().expect("mentions").len());
        assert!(p["name"].is_string() && p["kind"].is_string());
        assert!(
            ids.insert(p["place_id"].as_str().expect("place_id").to_owned()),
            "one feature per place"
        );
        total += count;
    }
    let resolved: usize = demo_extract()
        .iter()
        .flat_map(|d| d["toponyms"].as_array().expect("toponyms"))
        .filter(|t| !t["place_id"].is_null())
        .count();
    assert_eq!(
        total, resolved,
        "GeoJSON mention counts add up to the resolved JSONL mentions"
    );
    let cairo = features
        .iter()
        .find(|f| f["properties"]["name"] == "Cairo")
        .expect("Cairo is a feature");
    assert!(
        cairo["properties"]["mention_count"]
            .as_u64()
            .expect("count")
            >= 5,
        "Cairo is mentioned often"
    );
}

#[test]
fn extract_csv_has_a_header_and_one_row_per_mention() {
    let out = ok(&["extract", "-q", "--format", "csv", DEMO]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    for col in [
        "doc_id",
        "start",
        "end",
        "text",
        "place_id",
        "name",
        "country",
        "lat",
        "lon",
        "confidence",
    ] {
        assert!(
            header.iter().any(|h| h == col),
            "CSV header lacks {col}: {header:?}"
        );
    }
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("CSV row")).collect();
    let mentions: usize = demo_extract()
        .iter()
        .map(|d| d["toponyms"].as_array().expect("toponyms").len())
        .sum();
    assert_eq!(rows.len(), mentions, "one CSV row per mention");
    let text_col = header
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    assert!(rows.iter().any(|r| &r[text_col] == "Khan Younis"));
}

#[test]
fn extract_output_flag_writes_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.jsonl");
    let stdout = ok(&[
        "extract",
        "-q",
        DEMO,
        "-o",
        path.to_str().expect("utf-8 path"),
    ]);
    assert!(stdout.trim().is_empty(), "nothing on stdout with -o");
    let written = std::fs::read_to_string(&path).expect("output file");
    assert_eq!(
        jsonl(&written),
        *demo_extract(),
        "-o writes what stdout would"
    );
}

// ---------------------------------------------------------------------------------------------
// extract --spans-from, --places

#[test]
fn spans_from_gold_returns_exactly_the_gold_spans() {
    let out = jsonl(&ok(&[
        "extract",
        "-q",
        "--spans-from",
        DEMO_GOLD,
        DEMO_GOLD,
    ]));
    let gold = gold_docs(DEMO_GOLD);
    assert_eq!(out.len(), gold.len());
    for g in &gold {
        let p = out
            .iter()
            .find(|p| p["id"] == g["id"])
            .unwrap_or_else(|| panic!("no output for {}", g["id"]));
        let spans = |v: &Value| -> Vec<(u64, u64)> {
            let mut s: Vec<(u64, u64)> = v["toponyms"]
                .as_array()
                .expect("toponyms")
                .iter()
                .map(|t| {
                    (
                        t["start"].as_u64().expect("start"),
                        t["end"].as_u64().expect("end"),
                    )
                })
                .collect();
            s.sort_unstable();
            s
        };
        assert_eq!(spans(p), spans(g), "{}", g["id"]);
        let text = g["text"].as_str().expect("text");
        for t in p["toponyms"].as_array().expect("toponyms") {
            let (s, e) = (
                t["start"].as_u64().expect("s") as usize,
                t["end"].as_u64().expect("e") as usize,
            );
            assert_eq!(char_slice(text, s, e), t["text"].as_str().expect("text"));
        }
    }
}

#[test]
fn user_places_file_makes_a_new_name_resolve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("camp.txt");
    std::fs::write(
        &doc,
        "Relief workers reached Camp Placemapville on Tuesday with water and tents.\n",
    )
    .expect("write");
    let doc_s = doc.to_str().expect("utf-8 path");
    let places = root().join("tests/fixtures/places/placemapville.tsv");
    let with = jsonl(&ok(&[
        "extract",
        "-q",
        "--places",
        places.to_str().expect("utf-8"),
        doc_s,
    ]));
    let tops = with[0]["toponyms"].as_array().expect("toponyms");
    let t = tops
        .iter()
        .find(|t| t["name"] == "Camp Placemapville")
        .unwrap_or_else(|| panic!("Camp Placemapville not resolved: {tops:?}"));
    assert_eq!(t["text"], "Camp Placemapville");
    assert!((t["lat"].as_f64().expect("lat") - 12.3456).abs() < 1e-4);
    assert!((t["lon"].as_f64().expect("lon") - 45.6789).abs() < 1e-4);

    let without = jsonl(&ok(&["extract", "-q", doc_s]));
    assert!(
        !without[0]["toponyms"]
            .as_array()
            .expect("toponyms")
            .iter()
            .any(|t| t["name"] == "Camp Placemapville"),
        "the made-up place exists only with --places"
    );
}

// ---------------------------------------------------------------------------------------------
// gazetteer lookup, help

#[test]
fn gazetteer_lookup_khan_younis_lists_khan_yunis() {
    let out = ok(&["gazetteer", "lookup", "Khan Younis"]);
    let first = out.lines().next().expect("at least one line");
    assert!(
        first.contains("Khan Yunis") && first.contains("PS"),
        "best candidate is Khan Yunis, PS: {out}"
    );
}

#[test]
fn gazetteer_lookup_washington_lists_several_with_kinds() {
    let out = ok(&["gazetteer", "lookup", "Washington"]);
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Washington "))
        .collect();
    assert!(lines.len() >= 3, "several Washingtons: {out}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" city ") && l.contains(" US ")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" admin1 ") && l.contains(" US ")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.contains("PPLC")),
        "the capital is listed: {out}"
    );
}

#[test]
fn gazetteer_lookup_unknown_name_fails_cleanly() {
    let out = placemap(&["gazetteer", "lookup", "Qzxwvutsrq"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no place named"));
}

#[test]
fn help_mentions_the_subcommands() {
    let out = ok(&["--help"]);
    for sub in ["extract", "eval", "gazetteer", "summary"] {
        assert!(out.contains(sub), "--help lacks {sub}:\n{out}");
    }
    let out = ok(&["extract", "--help"]);
    for flag in [
        "--format",
        "--output",
        "--places",
        "--spans-from",
        "--text-column",
    ] {
        assert!(out.contains(flag), "extract --help lacks {flag}:\n{out}");
    }
}

#[test]
fn eval_subcommand_prints_end_to_end_and_gold_span_scores() {
    let out = ok(&["eval", DEMO_GOLD]);
    assert!(
        out.contains("end to end") && out.contains("gold spans"),
        "{out}"
    );
    assert!(out.contains("acc@161"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// snapshot of one small document (names and kinds, not scores)

#[test]
fn snapshot_of_a_small_dispatch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("snap.md");
    std::fs::write(
        &path,
        "---\ntitle: Snapshot\ndate: 2025-10-20\n---\n\
         CAIRO, Oct. 20 — Egyptian and Qatari mediators met in Cairo on Monday before flying to Doha.\n\n\
         Aid trucks waited at the Kerem Shalom crossing while families returned to Khan Younis and Beit Lahia.\n",
    )
    .expect("write");
    let out = jsonl(&ok(&["extract", "-q", path.to_str().expect("utf-8")]));
    assert_eq!(out.len(), 1);
    let got: Vec<(String, String, String)> = out[0]["toponyms"]
        .as_array()
        .expect("toponyms")
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or("∅").to_owned();
            (s("text"), s("name"), s("kind"))
        })
        .collect();
    let want: Vec<(String, String, String)> = [
        ("CAIRO", "Cairo", "city"),
        ("Egyptian", "Egypt", "demonym"),
        ("Qatari", "Qatar", "demonym"),
        ("Cairo", "Cairo", "city"),
        ("Doha", "Doha", "city"),
        // the gold convention: the name without "crossing"
        ("Kerem Shalom", "Kerem Shalom crossing", "facility"),
        ("Khan Younis", "Khan Yunis", "city"),
        ("Beit Lahia", "Bayt Lahya", "city"),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(out[0]["title"], "Snapshot");
    assert_eq!(out[0]["date"], "2025-10-20");
}

// ---------------------------------------------------------------------------------------------
// table-driven extraction rules (library API)

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(gaz()))
}

fn gaz() -> Arc<Gazetteer> {
    static GAZ: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::bundled_shared().expect("bundled gazetteer"))
        .clone()
}

/// What a surface string in a sentence should be.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// A place mention resolved to a gazetteer place with this name and ISO2 country.
    Place(&'static str, &'static str),
    /// A place mention resolved to some place in this country.
    In(&'static str),
    /// A place mention resolved to a place of this kind and country.
    Kind(PlaceKind, &'static str),
    /// A demonym mention linked to this country (ISO2).
    Demonym(&'static str),
    /// No mention overlaps the surface.
    NotAPlace,
    /// Either no mention overlaps the surface, or the one that does is flagged embedded and is
    /// not resolved to a place of this kind.
    EmbeddedOrAbsentNot(PlaceKind),
    /// A place mention covering the surface, not in the gazetteer (unresolved or anchored).
    Unresolved,
    /// No overlapping mention is resolved from the gazetteer (absent, unresolved or anchored).
    NotFromGazetteer,
}

/// `(text, surface, expectation)`; the surface's first occurrence is checked unless it is
/// written `surface#N` (N-th occurrence, 1-based).
type Case = (&'static str, &'static str, Want);

fn find_surface(text: &str, surface: &str) -> (usize, usize) {
    let (s, nth) = match surface.rsplit_once('#') {
        Some((s, n)) => (s, n.parse::<usize>().expect("occurrence number")),
        None => (surface, 1),
    };
    let start = text
        .match_indices(s)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{s:?} (#{nth}) not in {text:?}"))
        .0;
    (start, start + s.len())
}

fn describe(text: &str, t: &Toponym) -> String {
    let g = gaz();
    let place = t
        .place
        .map_or_else(|| "unresolved".to_owned(), |p| g.describe(p));
    format!(
        "{:?} -> {place} ({:?}, embedded={}, {:?})",
        &text[t.start..t.end],
        t.kind,
        t.embedded,
        t.resolution
    )
}

#[allow(clippy::many_single_char_names)]
fn check_case(text: &str, surface: &str, want: Want) -> Result<(), String> {
    let g = gaz();
    let ex = extractor().extract(&Document::from_text("t", text));
    let (s, e) = find_surface(text, surface);
    let overlapping: Vec<&Toponym> = ex
        .toponyms
        .iter()
        .filter(|t| t.start < e && s < t.end)
        .collect();
    let all: Vec<String> = ex.toponyms.iter().map(|t| describe(text, t)).collect();
    let fail = |why: &str| {
        Err(format!(
            "{text:?} / {surface:?}: expected {want:?}, {why}; got {all:?}"
        ))
    };
    let exact = overlapping
        .iter()
        .find(|t| t.start == s && t.end == e)
        .copied();
    match want {
        Want::NotAPlace => {
            if !overlapping.is_empty() {
                return fail("but a mention overlaps");
            }
        }
        Want::EmbeddedOrAbsentNot(kind) => {
            for t in &overlapping {
                if !t.embedded {
                    return fail("but a non-embedded mention overlaps");
                }
                if t.place.is_some_and(|p| g.place(p).kind == kind) {
                    return fail("but it resolves to that kind");
                }
            }
        }
        Want::Place(_, cc) | Want::In(cc) | Want::Kind(_, cc) | Want::Demonym(cc) => {
            let Some(t) = exact else {
                return fail("but no mention has exactly that span");
            };
            let Some(p) = t.place.map(|p| g.place(p)) else {
                return fail("but it is unresolved");
            };
            if p.country != cc {
                return fail("but the country differs");
            }
            match want {
                Want::Place(name_want, _) if p.name != name_want => {
                    return fail("but the name differs");
                }
                Want::Kind(kind, _) if p.kind != kind => return fail("but the kind differs"),
                Want::Demonym(_) if t.kind != MentionKind::Demonym => {
                    return fail("but it is not a demonym");
                }
                Want::Place(..) | Want::Kind(..) | Want::In(_) if t.kind != MentionKind::Place => {
                    return fail("but it is not a place mention");
                }
                _ => {}
            }
        }
        Want::Unresolved => {
            let Some(t) = overlapping.iter().find(|t| t.start <= s && e <= t.end) else {
                return fail("but no mention covers it");
            };
            if !matches!(t.resolution, Resolution::Unresolved | Resolution::Anchored) {
                return fail("but it was resolved from the gazetteer");
            }
        }
        Want::NotFromGazetteer => {
            if overlapping
                .iter()
                .any(|t| t.resolution == Resolution::Gazetteer)
            {
                return fail("but a mention resolved from the gazetteer overlaps");
            }
        }
    }
    Ok(())
}

fn check(cases: &[Case]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|&(text, surface, want)| check_case(text, surface, want).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn person_names_are_not_places() {
    check(&[
        (
            "Jordan Peterson said the lecture would go ahead.",
            "Jordan",
            Want::NotAPlace,
        ),
        (
            "Officials said Israel Katz had approved the plan.",
            "Israel",
            Want::NotAPlace,
        ),
        (
            "Mediators met in Cairo on Monday.",
            "Cairo",
            Want::Place("Cairo", "EG"),
        ),
    ]);
}

#[test]
#[ignore = "known gap: \"George Washington crossed the Delaware\" resolves Washington to Washington, D.C. (not embedded)"]
fn famous_person_named_after_a_place_is_not_a_place() {
    check(&[(
        "George Washington crossed the Delaware River in 1776.",
        "Washington",
        Want::NotAPlace,
    )]);
}

#[test]
fn organisation_names_embedding_a_place_are_flagged_embedded() {
    check(&[
        (
            "A spokesperson for the Israel Defense Forces said the operation was over.",
            "Israel",
            Want::EmbeddedOrAbsentNot(PlaceKind::City),
        ),
        (
            "The Gaza Health Ministry said hospitals were full.",
            "Gaza",
            Want::EmbeddedOrAbsentNot(PlaceKind::Admin1),
        ),
    ]);
}

#[test]
#[ignore = "known gap: \"George Washington University\" yields \"George\" -> George, Western Cape, ZA (city, embedded)"]
fn university_named_after_a_person_never_resolves_to_the_state() {
    check(&[
        (
            "Students at George Washington University protested on Monday.",
            "Washington",
            Want::EmbeddedOrAbsentNot(PlaceKind::Admin1),
        ),
        (
            "Students at George Washington University protested on Monday.",
            "George",
            Want::EmbeddedOrAbsentNot(PlaceKind::City),
        ),
    ]);
}

#[test]
fn jordan_river_versus_jordan_the_country() {
    check(&[
        (
            "Aid was carried across the Jordan River on Tuesday.",
            "Jordan River",
            Want::Kind(PlaceKind::Physical, ""),
        ),
        (
            "Convoys from Jordan waited at the border.",
            "Jordan",
            Want::Place("Jordan", "JO"),
        ),
        (
            "Amman said Jordan would keep sending aid.",
            "Jordan",
            Want::Place("Jordan", "JO"),
        ),
    ]);
}

#[test]
fn common_word_place_names_need_context() {
    check(&[
        (
            "The storm hit Mobile, Alabama overnight.",
            "Mobile",
            Want::Place("Mobile", "US"),
        ),
        (
            "The storm hit Mobile, Alabama overnight.",
            "Alabama",
            Want::Kind(PlaceKind::Admin1, "US"),
        ),
        (
            "Reading the report, officials said the talks had stalled.",
            "Reading",
            Want::NotAPlace,
        ),
        (
            "Nice weather helped the harvest, farmers said.",
            "Nice",
            Want::NotAPlace,
        ),
        (
            "The delegation flew to Nice on Monday.",
            "Nice",
            Want::Place("Nice", "FR"),
        ),
    ]);
}

#[test]
fn explicit_qualifiers_choose_the_sense() {
    check(&[
        (
            "The festival in Paris, Texas drew thousands of visitors.",
            "Paris",
            Want::In("US"),
        ),
        (
            "Ministers gathered in Paris to discuss reconstruction.",
            "Paris",
            Want::Place("Paris", "FR"),
        ),
        (
            "Floodwater reached Alexandria, Louisiana on Sunday.",
            "Alexandria",
            Want::In("US"),
        ),
        (
            "Shipping agents in Alexandria reported delays at the port.",
            "Alexandria",
            Want::In("EG"),
        ),
        (
            "Trucks crossed into Rafah, Egypt after midnight.",
            "Rafah",
            Want::In("EG"),
        ),
    ]);
}

#[test]
fn transliteration_variants_name_the_same_place() {
    let text = "Crowds gathered in Khan Yunis and Khan Younis on Friday.";
    check(&[
        (text, "Khan Yunis", Want::In("PS")),
        (text, "Khan Younis", Want::In("PS")),
    ]);
    let ex = extractor().extract(&Document::from_text("t", text));
    let places: BTreeSet<_> = ex.toponyms.iter().filter_map(|t| t.place).collect();
    assert_eq!(
        places.len(),
        1,
        "both spellings resolve to one place: {:?}",
        ex.toponyms
    );

    let text = "Shelling was reported in Shujaiya; residents of Shuja'iyya fled west.";
    let ex = extractor().extract(&Document::from_text("t", text));
    let places: Vec<_> = ex.toponyms.iter().map(|t| t.place).collect();
    assert_eq!(
        places.len(),
        2,
        "both spellings recognised: {:?}",
        ex.toponyms
    );
    assert!(
        places[0].is_some() && places[0] == places[1],
        "both spellings resolve to one place: {:?}",
        ex.toponyms
    );
}

#[test]
fn country_name_variants_resolve_to_the_country() {
    check(&[
        (
            "A U.S. envoy arrived in the region.",
            "U.S.",
            Want::Kind(PlaceKind::Country, "US"),
        ),
        (
            "The US envoy arrived in the region.",
            "US",
            Want::Kind(PlaceKind::Country, "US"),
        ),
        (
            "Officials in the United States welcomed the deal.",
            "United States",
            Want::Kind(PlaceKind::Country, "US"),
        ),
        (
            "Türkiye joined the guarantors of the deal.",
            "Türkiye",
            Want::Kind(PlaceKind::Country, "TR"),
        ),
        (
            "Turkey joined the guarantors of the deal.",
            "Turkey",
            Want::Kind(PlaceKind::Country, "TR"),
        ),
    ]);
}

#[test]
fn demonyms_link_to_their_country() {
    check(&[
        (
            "Israeli forces withdrew from the area.",
            "Israeli",
            Want::Demonym("IL"),
        ),
        (
            "Egyptian mediators presented a new draft.",
            "Egyptian",
            Want::Demonym("EG"),
        ),
        (
            "Qatari officials hosted the talks.",
            "Qatari",
            Want::Demonym("QA"),
        ),
        // Provinces and states have people too.
        (
            "Manitobans voted on Tuesday.",
            "Manitobans",
            Want::Demonym("CA"),
        ),
        (
            "Two Western Australians were hurt.",
            "Western Australians",
            Want::Demonym("AU"),
        ),
    ]);
}

#[test]
fn dateline_names_a_place() {
    check(&[
        (
            "CAIRO — Mediators met again on Sunday.",
            "CAIRO",
            Want::Place("Cairo", "EG"),
        ),
        (
            "BEIRUT, Nov. 24 — Strikes hit the south on Monday.",
            "BEIRUT",
            Want::Place("Beirut", "LB"),
        ),
        (
            "DOHA, Sept. 12 — Talks resumed.",
            "DOHA",
            Want::Place("Doha", "QA"),
        ),
    ]);
}

#[test]
fn gaza_places_resolve_locally() {
    check(&[
        (
            "Families moved south toward Deir al-Balah on Monday.",
            "Deir al-Balah",
            Want::In("PS"),
        ),
        (
            "Trucks waited at Kerem Shalom for inspection.",
            "Kerem Shalom",
            Want::Kind(PlaceKind::Facility, "IL"),
        ),
        (
            "Strikes were reported in Jabalia overnight.",
            "Jabalia",
            Want::In("PS"),
        ),
        (
            "Tents flooded in al-Mawasi after the storm.",
            "al-Mawasi",
            Want::In("PS"),
        ),
    ]);
}

#[test]
#[ignore = "known gap: \"Jabalia\" (matched only through its loose key, GeoNames spells it Jabalya) is dropped after \"returned to\" / \"hit\" but found after \"in\" / \"from\""]
fn loose_spellings_are_recognised_after_any_verb() {
    check(&[
        ("Families returned to Jabalia.", "Jabalia", Want::In("PS")),
        ("Strikes hit Jabalia.", "Jabalia", Want::In("PS")),
        (
            "Families returned to Khan Younis and Jabalia on Monday.",
            "Jabalia",
            Want::In("PS"),
        ),
    ]);
}

#[test]
fn context_marked_unknown_names_are_reported_unresolved() {
    check(&[
        (
            "Families sheltered in the Zorblat refugee camp after the strike.",
            "Zorblat",
            Want::Unresolved,
        ),
        (
            "Trucks queued for hours at the Qwertyville crossing.",
            "Qwertyville",
            Want::Unresolved,
        ),
    ]);
}

#[test]
fn washington_alone_in_news_is_the_capital() {
    check(&[(
        "Officials in Washington said the plan was ready.",
        "Washington",
        Want::Place("Washington", "US"),
    )]);
    let ex = extractor().extract(&Document::from_text(
        "t",
        "Officials in Washington said the plan was ready.",
    ));
    let g = gaz();
    let p = ex.toponyms[0].place.map(|p| g.place(p)).expect("resolved");
    assert_eq!(p.kind, PlaceKind::City, "{}", g.describe(p.id));
}

#[test]
fn capitalised_common_word_alone_is_not_a_british_town() {
    // "Camp" mid-sentence must not resolve to an unrelated gazetteer entry.
    check(&[(
        "Residents fled to Camp Placemapville after the storm.",
        "Camp",
        Want::NotFromGazetteer,
    )]);
}

#[test]
fn mention_counts_per_place_are_stable_across_formats() {
    // Same corpus, JSONL and GeoJSON: per-name counts agree.
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for d in demo_extract() {
        for t in d["toponyms"].as_array().expect("toponyms") {
            if let Some(id) = t["place_id"].as_str() {
                *by_name.entry(id.to_owned()).or_default() += 1;
            }
        }
    }
    let v: Value =
        serde_json::from_str(&ok(&["extract", "-q", "--format", "geojson", DEMO])).expect("JSON");
    for f in v["features"].as_array().expect("features") {
        let id = f["properties"]["place_id"].as_str().expect("place_id");
        assert_eq!(
            f["properties"]["mention_count"]
                .as_u64()
                .map(|c| c as usize),
            by_name.get(id).copied(),
            "{id}"
        );
    }
}
