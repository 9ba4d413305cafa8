//! The quality gate: end-to-end extraction and gold-span resolution on the project's own gold
//! (`data/demo/gold.jsonl`, `tests/fixtures/gold/extra.jsonl`, required toponyms only) must not
//! drop below the committed baseline in `tests/fixtures/quality-baseline.json`.
//!
//! The baseline is the measured score minus a 0.01 tolerance. After a deliberate improvement,
//! regenerate it with
//! `PLACEMAP_UPDATE_BASELINE=1 cargo test --no-default-features --test quality`
//! and commit the file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use placemap::corpus::Document;
use placemap::eval::{MatchMode, PredToponym, Scores, load_gold, score};
use placemap::extract::Extractor;
use placemap::gazetteer::{Gazetteer, PlaceKind};
use regex::Regex;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};

const GOLD_FILES: &[&str] = &["data/demo/gold.jsonl", "tests/fixtures/gold/extra.jsonl"];
const BASELINE: &str = "tests/fixtures/quality-baseline.json";
const TOLERANCE: f64 = 0.01;
const E2E_METRICS: &[&str] = &[
    "rec_overlap_p",
    "rec_overlap_r",
    "rec_overlap_f1",
    "res_acc161",
    "e2e_acc161",
];
const SPAN_METRICS: &[&str] = &["res_acc161", "e2e_acc161"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// (end to end, gold spans) scores of one gold file, required toponyms only.
fn measure(extractor: &Extractor, gold_path: &str) -> (Scores, Scores) {
    let gaz = extractor.gazetteer().clone();
    let gold = load_gold(&root().join(gold_path)).expect("load gold");
    let mut e2e: FxHashMap<String, Vec<PredToponym>> = FxHashMap::default();
    let mut spans: FxHashMap<String, Vec<PredToponym>> = FxHashMap::default();
    for g in &gold {
        let doc = g.document();
        e2e.insert(
            g.id.clone(),
            placemap::eval::predictions_from(&gaz, &doc, &extractor.extract(&doc)),
        );
        spans.insert(
            g.id.clone(),
            placemap::eval::predictions_from(
                &gaz,
                &doc,
                &extractor.resolve_spans(&doc, &g.byte_spans()),
            ),
        );
    }
    let required = Regex::new("^required$").expect("regex");
    (
        score(&gold, &e2e, Some(&required), MatchMode::Overlap),
        score(&gold, &spans, Some(&required), MatchMode::Overlap),
    )
}

fn metric(s: &Scores, name: &str) -> f64 {
    let v = serde_json::to_value(s).expect("scores serialise");
    v[name].as_f64().unwrap_or(0.0)
}

fn floor(x: f64) -> f64 {
    // three decimals, rounded down, after the tolerance
    ((x - TOLERANCE).max(0.0) * 1000.0).floor() / 1000.0
}

#[test]
fn quality_does_not_drop_below_the_committed_baseline() {
    let extractor = Extractor::new(Gazetteer::bundled_shared().expect("bundled gazetteer"));
    let mut measured: BTreeMap<&str, (Scores, Scores)> = BTreeMap::new();
    for gold in GOLD_FILES {
        let (e2e, spans) = measure(&extractor, gold);
        eprintln!(
            "{gold} (required): end to end P={:.4} R={:.4} F1={:.4} acc@161={:.4} e2e acc@161={:.4} (gold {} pred {}); \
             gold spans acc@161={:.4} e2e={:.4}",
            e2e.rec_overlap_p,
            e2e.rec_overlap_r,
            e2e.rec_overlap_f1,
            e2e.res_acc161.unwrap_or(0.0),
            e2e.e2e_acc161.unwrap_or(0.0),
            e2e.gold_toponyms,
            e2e.pred_toponyms,
            spans.res_acc161.unwrap_or(0.0),
            spans.e2e_acc161.unwrap_or(0.0),
        );
        measured.insert(gold, (e2e, spans));
    }

    let path = root().join(BASELINE);
    if std::env::var_os("PLACEMAP_UPDATE_BASELINE").is_some() {
        let mut files = serde_json::Map::new();
        for (gold, (e2e, spans)) in &measured {
            let pick = |s: &Scores, names: &[&str]| -> Value {
                names
                    .iter()
                    .map(|n| ((*n).to_owned(), json!(floor(metric(s, n)))))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            };
            files.insert((*gold).to_owned(), json!({"end_to_end": pick(e2e, E2E_METRICS), "gold_spans": pick(spans, SPAN_METRICS)}));
        }
        let doc = json!({
            "format_version": 1,
            "generated_by": "PLACEMAP_UPDATE_BASELINE=1 cargo test --no-default-features --test quality",
            "about": "Quality floor on the project's own gold, --gold-kinds '^required$', overlap match: measured minus 0.01, rounded down to 3 decimals.",
            "files": files,
        });
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&doc).expect("json") + "\n",
        )
        .expect("write baseline");
        eprintln!("wrote {}", path.display());
    }

    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read the committed baseline"))
            .expect("baseline JSON");
    assert_eq!(baseline["format_version"], 1, "unknown baseline format");
    let mut failures = Vec::new();
    for (gold, (e2e, spans)) in &measured {
        let b = &baseline["files"][*gold];
        assert!(b.is_object(), "no baseline for {gold}");
        for (setting, s, names) in [
            ("end_to_end", e2e, E2E_METRICS),
            ("gold_spans", spans, SPAN_METRICS),
        ] {
            for name in names {
                let floor = b[setting][*name]
                    .as_f64()
                    .unwrap_or_else(|| panic!("baseline lacks {gold} {setting} {name}"));
                let got = metric(s, name);
                if got < floor {
                    failures.push(format!(
                        "{gold} {setting} {name}: {got:.4} < baseline {floor:.3}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "quality dropped below the baseline:\n{}",
        failures.join("\n")
    );
}

#[test]
fn gold_span_resolution_returns_and_scores_every_required_span() {
    // In the gold-span setting the gold spans are the predictions: recognition is perfect by
    // construction and every required toponym with coordinates gets scored. (The accuracy floor
    // is in the baseline above.)
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    for gold in GOLD_FILES {
        let (_, spans) = measure(&extractor, gold);
        assert!(
            (spans.rec_exact_r - 1.0).abs() < 1e-12,
            "{gold}: gold spans not all returned (R={})",
            spans.rec_exact_r
        );
        assert!(
            (spans.rec_exact_p - 1.0).abs() < 1e-12,
            "{gold}: extra spans returned (P={})",
            spans.rec_exact_p
        );
        assert_eq!(
            spans.res_n, spans.gold_with_coords,
            "{gold}: every gold span with coordinates is scored"
        );
    }
}

fn resolve_span(text: &str, surface: &str) -> String {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let start = text.find(surface).expect("surface in text");
    let doc = Document::from_text("t", text);
    let ex = extractor.resolve_spans(&doc, &[(start, start + surface.len())]);
    assert_eq!(ex.toponyms.len(), 1);
    let gaz = extractor.gazetteer();
    ex.toponyms[0].place.map_or_else(
        || "unresolved".to_owned(),
        |p| gaz.place(p).country.to_owned(),
    )
}

/// Gold-span resolution of the first occurrence of each of `surfaces` in `text`: each
/// span's place described ("" when it has none).
fn spans_described(text: &str, surfaces: &[&str]) -> Vec<String> {
    let extractor = Extractor::new(Gazetteer::bundled_shared().expect("bundled gazetteer"));
    let gaz = extractor.gazetteer();
    let doc = Document::from_text("t", text);
    let spans: Vec<(usize, usize)> = surfaces
        .iter()
        .map(|s| {
            let start = text.find(s).expect("surface in text");
            (start, start + s.len())
        })
        .collect();
    extractor
        .resolve_spans(&doc, &spans)
        .toponyms
        .iter()
        .map(|t| t.place.map_or_else(String::new, |p| gaz.describe(p)))
        .collect()
}

#[test]
fn gold_span_resolution_uses_explicit_qualifiers() {
    // End to end these resolve right; with the same span given from gold they must too.
    assert_eq!(
        resolve_span(
            "The festival in Paris, Texas drew thousands of visitors.",
            "Paris"
        ),
        "US"
    );
    assert_eq!(
        resolve_span(
            "Floodwater reached Alexandria, Louisiana on Sunday.",
            "Alexandria"
        ),
        "US"
    );
    assert_eq!(
        resolve_span(
            "The mayor of Springfield, Illinois spoke on Monday.",
            "Springfield"
        ),
        "US"
    );
    // Canadian provinces by their Canada Post symbol and Canadian Press abbreviation.
    assert_eq!(
        resolve_span("The sawmill in Nelson, B.C. closed on Friday.", "Nelson"),
        "CA"
    );
    assert_eq!(
        resolve_span("Flooding hit Richmond, BC overnight.", "Richmond"),
        "CA"
    );
}

#[test]
fn a_county_the_document_names_picks_the_town_inside_it() {
    // Neither name alone says which Paris or which Henry County; together they fit only in
    // Tennessee (Paris is the seat of Henry County, Tenn.).
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let gaz = extractor.gazetteer();
    let describe = |text: &str| -> Vec<String> {
        let doc = Document::from_text("t", text);
        extractor
            .extract(&doc)
            .toponyms
            .iter()
            .map(|t| t.place.map_or_else(String::new, |p| gaz.describe(p)))
            .collect()
    };
    let both = describe(
        "Residents of Paris and Henry County packed the courthouse on Tuesday to hear the \
         school board explain the budget shortfall.",
    );
    assert_eq!(
        both,
        [
            "Paris (city, Tennessee, US)",
            "Henry County (admin2, Tennessee, US)"
        ],
        "{both:?}"
    );
    // Without the county, Paris is the French capital.
    let alone = describe("Residents of Paris packed the hall on Tuesday to hear the budget.");
    assert_eq!(alone.len(), 1);
    assert!(alone[0].ends_with("FR)"), "{alone:?}");
}

#[test]
fn a_sentence_opening_word_is_not_taken_for_a_given_name() {
    // "In" is also a census given name; "In Springfield, …" must not make "Springfield" a
    // person's surname for the rest of the document.
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let doc = Document::from_text(
        "t",
        "In Springfield, Massachusetts, the council met. Springfield approved the budget.",
    );
    let ex = extractor.extract(&doc);
    let found: Vec<&str> = ex
        .toponyms
        .iter()
        .map(|t| &doc.text[t.start..t.end])
        .collect();
    assert_eq!(
        found.iter().filter(|s| **s == "Springfield").count(),
        2,
        "{found:?}"
    );
}

/// Fails unless `surface` was found and described as starting with `prefix`.
fn assert_described(found: &[(String, String)], surface: &str, prefix: &str) {
    assert!(
        described_as(found, surface).starts_with(prefix),
        "{found:?}"
    );
}

/// [`assert_described`] for each `(surface, prefix)` pair.
fn assert_all_described(found: &[(String, String)], expected: &[(&str, &str)]) {
    for (surface, prefix) in expected {
        assert_described(found, surface, prefix);
    }
}

/// Fails if any of `surfaces` was found as a place.
fn assert_none_of(found: &[(String, String)], surfaces: &[&str]) {
    assert!(
        !found.iter().any(|(s, _)| surfaces.contains(&s.as_str())),
        "{found:?}"
    );
}

/// The description of the place found for `surface` ("" when none was).
fn described_as(found: &[(String, String)], surface: &str) -> String {
    found
        .iter()
        .find(|(s, _)| s == surface)
        .map(|(_, d)| d.clone())
        .unwrap_or_default()
}

/// What each mention of `surface` resolved to, in text order.
fn descriptions_of<'a>(found: &'a [(String, String)], surface: &str) -> Vec<&'a str> {
    found
        .iter()
        .filter(|(s, _)| s == surface)
        .map(|(_, d)| d.as_str())
        .collect()
}

/// Place names found in `text` end to end, each with the place it resolved to.
fn places_in(text: &str) -> Vec<(String, String)> {
    places_in_doc(&Document::from_text("t", text))
}

/// Each resolved mention in `text` with its place's reference point (lat, lon).
fn points_in(text: &str) -> Vec<(String, f64, f64)> {
    let extractor = Extractor::new(Gazetteer::bundled_shared().expect("bundled gazetteer"));
    let gaz = extractor.gazetteer();
    let doc = Document::from_text("t", text);
    extractor
        .extract(&doc)
        .toponyms
        .iter()
        .filter_map(|t| {
            let p = gaz.place(t.place?);
            Some((doc.text[t.start..t.end].to_owned(), p.lat, p.lon))
        })
        .collect()
}

/// [`places_in`] for a document built by the caller (a title, say).
fn places_in_doc(doc: &Document) -> Vec<(String, String)> {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let gaz = extractor.gazetteer();
    extractor
        .extract(doc)
        .toponyms
        .iter()
        .map(|t| {
            (
                doc.text[t.start..t.end].to_owned(),
                t.place.map_or_else(String::new, |p| gaz.describe(p)),
            )
        })
        .collect()
}

#[test]
fn a_name_the_gazetteer_lacks_lies_where_the_text_puts_it() {
    let found = places_in(
        "Crowds gathered on Hamra Street in Beirut on Friday. Officials in Tripoli, Libya, \
         said talks would resume.",
    );
    let street = found
        .iter()
        .find(|(s, _)| s == "Hamra Street")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(street.1.starts_with("Beirut"), "{found:?}");
    // A street named with an ordinary word, written mid-sentence.
    let royal = places_in("The parade moved down Royal Street in New Orleans on Sunday.");
    let street = royal
        .iter()
        .find(|(s, _)| s == "Royal Street")
        .unwrap_or_else(|| panic!("{royal:?}"));
    assert!(street.1.starts_with("New Orleans"), "{royal:?}");
    // Named after the town it is in, earlier in the paragraph, rather than at the document's
    // focus (here the dateline's Washington).
    let after = places_in(
        "WASHINGTON — Officials welcomed the deal. In Gaza City, crowds celebrated late into \
         the night on al-Jalaa Street.",
    );
    let street = after
        .iter()
        .find(|(s, _)| s.ends_with("Jalaa Street"))
        .unwrap_or_else(|| panic!("{after:?}"));
    assert!(street.1.starts_with("Gaza"), "{after:?}");
}

#[test]
fn names_that_only_look_like_places_are_not_places() {
    // A heading of ordinary words, a transliterated surname with nothing pointing to the
    // town it resembles, and a country before a comma that starts a new phrase.
    let found = places_in(
        "Regional Roles\n\nOfficials in Baghdad said al-Maliki's allies met on Monday. \
         Warships arrived in the Middle East, US Central Command said.",
    );
    let texts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    assert!(!texts.contains(&"Roles"), "{found:?}");
    assert!(!texts.iter().any(|s| s.contains("Maliki")), "{found:?}");
    let me = found
        .iter()
        .find(|(s, _)| s == "Middle East")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(me.1.contains("region"), "{found:?}");
    // Words that name no place on their own.
    let found = places_in(
        "Olympic organizers in Sochi met the Region 1 board and the Pacific Coast Federation. \
         Metro Nashville police were told.",
    );
    assert_none_of(&found, &["Olympic", "Region", "Coast", "Metro"]);
    assert_described(&found, "Sochi", "Sochi");
    // Makers and brands named like towns.
    let found = places_in(
        "A 1992 Toyota Corolla hit a tree in Nashville. Inditex, the parent company behind Zara, \
         opened a store in Madrid.",
    );
    assert_none_of(&found, &["Toyota", "Zara"]);
    assert_described(&found, "Madrid", "Madrid");
}

#[test]
fn names_listed_before_a_plural_head_are_places_of_that_kind() {
    // "Cooke, Grayson and Love counties": each name is a county, though none says so itself.
    let found = places_in(
        "Storm damage was reported across Cooke, Grayson and Love counties on Sunday, and \
         crews from Hitchcock and Hayes counties helped clear the roads.",
    );
    for name in ["Cooke", "Grayson", "Love", "Hitchcock", "Hayes"] {
        let hit = found
            .iter()
            .find(|(s, _)| s == name)
            .unwrap_or_else(|| panic!("{name}: {found:?}"));
        assert!(hit.1.contains("County (admin2"), "{name}: {found:?}");
    }
}

#[test]
fn the_kind_of_place_follows_from_the_words_around_it() {
    // A lowercase head, a list of states, a dotted abbreviation after a comma.
    let found = places_in(
        "Lawmakers from Washington state visited Jerusalem. Storms hit Missouri, New York, \
         North Carolina and Virginia. She moved to Washington, D.C., in May.",
    );
    let described: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
    assert!(described.contains(&"Washington (admin1, US)"), "{found:?}");
    assert!(described.contains(&"New York (admin1, US)"), "{found:?}");
    assert!(
        described.contains(&"Washington (city, District of Columbia, US)"),
        "{found:?}"
    );
    // "X province", "X region": the unit, not its same-named capital; "the Charlotte region"
    // is still the city's. "Congo" beside Goma is the Democratic Republic.
    let units = places_in(
        "Fighting raged near Pokrovsk in the Donetsk region. Strikes hit Idlib province. In \
         Goma, in eastern Congo, rebels held the airport. Jobs grew in the \
         Charlotte region of North Carolina.",
    );
    let kind_of = |surface: &str| described_as(&units, surface);
    assert!(kind_of("Donetsk").contains("admin1"), "{units:?}");
    assert!(kind_of("Idlib").contains("admin1"), "{units:?}");
    assert!(
        kind_of("Congo").starts_with("Democratic Republic"),
        "{units:?}"
    );
    assert!(kind_of("Charlotte").contains("US"), "{units:?}");
}

#[test]
fn places_inside_other_names_are_not_mentions_of_the_place() {
    // Agreements named after where they were signed, a university named after a person, and
    // a parliament building inside a committee's name.
    let found = places_in(
        "The monitors cited the Oslo Accords and the Geneva Conventions. Dr. Brown teaches at \
         George Washington University. The minister briefed the Knesset Foreign Affairs and \
         Defense Committee in Jerusalem.",
    );
    let texts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    for name in ["Oslo", "Geneva", "George", "Washington", "Knesset"] {
        assert!(!texts.contains(&name), "{name}: {found:?}");
    }
    assert!(texts.contains(&"Jerusalem"), "{found:?}");
    // A convention centre is a building in the town.
    let venue = places_in("The fair opened at the Dublin Convention Center in Ohio.");
    assert!(venue.iter().any(|(s, _)| s == "Dublin"), "{venue:?}");
}

#[test]
fn people_firms_and_dates_are_not_places() {
    let found = places_in(
        "Grand Jury Indicts Man In December Slaying\n\nIn the interview, Sandberg reiterated \
         the plan. The horse was trained by Mike de Kock. Sponsors included Johnson & Johnson. \
         Allies of Nino Burjanadze met on Nov. 13 in Tbilisi, before St. Patrick's Day. \"We \
         will see,\" said Keith.",
    );
    let texts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    for name in [
        "Man", "Sandberg", "Kock", "Johnson", "Nov", "Patrick", "Keith",
    ] {
        assert!(!texts.contains(&name), "{name}: {found:?}");
    }
    assert!(texts.contains(&"Tbilisi"), "{found:?}");
    // A dateline's month is not a qualifier of its city.
    let dateline = places_in("CAIRO, Nov. 6 — Talks resumed on Thursday.");
    assert!(!dateline.iter().any(|(s, _)| s == "Nov"), "{dateline:?}");
    // A place that speaks through its officials is still the place.
    let said = places_in("Officials in Geneva said the talks would resume.");
    assert!(said.iter().any(|(s, _)| s == "Geneva"), "{said:?}");
    // A first name the lexicon lacks still makes the next word a surname, here and later on.
    let player = places_in(
        "The striker Dwyke Adams will miss the derby in Leeds. The club said Adams would appeal \
         the ban.",
    );
    assert!(!player.iter().any(|(s, _)| s == "Adams"), "{player:?}");
    assert!(player.iter().any(|(s, _)| s == "Leeds"), "{player:?}");
    // A headline that opens with a town whose name is nothing else keeps it; a title
    // abbreviation and a contraction at a sentence start are not towns.
    let headline = places_in(
        "Decatur to discuss school overcrowding plan\n\nSens. Tom Udall and Martin Heinrich \
         wrote to the board. He’d like a vote, Udall said.",
    );
    let texts: Vec<&str> = headline.iter().map(|(s, _)| s.as_str()).collect();
    assert!(texts.contains(&"Decatur"), "{headline:?}");
    assert!(
        !texts
            .iter()
            .any(|s| s.starts_with("Sens") || s.starts_with("He")),
        "{headline:?}"
    );
    // An ordinary word as a town's name, marked as one by the word for its people after it.
    let resident = places_in("The 41-year-old Concord resident was treated in Oakland.");
    assert!(resident.iter().any(|(s, _)| s == "Concord"), "{resident:?}");
    // A hyphenated pair of given names opens a person's name, and a state of millions named
    // like that person is no reason to keep the place reading of the surname later on.
    let star = places_in(
        "Lin-Manuel Miranda thought he had a migraine. Miranda tweeted on Thursday from \
         New York.",
    );
    assert_none_of(&star, &["Miranda"]);
    assert_described(&star, "New York", "New York");
}

#[test]
fn institutions_and_party_labels_keep_their_places() {
    // A state patrol or a county fair is not a person's name; "D-Pa." names a state.
    let found = places_in(
        "Officers from the Florida Highway Patrol responded. The 2008 Walker County Fair Queen \
         spoke. Sen. Bob Casey, D-Pa., and Rep. James Clyburn, D-S.C., objected.",
    );
    let described: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
    for place in [
        "Florida (admin1, US)",
        "Pennsylvania (admin1, US)",
        "South Carolina (admin1, US)",
    ] {
        assert!(described.contains(&place), "{place}: {found:?}");
    }
    assert!(
        found
            .iter()
            .any(|(s, d)| s == "Walker County" && d.contains("admin2")),
        "{found:?}"
    );
    // A state whose name is also a given name, at the head of an agency's name.
    let agencies = places_in(
        "Agents of the Georgia Bureau of Investigation arrived in Atlanta. Results are posted by the \
         Virginia State Board of Elections.",
    );
    let described: Vec<&str> = agencies.iter().map(|(_, d)| d.as_str()).collect();
    for place in ["Georgia (admin1, US)", "Virginia (admin1, US)"] {
        assert!(described.contains(&place), "{place}: {agencies:?}");
    }
    // A list item is not a qualifier, a street abbreviation is not a saint, and a school named
    // after its town keeps the town.
    let more = places_in(
        "Rail service connecting Cleveland, Columbus, Dayton and Cincinnati was funded. She \
         lives at 1935 Orchard St., Alexandria. Tuition to Paris High School rose.",
    );
    let texts: Vec<&str> = more.iter().map(|(s, _)| s.as_str()).collect();
    for name in ["Columbus", "Alexandria", "Paris"] {
        assert!(texts.contains(&name), "{name}: {more:?}");
    }
    // Abbreviations written with a space after the initial, or after "in".
    let abbreviated = places_in(
        "Rep. Ann Ford, D-W. Va., objected. The plant opens in S.C. next year, and a second one \
         near Elkins, W. Va., in 2027.",
    );
    let states: Vec<&str> = abbreviated.iter().map(|(_, d)| d.as_str()).collect();
    for place in ["West Virginia (admin1, US)", "South Carolina (admin1, US)"] {
        assert!(states.contains(&place), "{place}: {abbreviated:?}");
    }
    assert_eq!(
        states
            .iter()
            .filter(|d| d.starts_with("West Virginia"))
            .count(),
        2,
        "{abbreviated:?}"
    );
}

#[test]
fn sentence_opening_words_and_spelling_variants_do_not_hide_places() {
    // "As", "At" and "An" are also transliterated articles ("As Suwayda"); opening an English
    // sentence they are words, and the place name starts after them.
    let found = places_in(
        "As Gaza burned, the talks stalled. At El-Arish the trucks waited for a week. \
         Mourners gathered in Kfar Aza, the village next to Nahal Oz.",
    );
    let texts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    for name in ["Gaza", "El-Arish", "Kfar Aza", "Nahal Oz"] {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
    // "Kfar Aza" is spelt "Kfar ‘Azza" in the gazetteer: a two-word variant of a small place
    // still finds it, however few people live there.
    let kfar = found.iter().find(|(s, _)| s == "Kfar Aza");
    assert!(
        kfar.is_some_and(|(_, name)| name.contains("Azza")),
        "{found:?}"
    );
    // An all-capitals headline: "AS" is the English word, not an article inside a name.
    let headline = places_in("ISRAEL STRIKES RAFAH AS TALKS STALL IN CAIRO\n\nTalks resumed.");
    let texts: Vec<&str> = headline.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(texts, ["ISRAEL", "RAFAH", "CAIRO"], "{headline:?}");
    // "the village of …" says a place follows: a spelling variant of a village ("Qatanah")
    // counts there when the document points to its country.
    let village = places_in("The attacker came from the village of Qatanna near Ramallah.");
    assert!(village.iter().any(|(s, _)| s == "Qatanna"), "{village:?}");
}

#[test]
fn an_abbreviated_spelling_is_as_good_as_the_name_it_abbreviates() {
    // "St. Petersburg" is Saint Petersburg's own name, abbreviated: the Russian city of five
    // million, not the Florida city that the story's mention of the US would otherwise favour.
    let found = places_in(
        "Russia will close the US consulate in St. Petersburg and expel 60 diplomats, a \
         spokeswoman said.",
    );
    assert_described(&found, "St. Petersburg", "Saint Petersburg (city");
}

#[test]
fn a_region_inside_a_list_of_towns_is_a_list_item_not_a_qualifier() {
    // "Alexandria, Louisiana" qualifies; "Tulkarem, Nablus" inside a list of towns does not:
    // Nablus the governorate does not contain Tulkarem, so Nablus is the next town.
    let found = places_in(
        "Overnight raids in Jenin, Tulkarem, Nablus and Qalqilya left five dead. The firm has \
         offices in Boston, Miami, New York and Detroit.",
    );
    let nablus = found.iter().find(|(s, _)| s == "Nablus");
    assert!(nablus.is_some_and(|(_, d)| d.contains("city")), "{found:?}");
    let new_york = found.iter().find(|(s, _)| s == "New York");
    assert!(
        new_york.is_some_and(|(_, d)| d.contains("New York City")),
        "{found:?}"
    );
    // The region's spelling ("Deir al-Balah") differs from the city's ("Dayr al Balah"): the
    // city is still what the bare name means.
    let deir = places_in("UNRWA said its warehouses in Deir al-Balah were empty.");
    assert!(
        deir.iter()
            .any(|(s, d)| s == "Deir al-Balah" && d.contains("city")),
        "{deir:?}"
    );
    // A state after a town is a qualifier only if the town is in it under its own name: a
    // New York town with "Washington" among its other names does not make this a "Paris,
    // Texas".
    let tour = places_in(
        "After stops in Washington, New York and Boston, the crown prince flew to Los Angeles.",
    );
    assert!(
        tour.iter().any(|(s, d)| s == "Washington"
            && d.starts_with("Washington")
            && d.contains("District of Columbia")),
        "{tour:?}"
    );
    let town = places_in("The festival is held in Alexandria, Louisiana, every spring.");
    assert!(
        town.iter()
            .any(|(s, d)| s == "Alexandria" && d.contains("US")),
        "{town:?}"
    );
}

#[test]
fn landmarks_and_corridors_are_what_news_means_by_their_names() {
    let found = places_in(
        "Strikes on Khan Younis's Nasser Hospital drew condemnation. Troops held the Morag axis \
         and the Philadelphi route. The newspaper said the White House had pressed for more aid.",
    );
    let place_of = |surface: &str| described_as(&found, surface);
    // A possessive closes the place's name before it: the hospital is not part of a longer
    // proper name.
    assert!(
        place_of("Nasser Hospital").starts_with("Nasser Hospital"),
        "{found:?}"
    );
    // "axis" and "route" are heads, as "corridor" is: not Morąg in Poland.
    assert!(place_of("Morag").starts_with("Morag corridor"), "{found:?}");
    assert!(
        place_of("Philadelphi").starts_with("Philadelphi corridor"),
        "{found:?}"
    );
    // The landmark, not White House, Tennessee.
    assert!(place_of("White House").contains("facility"), "{found:?}");
}

#[test]
fn features_named_after_places_and_towns_paired_with_towns() {
    let found = places_in(
        "Carriers now send ships around the Cape of Good Hope, and storms in the Gulf of Alaska \
         delayed others. Drones struck the coastal road between Tyre and Sidon. The missile \
         was intercepted over the Arava desert north of Eilat.",
    );
    let place_of = |surface: &str| described_as(&found, surface);
    // The whole feature's name, not Good Hope, California, nor a "Gulf" region.
    assert!(
        place_of("Cape of Good Hope").starts_with("Cape of Good Hope"),
        "{found:?}"
    );
    assert_none_of(&found, &["Good Hope", "Gulf"]);
    // A feature the gazetteer lacks is placed by the place it is named after.
    assert!(
        place_of("Gulf of Alaska").starts_with("Alaska"),
        "{found:?}"
    );
    // An ordinary word paired with a town is a town.
    assert!(place_of("Tyre").contains("LB"), "{found:?}");
    // A town abroad matched only through an alternate spelling, with nothing in the story
    // pointing to its country, is not what the text means.
    assert!(!place_of("Arava").contains("CH"), "{found:?}");
}

/// Resolves every occurrence of `surfaces` as given spans; the country `which` is placed in.
fn country_of_given(text: &str, surfaces: &[&str], which: &str) -> Option<String> {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let mut spans: Vec<(usize, usize)> = surfaces
        .iter()
        .flat_map(|s| text.match_indices(s).map(|(i, m)| (i, i + m.len())))
        .collect();
    spans.sort_unstable();
    let ex = extractor.resolve_spans(&Document::from_text("t", text), &spans);
    let gaz = extractor.gazetteer();
    ex.toponyms
        .iter()
        .find(|t| &text[t.start..t.end] == which)
        .and_then(|t| t.place)
        .map(|p| gaz.place(p).country.to_owned())
}

#[test]
fn names_placed_by_context_follow_the_settled_places_of_the_story() {
    // Only context settles "Liverpool"; the story's focus is where it settles, not the one
    // unambiguous country named in passing, so the stadium is placed in England.
    let text = "Fans threw bottles at the Manchester City bus outside Anfield, police in the \
                UK said. Liverpool won the match 3-0. Liverpool fans celebrated in the \
                streets. UEFA opened proceedings at its headquarters in Switzerland.";
    let surfaces = [
        "Manchester City",
        "Anfield",
        "UK",
        "Liverpool",
        "Switzerland",
    ];
    let anfield = country_of_given(text, &surfaces, "Anfield");
    assert_eq!(anfield.as_deref(), Some("GB"));
}

#[test]
fn the_focus_is_the_town_the_story_places_agree_on() {
    // A builder named like a London suburb, named three times, is no reason to put the
    // clubhouse in London: Gainesville, Centreville and Virginia agree on northern Virginia.
    let text = "Norbury Homes is building 300 houses near Gainesville, Va. Norbury said the \
                first buyers move in this spring. Commuters drive to Centreville or take the \
                train. A spokesman for Norbury said sales were brisk.\n\n\
                The Heritage Commons clubhouse opens in June.";
    let surfaces = [
        "Norbury",
        "Gainesville",
        "Va.",
        "Centreville",
        "Heritage Commons",
    ];
    let clubhouse = country_of_given(text, &surfaces, "Heritage Commons");
    assert_eq!(clubhouse.as_deref(), Some("US"));
}

#[test]
fn a_country_inside_an_institution_name_is_not_overruled_by_the_story_town() {
    // The story happens in Houston, far from Mexico and Europe; a bank or commission named
    // after a country or continent is still about that country, while a school or mall named
    // after one stands in the story's town.
    let text = "HOUSTON — Traders in Houston and Pasadena watched the Bank of Mexico raise \
                rates on Tuesday. The European Commission said it would respond. Parents at \
                the British International School in Houston were told classes resume Monday, \
                and the Mall of Asia outlet near Pasadena reopened.";
    let surfaces = [
        "HOUSTON",
        "Houston",
        "Pasadena",
        "Bank of Mexico",
        "European Commission",
        "British International School",
        "Mall of Asia",
    ];
    let country = |which: &str| country_of_given(text, &surfaces, which);
    assert_eq!(country("Bank of Mexico").as_deref(), Some("MX"));
    // Europe has no country code: anything but the story's US.
    assert_ne!(country("European Commission").as_deref(), Some("US"));
    assert!(country("European Commission").is_some());
    assert_eq!(
        country("British International School").as_deref(),
        Some("US")
    );
    assert_eq!(country("Mall of Asia").as_deref(), Some("US"));
}

#[test]
fn a_name_inside_a_longer_name_is_the_notable_place_among_its_words() {
    // "Nazi" is among the alternate names of a hamlet; "Germany" is what the name is about.
    let text = "Veterans in Moscow and St. Petersburg remembered the war against Nazi Germany.";
    let surfaces = ["Moscow", "St. Petersburg", "Nazi Germany"];
    let country = country_of_given(text, &surfaces, "Nazi Germany");
    assert_eq!(country.as_deref(), Some("DE"));
    // An ordinary word is not notable: "Thames Valley" is the river's, not a town called Valley.
    let text = "Flood warnings were issued across the Thames Valley near Reading and Oxford.";
    let surfaces = ["Thames Valley", "Reading", "Oxford"];
    let country = country_of_given(text, &surfaces, "Thames Valley");
    assert_eq!(country.as_deref(), Some("GB"));
}

#[test]
fn a_seat_of_government_that_speaks_is_the_government_not_a_place() {
    let found = places_in(
        "The White House declined to comment, and White House aides said nothing. The Kremlin \
         denied the report. Senior Pentagon officials briefed reporters. Later the president \
         spoke from the White House.",
    );
    let count = |name: &str| found.iter().filter(|(s, _)| s.ends_with(name)).count();
    // Only the site the president spoke from is a place.
    assert_eq!(count("White House"), 1, "{found:?}");
    assert_eq!(count("Kremlin"), 0, "{found:?}");
    assert_eq!(count("Pentagon"), 0, "{found:?}");
    // A hospital whose staff speak is still where the story happens.
    let found = places_in("In Khan Younis, Nasser Hospital officials said the wards were full.");
    assert_described(&found, "Nasser Hospital", "Nasser");
}

#[test]
fn faiths_and_peoples_are_not_the_towns_named_after_them() {
    let found = places_in(
        "Igbo leaders met in Enugu on Sunday. A Sikh temple in Coventry and Shiite pilgrims in \
         Karbala were also mentioned.",
    );
    let texts: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    for name in ["Igbo", "Sikh", "Shiite"] {
        assert!(!texts.contains(&name), "{name}: {found:?}");
    }
    for name in ["Enugu", "Coventry", "Karbala"] {
        assert!(texts.contains(&name), "{name}: {found:?}");
    }
}

#[test]
fn a_given_name_that_is_only_an_old_name_of_a_town_is_the_person() {
    let found = places_in(
        "Rozen's wife, Julia, has taken on the search. Storms flooded roads in Brittany and \
         Plovdiv.",
    );
    assert_none_of(&found, &["Julia"]);
    assert_described(&found, "Brittany", "Bretagne");
    assert_described(&found, "Plovdiv", "Plovdiv");
}

#[test]
fn a_state_named_with_its_head_word_is_the_state_not_its_capital() {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let gaz = extractor.gazetteer();
    let text = "Gunmen attacked villages in Sokoto State, officials in Abuja said. Farmers in \
                Oaxaca State blocked roads.";
    let spans: Vec<(usize, usize)> = ["Sokoto State", "Abuja", "Oaxaca State"]
        .iter()
        .map(|s| {
            let i = text.find(s).expect("surface in text");
            (i, i + s.len())
        })
        .collect();
    let ex = extractor.resolve_spans(&Document::from_text("t", text), &spans);
    for (surface, country) in [("Sokoto State", "NG"), ("Oaxaca State", "MX")] {
        let place = ex
            .toponyms
            .iter()
            .find(|t| &text[t.start..t.end] == surface)
            .and_then(|t| t.place)
            .map(|p| gaz.place(p))
            .expect("resolved");
        assert_eq!(place.kind, PlaceKind::Admin1, "{surface}: {}", place.name);
        assert_eq!(place.country, country);
    }
    // Found in running text too, whole; an American "X State" is a university.
    let found = places_in(
        "Gunmen attacked villages in Sokoto State on Sunday. Mississippi State won in Dallas.",
    );
    assert_described(&found, "Sokoto State", "Sokoto (admin1");
    assert!(
        !found.iter().any(|(s, _)| s == "Mississippi State"),
        "{found:?}"
    );
}

#[test]
fn british_counties_are_counties_and_initials_are_never_villages() {
    let found = places_in(
        "LONDON — Rain flooded roads across Kent and Hampshire on Sunday, and the meeting at \
         Brands Hatch was called off. Police in Fife said the A92 was closed.",
    );
    let place_of = |surface: &str| described_as(&found, surface);
    for county in ["Kent", "Hampshire", "Fife"] {
        assert!(place_of(county).contains("GB"), "{county}: {found:?}");
    }
    // Beside Paris and Urbana, "U.S." is still the country, not Us in the Val-d'Oise.
    let found = places_in(
        "PARIS, Ill. — The judge explained her rights as a U.S. citizen. Evans was taken to \
         the hospital in Urbana and will return to Paris next week. Paris police said the \
         case would go to the Edgar County court.",
    );
    assert_described(&found, "U.S.", "United States");
}

#[test]
fn gold_spans_the_gazetteer_lacks_are_placed_by_the_names_inside_them() {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let gaz = extractor.gazetteer();
    let text = "Researchers at University of Northern Colorado expect a busy season in the Atlantic \
                Ocean. The US Federal Reserve and the European Central Bank held rates, and \
                the British Embassy Tokyo issued a warning.";
    let surfaces = [
        "University of Northern Colorado",
        "Atlantic Ocean",
        "US Federal Reserve",
        "European Central Bank",
        "British Embassy Tokyo",
    ];
    let spans: Vec<(usize, usize)> = surfaces
        .iter()
        .map(|s| {
            let i = text.find(s).expect("surface in text");
            (i, i + s.len())
        })
        .collect();
    let doc = Document::from_text("t", text);
    let ex = extractor.resolve_spans(&doc, &spans);
    let name_of = |surface: &str| {
        ex.toponyms
            .iter()
            .find(|t| &text[t.start..t.end] == surface)
            .and_then(|t| t.place)
            .map(|p| gaz.place(p).name.to_owned())
            .unwrap_or_default()
    };
    // The state the university is named after, not the ocean the story also names.
    assert_eq!(name_of("University of Northern Colorado"), "Colorado");
    // A country's two-letter code, and an adjective when nothing else is named.
    assert_eq!(name_of("US Federal Reserve"), "United States");
    assert_eq!(name_of("European Central Bank"), "Europe");
    // A place named outright beats the adjective.
    assert_eq!(name_of("British Embassy Tokyo"), "Tokyo");
}

#[test]
fn dotted_state_initials_name_the_state_wherever_they_stand() {
    let found = places_in(
        "The S.C. Highway Patrol said the crash closed S.C. 6 for hours. The temple dates \
         from 500 B.C., the museum said.",
    );
    let states: Vec<&String> = found
        .iter()
        .filter(|(s, _)| s == "S.C.")
        .map(|(_, d)| d)
        .collect();
    assert_eq!(states.len(), 2, "{found:?}");
    assert!(
        states.iter().all(|d| d.starts_with("South Carolina")),
        "{found:?}"
    );
    // After a number, initials are an era.
    assert_none_of(&found, &["B.C."]);
}

#[test]
fn headline_words_and_personal_names_are_not_small_towns() {
    // A headline's first word running on into the sentence is no dateline.
    let found = places_in("Man booked after fight at a bar\n\nA man was arrested on Friday.");
    assert_none_of(&found, &["Man"]);
    // A name that is a person's and only small towns', with nothing in the story near them.
    let found = places_in(
        "The couple lost their first child, Hailey, in 2006. Hailey was born with a heart \
         defect, and the family now raises money for research in Denver.",
    );
    assert_none_of(&found, &["Hailey"]);
    assert_described(&found, "Denver", "Denver");
}

#[test]
fn initials_of_a_place_named_in_the_story_are_that_place() {
    let found = places_in(
        "Trinidad and Tobago and the Central African Republic signed the accord. Officials \
         said T&T would host the next round and CAR would send a delegation. Shares of \
         Scotiabank T&T rose. WHY T&T MATTERS was the headline.",
    );
    let said = |surface: &str| {
        found
            .iter()
            .filter(|(s, _)| s == surface)
            .map(|(_, d)| d.clone())
            .collect::<Vec<_>>()
    };
    // After a capitalised name the initials are part of it, and a headline shouts.
    assert_eq!(said("T&T").len(), 1, "{found:?}");
    assert!(
        said("T&T")[0].starts_with("Trinidad and Tobago"),
        "{found:?}"
    );
    assert_eq!(said("CAR").len(), 1, "{found:?}");
    assert!(
        said("CAR")[0].starts_with("Central African Republic"),
        "{found:?}"
    );

    // A country's two-word demonym spells its initials too; a sentence-opening "That" is no
    // name the initials belong to; and a list of provinces elsewhere in the story (spans the
    // recogniser settles itself) does not switch the rule off.
    let found = places_in(
        "Millions of South Africans depend on mining. That SA holds the ore matters. Mines \
         in the North West and Limpopo provinces pay chiefs.",
    );
    assert_described(&found, "SA", "South Africa");

    // Given as a span the gazetteer lacks, the initials are placed the same way.
    let text = "Trinidad and Tobago sent troops; T&T officials said the OAS agreed.";
    let tt = country_of_given(text, &["Trinidad and Tobago", "T&T"], "T&T");
    assert_eq!(tt.as_deref(), Some("TT"));
}

#[test]
fn a_bare_river_name_is_not_the_river() {
    let found = places_in(
        "Amazon said its Fire TV sales rose, and Channel 4 aired the results. Fires burned \
         along the Amazon for weeks. Flooding hit the Thames Valley, and Amazon River \
         communities moved inland.",
    );
    let count = |surface: &str| found.iter().filter(|(s, _)| s == surface).count();
    // Neither the firm nor the broadcaster is water; "the Amazon", "Amazon River" and the
    // river a valley is named after (the whole name, placed through it) are.
    assert_eq!(count("Amazon"), 1, "{found:?}");
    assert_eq!(count("Amazon River"), 1, "{found:?}");
    assert_described(&found, "Thames Valley", "River Thames");
    assert_none_of(&found, &["Channel"]);
}

#[test]
fn a_bare_name_that_speaks_is_a_person_unless_it_is_somewhere_sizeable() {
    // Only small towns are called Payette or Winterton: beside a verb of saying, the name is
    // the person quoted. A government speaks through its capital or its state.
    let found = places_in(
        "The fire started near the barn before dawn, Payette said. \"We lost everything,\" \
         Winterton added. Beijing said it would send aid, and Tamil Nadu said it had \
         opened shelters.",
    );
    assert_none_of(&found, &["Payette", "Winterton"]);
    assert_described(&found, "Beijing", "Beijing");
    assert_described(&found, "Tamil Nadu", "Tamil N");
    // A bare, singular nationality word that speaks is a surname; a plural is the people.
    let found = places_in(
        "\"The road was closed by noon,\" French said. Israelis say the crossing reopened.",
    );
    assert_none_of(&found, &["French"]);
    assert_described(&found, "Israelis", "Israel");
    // Residents of a list of places speak for them: the places stay.
    let listed = places_in(
        "Storms crossed Will County, Illinois, on Sunday. Residents of Monee and Peotone said \
         the wind flattened barns.",
    );
    assert_described(&listed, "Peotone", "Peotone");
}

#[test]
fn a_person_named_like_a_small_capital_is_the_person() {
    let found = places_in(
        "Police Chief Robert Douglas said officers broke up the fight. \"None this big,\" \
         Douglas said. Drummer Jeff Hamilton plays tonight; Hamilton also toured Europe.",
    );
    assert_none_of(&found, &["Douglas", "Hamilton"]);
    // Named as a place, the capital is still the place.
    let found = places_in("The ferry from Liverpool docked in Douglas on the Isle of Man.");
    assert_described(&found, "Douglas", "Douglas");
}

#[test]
fn an_ordinary_word_inside_a_longer_name_is_a_word_of_that_name() {
    let found = places_in(
        "The Texas Forest Service warned of fires near Lufkin. Students at Licking Heights \
         High School raised money.",
    );
    assert_described(&found, "Texas", "Texas");
    assert_none_of(&found, &["Forest", "Licking"]);
    // Standing as a name of its own, the town is still the town.
    let found = places_in("Storms hit Forest, Miss., and Meridian on Sunday.");
    assert_described(&found, "Forest", "Forest");
}

#[test]
fn two_given_names_and_a_surname_are_a_person() {
    let found = places_in("Mary Ann Quitugua from Celebrity Cake Studio baked the cake.");
    assert_none_of(&found, &["Mary"]);
    let found = places_in("Flights from Mary to Ashgabat resumed on Monday.");
    assert_described(&found, "Mary", "Mary");
}

#[test]
fn a_sea_is_the_water_not_the_state_named_after_it() {
    let found = places_in(
        "Houthi forces in Yemen attacked a tanker in the Red Sea on Monday, and insurers \
         steered ships away from the Red Sea and the Gulf of Aden.",
    );
    assert_described(&found, "Red Sea", "Red Sea (physical");
    // A head after the name makes it the state.
    let found = places_in("Port Sudan, the capital of Red Sea state, hosts the ministries.");
    assert_described(&found, "Red Sea", "Red Sea (admin1, SD");
}

#[test]
fn russian_regions_go_by_their_english_names() {
    let found = places_in(
        "Ukrainian troops pushed into the Kursk region, and drones hit Belgorod Oblast. \
         Clashes are frequent in Dagestan, Ingushetia and North Ossetia.",
    );
    assert_described(&found, "Kursk", "Kurskaya oblast' (admin1, RU");
    assert_described(
        &found,
        "Belgorod Oblast",
        "Belgorodskaya oblast' (admin1, RU",
    );
    assert_described(&found, "Dagestan", "Dagestan, Respublika (admin1, RU");
    assert_described(&found, "Ingushetia", "Ingushetiya, Respublika (admin1, RU");
    assert_described(
        &found,
        "North Ossetia",
        "Severnaya Osetiya, Respublika (admin1, RU",
    );
    // The bare name of the administrative centre is still the city.
    let found = places_in("He flew to Kursk on Monday and met the mayor of Belgorod.");
    assert_described(&found, "Kursk", "Kursk (city");
    assert_described(&found, "Belgorod", "Belgorod (city");
}

#[test]
fn a_feature_named_with_ordinary_words_is_a_place_not_a_country_alias() {
    // "Island" alone is Iceland's own name ("Ísland"), never English for it.
    let found = places_in(
        "Ukrainian forces retook Snake Island in the Black Sea. Forecasters said the Red River \
         will crest at 39 feet in Fargo, and a tributary of Flat Creek flooded.",
    );
    assert_none_of(&found, &["Island"]);
    for name in ["Snake Island", "Red River", "Flat Creek"] {
        assert!(found.iter().any(|(s, _)| s == name), "{name}: {found:?}");
    }
    // Institutions named with ordinary words are not taken for places.
    let found = places_in("She was treated at Community Hospital and joined the Catholic Church.");
    assert_none_of(&found, &["Community Hospital", "Catholic Church"]);
}

#[test]
fn contested_regions_and_their_peoples_are_places() {
    let found = places_in(
        "South Ossetian officials met Abkhaz leaders. Shelling hit Eastern Ghouta, and talks \
         on Nagorno-Karabakh stalled. Chechen fighters crossed from Somaliland into Puntland.",
    );
    assert_all_described(
        &found,
        &[
            ("South Ossetian", "South Ossetia (region"),
            ("Abkhaz", "Abkhazia (admin1, GE"),
            ("Eastern Ghouta", "Eastern Ghouta (region"),
            ("Nagorno-Karabakh", "Nagorno-Karabakh (region"),
            ("Chechen", "Chechenskaya Respublika (admin1, RU"),
            ("Somaliland", "Somaliland (region"),
            ("Puntland", "Puntland (region"),
        ],
    );
}

#[test]
fn american_regions_are_not_foreign_namesakes() {
    let found = places_in(
        "Hurricane warnings covered the Gulf Coast, snow hit the Great Lakes and the Midwest, \
         and the storm will reach the West Coast by Friday.",
    );
    assert_described(
        &found,
        "Gulf Coast",
        "Gulf Coast of the United States (region",
    );
    assert_described(&found, "Great Lakes", "Great Lakes (physical");
    assert_described(&found, "Midwest", "Midwestern United States (region");
    assert_described(
        &found,
        "West Coast",
        "West Coast of the United States (region",
    );
    assert_none_of(&found, &["Gulf", "Lakes"]);
}

#[test]
fn a_word_inside_a_longer_arabic_name_is_not_a_place_of_its_own() {
    let found = places_in(
        "In Yemen, US jets struck radar sites near Ras Isa on Tuesday. In Lebanon, gunmen in \
         Bab al-Tabbaneh fired on Jabal Mohsen.",
    );
    assert_none_of(&found, &["Isa", "Bab", "Mohsen", "Ras Isa on Tuesday"]);
    assert!(found.iter().any(|(s, _)| s == "Ras Isa"), "{found:?}");
    // Gazetteer names that begin with such a word stay whole.
    let found = places_in("Saudi Aramco shut its Ras Tanura refinery; strikes hit Deir al-Balah.");
    assert_described(&found, "Ras Tanura", "Ras Tanura");
    assert_described(&found, "Deir al-Balah", "Dayr al Balah");
}

#[test]
fn a_mountain_range_is_not_the_village_that_shares_a_word_with_it() {
    let found = places_in(
        "Famine spread in Darfur and the Nuba Mountains. Snow closed passes in the Zagros \
         Mountains of Iran.",
    );
    assert_none_of(&found, &["Nuba"]);
    assert!(
        found.iter().any(|(s, _)| s == "Nuba Mountains"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(s, _)| s == "Zagros Mountains"),
        "{found:?}"
    );
    assert_described(&found, "Iran", "Iran (country");
}

#[test]
fn a_hyphenated_compound_is_one_name() {
    let found =
        places_in("Trump spoke from Mar-a-Lago on Sunday, then flew to Stratford-upon-Avon.");
    assert_described(&found, "Mar-a-Lago", "Mar-a-Lago (facility");
    assert_described(&found, "Stratford-upon-Avon", "Stratford-upon-Avon");
    // The tail of a compound the gazetteer lacks is no place of its own.
    let found = places_in("They met at Casa-de-Lago, a ranch near Austin.");
    assert_none_of(&found, &["Lago"]);
}

#[test]
fn jerusalem_is_the_city_beside_its_neighbours() {
    // Beside a Palestinian town, the name is still the city, not the governorate named after it.
    let found = places_in("Talks in Jerusalem and Ramallah stalled on Monday.");
    assert_described(&found, "Jerusalem", "Jerusalem (city");
    // After another city and a comma, a big city is the next item of a list, not a qualifier.
    let found = places_in("Sirens sounded in Tel Aviv, Jerusalem and as far south as Eilat.");
    assert_described(&found, "Jerusalem", "Jerusalem (city");
    assert_described(&found, "Tel Aviv", "Tel Aviv (city");
    // A state after a town still qualifies it.
    let found = places_in("The festival in Paris, Texas, drew visitors from Dallas.");
    assert_described(&found, "Paris", "Paris (city, Texas");
}

#[test]
fn a_dateline_after_the_headline_is_a_place() {
    let found = places_in(
        "Two missing teenagers found unharmed. HURRICANE, W.Va. - Law enforcement officers \
         searched the woods.",
    );
    assert_described(&found, "HURRICANE", "Hurricane (city, West Virginia");
    assert_described(&found, "W.Va", "West Virginia (admin1");
    // A word in capitals opening an ordinary sentence is not one.
    let found = places_in("Crowds gathered. HURRICANE season, officials said, starts in June.");
    assert_none_of(&found, &["HURRICANE"]);
}

#[test]
fn former_states_are_places() {
    let found = places_in(
        "Pilots flew for China and the Soviet Union; he later moved from East Germany to \
         Yugoslavia.",
    );
    assert_described(&found, "Soviet Union", "Soviet Union (region");
    assert_described(&found, "East Germany", "East Germany (region");
    assert_described(&found, "Yugoslavia", "Yugoslavia (region");
}

#[test]
fn a_state_abbreviation_the_sentence_runs_on_past_is_the_state() {
    let found = places_in("Boaters were avoiding Ind. tax, and Mass. legislators put off debate.");
    assert_described(&found, "Ind", "Indiana (admin1");
    assert_described(&found, "Mass", "Massachusetts (admin1");
    // Lowercase, or ending a sentence, it is the word.
    let found = places_in("Many were ill. Crews wash. The church held a Mass. Then it rained.");
    assert_none_of(&found, &["ill", "wash", "Mass"]);
}

#[test]
fn a_title_written_out_takes_no_stop() {
    // "Judge." ends the headline; "Columbus" starts the story and is no judge's surname.
    let found = places_in(
        "Hyles unseats Turner for Municipal Court Judge. Columbus attorney Stephen Hyles won. \
         He served on Columbus Council.",
    );
    assert_described(&found, "Columbus", "Columbus (city");
    // A short title still makes a surname: "Gov. Paterson" is a person.
    let found = places_in("The bill was signed by Gov. Paterson on Monday.");
    assert_none_of(&found, &["Paterson"]);
}

#[test]
fn an_ordinary_word_named_as_a_town_after_a_place_cue_is_the_town() {
    // Beside a place just named, and after "the city of".
    let found = places_in(
        "Israeli jets struck targets near Nabatieh and Tyre on Tuesday. Later, drones hit the \
         southern city of Tyre again.",
    );
    let tyres: Vec<_> = found.iter().filter(|(s, _)| s == "Tyre").collect();
    assert_eq!(tyres.len(), 2, "{found:?}");
    assert!(
        tyres.iter().all(|(_, d)| d.starts_with("Tyre (city")),
        "{found:?}"
    );
    // A surname read as a town vouches for nothing, and "into" is no cue.
    let found =
        places_in("McDonald and Barry were charged. He pressed his own weapon into Bell's back.");
    assert_none_of(&found, &["Barry", "Bell"]);
}

#[test]
fn a_dateline_under_a_headline_of_its_own_is_a_place() {
    for (text, surface, place) in [
        (
            "Russian forces close in\n\nKYIV, Ukraine — Troops pushed east on Wednesday.",
            "KYIV",
            "Kyiv (city",
        ),
        (
            "Missiles fired at air base\n\nDOHA, Qatar — Air defences intercepted most of them.",
            "DOHA",
            "Doha (city",
        ),
    ] {
        let mut doc = Document::from_text("t", text);
        doc.title = text.lines().next().map(str::to_owned);
        assert_described(&places_in_doc(&doc), surface, place);
    }
}

#[test]
fn bases_and_prisons_in_war_news_are_places() {
    let found = places_in(
        "Iran fired missiles at Al Udeid Air Base. Militias struck Ain al-Asad air base in \
         Iraq and the al-Tanf garrison in Syria. Detainees held at Sde Teiman were moved to \
         Ofer prison.",
    );
    assert_described(&found, "Al Udeid Air Base", "Al Udeid Air Base (facility");
    assert_described(&found, "Ain al-Asad", "Al Asad Airbase (facility");
    assert_described(&found, "al-Tanf", "Al-Tanf (facility");
    assert_described(&found, "Sde Teiman", "Sde Teiman (facility");
    assert_described(&found, "Ofer", "Ofer Prison (facility");
    let found = places_in("Sirens sounded in Eilat and across the Arava.");
    assert_described(&found, "Arava", "Arabah (physical");
}

#[test]
fn each_name_after_a_plural_place_word_is_a_place() {
    let found = places_in(
        "Shelling hit the Georgian-controlled villages of Nuli and Avnevi overnight, and \
         troops raided the villages of Qusra, Jalud and Aqraba near Nablus.",
    );
    for name in ["Nuli", "Avnevi", "Qusra", "Jalud", "Aqraba"] {
        assert!(found.iter().any(|(s, _)| s == name), "{name}: {found:?}");
    }
    assert_none_of(&found, &["Nuli and Avnevi"]);
}

#[test]
fn a_newspaper_or_body_named_of_a_place_embeds_the_place() {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let doc = Document::from_text(
        "t",
        "Reporters from The Times of Israel and the Voice of America were in Gaza City, said \
         the Trade Promotion Organization of Iran.",
    );
    let embedded: Vec<(&str, bool)> = extractor
        .extract(&doc)
        .toponyms
        .iter()
        .map(|t| (&doc.text[t.start..t.end], t.embedded))
        .collect();
    for name in ["Israel", "America", "Iran"] {
        assert!(embedded.contains(&(name, true)), "{name}: {embedded:?}");
    }
    assert!(embedded.contains(&("Gaza City", false)), "{embedded:?}");
}

#[test]
fn a_country_named_in_the_sentence_settles_a_shared_name() {
    let found = places_in(
        "In northern Lebanon, clashes in Tripoli killed two people, the army said. In Libya, \
         rival militias in Tripoli and Misrata agreed to a truce brokered in Benghazi.",
    );
    let tripolis = descriptions_of(&found, "Tripoli");
    assert_eq!(tripolis.len(), 2, "{found:?}");
    assert!(tripolis[0].ends_with(", LB)"), "{found:?}");
    assert!(tripolis[1].ends_with(", LY)"), "{found:?}");
    // A country as a modifier, or a state qualifying another town, settles nothing.
    let found = places_in("London sits close to two U.S. states and Toronto, officials said.");
    assert!(
        described_as(&found, "Toronto").ends_with(", CA)"),
        "{found:?}"
    );
}

#[test]
fn a_village_read_inside_an_armed_groups_name_is_not_a_place() {
    let found = places_in(
        "In Somalia, al-Shabab fighters attacked a base near Mogadishu, and Boko Haram raided \
         villages in Borno.",
    );
    assert_none_of(&found, &["Shabab", "Haram"]);
    assert_described(&found, "Mogadishu", "Mogadishu (city");
    assert_described(&found, "Borno", "Borno (admin1");
}

#[test]
fn a_name_the_gazetteer_lacks_lies_in_the_country_named_before_it_in_its_sentence() {
    // The dateline puts the story in Sudan; the sentence puts the town in Eritrea.
    let found = places_in(
        "PORT SUDAN, Sudan — Refugees crossed into Chad. Eritrea mobilised troops near the \
         border town of Zalambessa on Monday.",
    );
    assert_described(&found, "Zalambessa", "Eritrea (country");
}

#[test]
fn a_river_named_after_a_place_is_the_river_not_the_place() {
    let found = places_in(
        "Crews searched the Cumberland River near Nashville on Sunday, and the Kish River \
         rose in DeKalb, Illinois.",
    );
    assert!(
        found.iter().any(|(s, _)| s == "Cumberland River"),
        "{found:?}"
    );
    assert!(found.iter().any(|(s, _)| s == "Kish River"), "{found:?}");
    assert_none_of(&found, &["Cumberland", "Kish"]);
    // Kish, the island in Iran, is far from the story: the river is placed by the story.
    assert!(
        !described_as(&found, "Kish River").contains(", IR)"),
        "{found:?}"
    );
}

#[test]
fn major_rivers_are_in_the_gazetteer() {
    let found = places_in(
        "The Ohio River rose above flood stage at Louisville. Farmers in Tamil Nadu await \
         water from the Cauvery, and barges idled on the Volga and the Dnieper.",
    );
    assert_all_described(
        &found,
        &[
            ("Ohio River", "Ohio River (physical"),
            ("Cauvery", "Kaveri (physical"),
            ("Volga", "Volga (physical"),
            ("Dnieper", "Dnieper (physical"),
        ],
    );
}

#[test]
fn a_street_abroad_lies_in_the_capital_named_just_before_it() {
    // The dateline is Bethlehem; the paragraph has moved to Georgia.
    let found = places_in(
        "BETHLEHEM, West Bank — Pilgrims stayed away this year.\n\nIn the Caucasus, Georgia's \
         government in Tbilisi said it would not join sanctions on Russia. Protesters gathered \
         on Rustaveli Avenue.",
    );
    assert!(
        described_as(&found, "Rustaveli Avenue").starts_with("Tbilisi"),
        "{found:?}"
    );
}

#[test]
fn british_counties_and_regions_without_a_council_are_in_the_gazetteer() {
    // Metropolitan, ceremonial and historic counties have no council of their own, so no
    // administrative record; news names them all the time.
    let found = places_in(
        "Rounds were held at Croft, Yorkshire, at Rockingham, Northamptonshire, and at \
         Knockhill, Fife. Police in Greater Manchester and Merseyside made arrests, and \
         floods hit East Anglia.",
    );
    assert_all_described(
        &found,
        &[
            ("Yorkshire", "Yorkshire (region, GB)"),
            ("Northamptonshire", "Northamptonshire (region, GB)"),
            ("Greater Manchester", "Greater Manchester (region, GB)"),
            ("Merseyside", "Merseyside (region, GB)"),
            ("East Anglia", "East Anglia (region, GB)"),
        ],
    );
}

#[test]
fn airports_news_names_by_a_short_name_are_the_airports() {
    let found = places_in(
        "Flights were cancelled at Heathrow and Schiphol on Monday, and passengers slept at \
         LaGuardia in New York.",
    );
    assert_all_described(
        &found,
        &[
            ("Heathrow", "Heathrow Airport (facility, England, GB)"),
            (
                "Schiphol",
                "Amsterdam Airport Schiphol (facility, Noord-Holland, NL)",
            ),
            ("LaGuardia", "LaGuardia Airport (facility, New York, US)"),
        ],
    );
    // Well-known city districts are in New Orleans and New York, not in France.
    let found =
        places_in("Bands played in the French Quarter, and runners crossed Central Park at dawn.");
    assert_all_described(
        &found,
        &[
            ("French Quarter", "French Quarter (locality, Louisiana, US)"),
            ("Central Park", "Central Park (facility, New York, US)"),
        ],
    );
}

#[test]
fn south_lebanon_border_villages_are_in_the_gazetteer() {
    let found = places_in(
        "The Israeli military said it struck Hezbollah sites near Khiam, Odaisseh and \
         Meiss al-Jabal in southern Lebanon. Families who fled Zawaida in central Gaza returned.",
    );
    assert_all_described(
        &found,
        &[
            ("Khiam", "Khiam (locality, An Nabaţīyah, LB)"),
            ("Odaisseh", "Odaisseh (locality, An Nabaţīyah, LB)"),
            (
                "Meiss al-Jabal",
                "Meiss al-Jabal (locality, An Nabaţīyah, LB)",
            ),
            ("Zawaida", "Zawaida (locality, Gaza Strip, PS)"),
        ],
    );
}

#[test]
fn seas_and_the_regions_named_after_them_share_the_seas_reference_point() {
    // GeoNames' reference points, which GeoNames-annotated news uses: a bare "Mediterranean"
    // or "Caribbean" is the sea, and "the Gulf" sits on the Persian Gulf's point.
    let points = points_in(
        "Migrants crossed the Mediterranean while storms formed in the Caribbean and over \
         the Atlantic Ocean. Tankers waited in the Indian Ocean and in the Gulf.",
    );
    for (name, lat, lon) in [
        ("Mediterranean", 35.0, 20.0),
        ("Caribbean", 15.0, -73.0),
        ("Atlantic Ocean", 10.0, -25.0),
        ("Indian Ocean", -10.0, 70.0),
        ("Gulf", 27.0, 51.0),
    ] {
        assert!(
            points.iter().any(|(s, a, o)| s.ends_with(name)
                && (a - lat).abs() < 0.01
                && (o - lon).abs() < 0.01),
            "{name}: {points:?}"
        );
    }
}

#[test]
fn a_team_named_after_its_town_settles_which_town_the_name_means() {
    // Texas context would otherwise pull "Portland" to Portland, Texas, and "Buffalo" to
    // Buffalo, Texas.
    let found = places_in(
        "HOUSTON (AP) - The Houston Rockets beat the Portland Trail Blazers 96-94 in Texas on \
         Monday. The Rockets swept their series with Portland, and the Dallas Cowboys hosted \
         the Buffalo Bills. In Buffalo, fans were dismayed.",
    );
    assert_all_described(
        &found,
        &[
            ("Portland", "Portland (city, Oregon, US)"),
            ("Buffalo", "Buffalo (city, New York, US)"),
            ("Houston", "Houston (city, Texas, US)"),
        ],
    );
    assert_eq!(
        found.iter().filter(|(s, _)| s == "Portland").count(),
        2,
        "{found:?}"
    );
    // A town name before an ordinary capitalised word is not a team.
    let found = places_in("Storms hit Portland Harbor in Maine on Tuesday.");
    assert!(
        !described_as(&found, "Portland").contains("Oregon"),
        "{found:?}"
    );
}

#[test]
fn a_team_is_an_organisation_not_a_person() {
    let extractor = Extractor::new(Gazetteer::bundled_shared().expect("bundled gazetteer"));
    let doc = Document::from_text(
        "t",
        "Chris Paul lifted the Houston Rockets over the Portland Trail Blazers on Monday.",
    );
    let actors = extractor.extract(&doc).actors;
    for team in ["Houston Rockets", "Portland Trail Blazers"] {
        assert!(
            actors
                .iter()
                .any(|a| a.name == team
                    && a.kind == placemap::extract::actors::ActorType::Organisation),
            "{team}: {actors:?}"
        );
    }
}

#[test]
fn a_dateline_first_read_abroad_does_not_pull_the_story_abroad() {
    // The dateline's first reading (before "England" is weighed) is Dover, Delaware. Read
    // again, the context is Kent: Calais is the French port, not Calais, Maine, and a street
    // the gazetteer lacks lies in the Dover the story is about.
    let found = places_in(
        "DOVER, England — Crowds gathered on Snargate Street in the port town on Monday, \
         after boats crossed the English Channel from Calais.",
    );
    assert_described(&found, "DOVER", "Dover (city, England, GB)");
    assert_described(&found, "Calais", "Calais (city, Hauts-de-France, FR)");
    let street = described_as(&found, "Snargate Street");
    assert!(street.is_empty() || street.contains("GB"), "{found:?}");
}

#[test]
fn a_seat_of_government_someone_speaks_from_is_a_place() {
    let found = places_in(
        "A spokesman in Downing Street said the talks would go on. The White House said \
         nothing.",
    );
    assert_described(
        &found,
        "Downing Street",
        "Downing Street (facility, England, GB)",
    );
    assert_none_of(&found, &["White House"]);
}

#[test]
fn darfur_west_bank_and_syrian_border_sites_are_in_the_gazetteer() {
    let found = places_in(
        "Families fled El Fasher for Tawila and the Jebel Marra foothills; others stayed in \
         the Abu Shouk camp. Famine loomed in the Nuba Mountains. Police demolished a house \
         in Jabal Mukaber. Israeli troops stayed near Beit Jinn in Syria, and refugees \
         returned through the Masnaa crossing and the Nasib crossing.",
    );
    assert_all_described(
        &found,
        &[
            ("Tawila", "Tawila (locality, North Darfur, SD)"),
            ("Jebel Marra", "Jebel Marra (physical, SD)"),
            ("Abu Shouk", "Abu Shouk camp (locality, North Darfur, SD)"),
            ("Nuba Mountains", "Nuba Mountains (physical, SD)"),
            ("Jabal Mukaber", "Jabal Mukaber (locality"),
            ("Beit Jinn", "Beit Jinn (locality, Rīf Dimashq, SY)"),
            ("Masnaa", "Masnaa crossing (facility, Al Biqā‘, LB)"),
            ("Nasib", "Nasib crossing (facility, Dar'ā, SY)"),
        ],
    );
}

#[test]
fn a_region_naming_the_kind_of_a_country_is_an_epithet_not_a_place() {
    let found = places_in(
        "Qatar has mediated for months. The Gulf state has provided $1.3 billion in aid, and \
         tankers in the Gulf were attacked.",
    );
    let gulfs: Vec<&str> = found
        .iter()
        .filter(|(s, _)| s.contains("Gulf"))
        .map(|(s, _)| s.as_str())
        .collect();
    assert_eq!(gulfs, ["Gulf"], "{found:?}");
}

#[test]
fn ukrainian_and_indian_spellings_reach_their_towns() {
    // National romanisations ("Sloviansk", "Zaporizhia") and Indian ones ("Baramulla")
    // against GeoNames' "Slovyansk", "Zaporizhzhya", "Bāramūla"; Nikopol merely lists
    // "Sloviansk" among its other names.
    let found = places_in(
        "Shops in Baramulla stayed shut. Drones struck Sloviansk and Zaporizhia overnight.",
    );
    assert_all_described(
        &found,
        &[
            ("Baramulla", "Bāramūla (city"),
            ("Sloviansk", "Slovyansk (city"),
            ("Zaporizhia", "Zaporizhzhya (city"),
        ],
    );
}

#[test]
fn a_list_of_big_cities_reads_each_name_as_a_big_city() {
    // Donbas context would otherwise pull "Mykolaiv" to Mykolaivka, a town near Sloviansk.
    let found = places_in(
        "Russian drones struck Kramatorsk, Sloviansk and Pokrovsk in the Donetsk region \
         overnight. Volunteers in Dnipro and Mykolaiv prepared for winter.",
    );
    assert_described(&found, "Mykolaiv", "Mykolayiv (city, Mykolaivska oblast");
}

#[test]
fn a_village_only_an_alternate_name_links_does_not_take_a_citys_own_name() {
    // Siabry, a Kherson-region village, lists "Novorossiysk" among its other names; a list
    // running on past "Kherson" makes it an item, not a qualifier of Zaporizhzhia.
    let found = places_in(
        "Drones struck Zaporizhzhia, Kherson, Odesa and Kramatorsk overnight, Ukraine's air \
         force said. Ukraine hit a fuel depot near Novorossiysk.",
    );
    assert_all_described(
        &found,
        &[
            (
                "Novorossiysk",
                "Novorossiysk (city, Krasnodarskiy kray, RU)",
            ),
            ("Kherson", "Kherson (city"),
            ("Zaporizhzhia", "Zaporizhzhya (city"),
        ],
    );
}

#[test]
fn a_person_of_a_town_places_the_town_and_a_school_keeps_no_foreign_namesake() {
    let found = places_in(
        "MARION, Ohio — The county fair drew crowds from Bucyrus and Delaware, Ohio. \"It's \
         good to be back,\" said Linda Harper of Prospect. The driver, John Miller, 45, of \
         Caledonia, was unhurt. Parking is free at Harding High School.",
    );
    assert_all_described(
        &found,
        &[
            ("Prospect", "Prospect (city, Ohio, US)"),
            ("Caledonia", "Caledonia (city, Ohio, US)"),
        ],
    );
    // Harding High School is named for a president, not for Harding in South Africa.
    assert_none_of(&found, &["Harding"]);
    // "Chambers of Commerce" is no one of anywhere.
    let found = places_in("The Association of German Chambers of Commerce met in Berlin.");
    assert_none_of(&found, &["Commerce"]);
}

#[test]
fn a_plural_head_makes_each_listed_name_a_river_or_a_region() {
    let found = places_in(
        "Water rose on the Mississippi and Ohio rivers. Fighting went on in the Kherson and \
         Zaporizhzhia regions and in the Sahel and Maghreb regions.",
    );
    assert_all_described(
        &found,
        &[
            ("Mississippi", "Mississippi River (physical"),
            ("Ohio", "Ohio River (physical"),
            ("Kherson", "Khersonska oblast (admin1"),
            ("Zaporizhzhia", "Zaporizka oblast (admin1"),
            ("Sahel", "Sahel (region"),
        ],
    );
}

#[test]
fn kashmir_sites_and_rivers_are_in_the_gazetteer() {
    let found = places_in(
        "Troops exchanged fire along the Line of Control. India closed the Attari-Wagah \
         crossing and warned it could divert the Chenab. China holds Aksai Chin.",
    );
    assert_all_described(
        &found,
        &[
            ("Line of Control", "Line of Control (facility"),
            ("Attari-Wagah", "Attari–Wagah border crossing (facility"),
            ("Chenab", "Chenab River (physical, PK)"),
            ("Aksai Chin", "Aksai Chin (region"),
        ],
    );
}

#[test]
fn provinces_and_departments_news_names_as_regions_are_in_the_gazetteer() {
    // Level-2 units outside the US and GB: a Philippine province (not Laguna in Brazil), a
    // French department, a German government region.
    let found = places_in(
        "CALAMBA CITY, Laguna — Floods hit Laguna and Pampanga. In France, riots spread in \
         Yvelines. Snow fell across Upper Bavaria.",
    );
    assert_all_described(
        &found,
        &[
            ("Laguna", "Laguna (admin2, Calabarzon, PH)"),
            ("Pampanga", "Pampanga (admin2"),
            ("Yvelines", "Yvelines (admin2"),
            ("Upper Bavaria", "Upper Bavaria (admin2"),
        ],
    );
}

#[test]
fn great_lakes_of_africa_and_a_merseyside_town_are_in_the_gazetteer() {
    let found = places_in(
        "GOMA — Thousands fled across Lake Kivu by boat, and Burundi sent troops to Uvira on \
         Lake Tanganyika. SOUTHPORT, Merseyside — Families from Formby, Ormskirk and Crosby \
         attended the vigil.",
    );
    assert_all_described(
        &found,
        &[
            ("Lake Kivu", "Lake Kivu (physical"),
            ("Lake Tanganyika", "Lake Tanganyika (physical"),
            ("Crosby", "Crosby (locality, England, GB)"),
        ],
    );
}

#[test]
fn a_street_lies_in_the_dateline_town_rather_than_a_county_named_sentences_before() {
    let found = places_in(
        "ATLANTA — Election officials in Cobb County and Gwinnett County said they were \
         ready. Protesters gathered outside the courthouse on Pryor Street.",
    );
    assert_described(&found, "Pryor Street", "Atlanta (city, Georgia, US)");
}

#[test]
fn names_running_on_past_a_possessive_are_matched_whole() {
    let found = places_in(
        "Deputies from St. Mary's County came. The train to King's Lynn was late. Crowds \
         gathered at St Paul's Cathedral. The wedding is in St George's Chapel at Windsor \
         Castle. Israel's Gaza war ground on.",
    );
    assert_all_described(
        &found,
        &[
            (
                "St. Mary's County",
                "St. Mary's County (admin2, Maryland, US)",
            ),
            ("King's Lynn", "King's Lynn (city, England, GB)"),
            (
                "St Paul's Cathedral",
                "St Paul's Cathedral (facility, England, GB)",
            ),
            ("Windsor Castle", "Windsor Castle (facility, England, GB)"),
            ("Israel", "Israel (country"),
        ],
    );
    // A chapel named after a saint is not Saint George, Utah; a possessive still ends a
    // name that does not run on ("Israel's Gaza").
    assert_none_of(&found, &["St George", "St Paul", "Israel's Gaza"]);
}

#[test]
fn taiwan_strait_sites_and_a_prefecture_head_read_as_news_means_them() {
    let found = places_in(
        "TAIPEI, Taiwan — Coast guard ships sailed near Kinmen and Matsu. Chinese ships entered \
         waters near Yonaguni, in Okinawa prefecture. Manila was watching the Bashi Channel. In \
         Caracas, Maduro addressed supporters at Miraflores.",
    );
    assert_all_described(
        &found,
        &[
            ("Matsu", "Matsu Islands (physical, TW)"),
            ("Okinawa", "Okinawa (admin1"),
            ("Bashi Channel", "Bashi Channel (physical"),
            (
                "Miraflores",
                "Miraflores Palace (facility, Distrito Capital, VE)",
            ),
        ],
    );
}

#[test]
fn a_province_lies_at_the_middle_of_its_land_not_where_its_people_live() {
    // Most of Ontario, Manitoba and British Columbia is thinly settled north or west of the
    // cities; a region's reference point (GeoNames' too) is the middle of its area. The
    // population-weighted or town-spread points read Ontario near Sudbury (45.9 N), Manitoba
    // at 52.0 N, British Columbia at 121.7 W and Alaska at 61.1 N.
    let points = points_in(
        "Wildfires burned in Ontario, Manitoba and British Columbia, and smoke drifted \
         toward Alaska.",
    );
    let point = |name: &str| {
        points
            .iter()
            .find(|(s, _, _)| s == name)
            .map_or_else(|| panic!("{name}: {points:?}"), |&(_, a, o)| (a, o))
    };
    assert!(point("Ontario").0 > 48.0, "{points:?}");
    assert!(point("Manitoba").0 > 53.5, "{points:?}");
    assert!(point("British Columbia").1 < -123.5, "{points:?}");
    assert!(point("Alaska").0 > 62.5, "{points:?}");
}

#[test]
fn a_river_named_in_the_british_order_is_the_river_not_a_town() {
    // "River Severn" is not Severn, Maryland; a river the gazetteer lacks ("River Wenning") is
    // still a mention, whole.
    let found = places_in(
        "GLOUCESTER, England — Flood warnings were issued along the River Severn and the River \
         Nene, and the River Taff burst its banks in Pontypridd. Near Lancaster, the bridge \
         over the River Wenning was closed.",
    );
    assert_all_described(
        &found,
        &[
            ("River Severn", "River Severn (physical, GB)"),
            ("River Nene", "River Nene (physical, GB)"),
            ("River Taff", "River Taff (physical, GB)"),
        ],
    );
    assert!(found.iter().any(|(s, _)| s == "River Wenning"), "{found:?}");
    assert_none_of(&found, &["Severn", "Wenning"]);
}

#[test]
fn a_list_ending_in_the_and_a_name_is_still_a_list() {
    // "Tulkarm" after "Jenin," is the next town, not a qualifier saying which Jenin, though
    // the list's last item opens with "the".
    let found = places_in("Raids continued in Jenin, Tulkarm and the Nur Shams camp.");
    assert_all_described(
        &found,
        &[
            ("Jenin", "Janin (city"),
            ("Tulkarm", "Tulkarm (city"),
            ("Nur Shams", "Nur Shams camp (locality"),
        ],
    );
}

#[test]
fn a_regions_possessive_says_where_the_name_after_it_lies() {
    // Frankfort, Kentucky, is also "Big Bend", and Zion is a town in Illinois: after
    // "Florida's" and "Utah's" the names lie in those states. A name that has a reading there
    // keeps it ("New York's John F. Kennedy International Airport"), "St. John's, N.L." is no
    // possessive, and after "Hungary's" comes a person.
    let found = places_in(
        "The storm made landfall near Perry, in Florida's Big Bend. Hikers were rescued in \
         Utah's Zion National Park. Flights from New York's John F. Kennedy International \
         Airport were cancelled. ST. JOHN'S, N.L. - Crews searched the coast. Hungary's Viktor \
         Orban threatened a veto.",
    );
    assert_none_of(&found, &["Viktor"]);
    assert_all_described(
        &found,
        &[
            ("Big Bend", "Florida (admin1"),
            ("Zion National Park", "Utah (admin1"),
            (
                "John F. Kennedy International Airport",
                "John F. Kennedy International Airport (facility",
            ),
            ("N.L.", "Newfoundland and Labrador (admin1"),
        ],
    );
}

#[test]
fn a_national_parks_name_is_one_name_not_a_town_called_national_park() {
    // National Park is a borough in New Jersey; "Yosemite National Park" is not in it, and
    // "Zion" there is not Zion, Illinois (nor Jerusalem, which GeoNames also calls Zion).
    let found = places_in(
        "Fires burned in Yosemite National Park and Glacier National Park, and rangers closed \
         Zion National Park, Rocky Mountain National Park, the Pictured Rocks National \
         Lakeshore and the Davy Crockett National Forest. She grew up in National Park, New \
         Jersey.",
    );
    for name in [
        "Yosemite National Park",
        "Glacier National Park",
        "Zion National Park",
        "Rocky Mountain National Park",
        "Pictured Rocks National Lakeshore",
        "Davy Crockett National Forest",
    ] {
        assert!(found.iter().any(|(s, _)| s == name), "{name}: {found:?}");
    }
    assert_none_of(
        &found,
        &["Zion", "Glacier", "Yosemite", "Lakeshore", "Forest"],
    );
    assert_eq!(
        found
            .iter()
            .filter(|(s, _)| s == "National Park")
            .map(|(_, d)| d.as_str())
            .collect::<Vec<_>>(),
        ["National Park (city, New Jersey, US)"],
        "{found:?}"
    );
}

#[test]
fn a_valley_or_islands_named_after_a_place_are_one_name() {
    // Not Valley (a town in Wales, another in Alabama) nor Islands (in Hong Kong): "the Swat
    // Valley" lies in Swat, "the Las Vegas Valley" is Las Vegas, and "the Farallon Islands",
    // which the gazetteer lacks, are still named whole.
    let found = places_in(
        "Floods hit the Swat Valley in Pakistan. A crash in the northwestern Las Vegas Valley \
         hurt two. SAN FRANCISCO — Seabirds died on the Farallon Islands this spring.",
    );
    assert_all_described(
        &found,
        &[
            ("Swat Valley", "Swat (admin2, Khyber Pakhtunkhwa, PK)"),
            ("Las Vegas Valley", "Las Vegas (city, Nevada, US)"),
        ],
    );
    assert!(
        found.iter().any(|(s, _)| s == "Farallon Islands"),
        "{found:?}"
    );
    assert_none_of(&found, &["Valley", "Islands", "Swat", "Farallon"]);
}

#[test]
fn a_foreign_spelling_match_a_saints_park_and_the_niger_delta() {
    // "Kuriga" spells Khouribga, Morocco, loosely; in a story about Nigeria it is not that
    // city. "St George's Park" is a site, not St. George, Utah; the Niger Delta is one region,
    // not Niger state and Delta state.
    let found = places_in(
        "LAGOS, Nigeria — Gunmen abducted pupils from a school in Kuriga, in Kaduna State, the \
         police in Nigeria said. Oil output in the Niger Delta fell. The England squad trained \
         at St George's Park in Burton.",
    );
    assert!(
        !described_as(&found, "Kuriga").starts_with("Khouribga"),
        "{found:?}"
    );
    assert_described(&found, "Niger Delta", "Niger Delta (region, NG)");
    assert_none_of(&found, &["Niger", "Delta", "St George"]);
}

#[test]
fn a_settlement_named_after_of_and_a_quarter_after_an_adjective() {
    // "the settlement of Ariel" says Ariel is a place, though Ariel is also a given name;
    // "the Muslim Quarter" is Jerusalem's, not The Quarter in Anguilla.
    let found = places_in(
        "Settlers marched through the Muslim Quarter of the Old City. An attack near the \
         settlement of Ariel wounded three.",
    );
    assert_described(&found, "Ariel", "Ariel (city, Judea and Samaria Area, IL)");
    assert!(
        !described_as(&found, "Quarter").starts_with("The Quarter"),
        "{found:?}"
    );
}

#[test]
fn an_office_after_a_place_and_a_comma_is_no_town() {
    // "Secretary" is a town in Maryland; "In Washington, Secretary of State ..." names an
    // office.
    let found = places_in("In Washington, Secretary of State Antony Blinken said he would travel.");
    assert_described(&found, "Washington", "Washington (city");
    assert_none_of(&found, &["Secretary"]);
}

#[test]
fn abbreviated_ranks_and_titles_before_names_make_people_not_towns() {
    // Millington (Tennessee) and Sens (France) are towns; after "Const. Kwesi" and as the
    // plural "Sens." of "U.S. Sens. Robert C. Byrd" they are a surname and a title.
    let found = places_in(
        "VANCOUVER — He was stunned by RCMP Const. Kwesi Millington at the airport. \
         Millington was the only officer armed. U.S. Sens. Robert C. Byrd and Jay \
         Rockefeller spoke.",
    );
    assert_none_of(&found, &["Millington", "Sens"]);
    assert_described(&found, "VANCOUVER", "Vancouver (city");
}

#[test]
fn a_town_the_gazetteer_lacks_lies_in_the_area_named_after_it() {
    // No Rockingham in the gazetteer lies in Northamptonshire, so "Rockingham,
    // Northamptonshire" is a place the gazetteer lacks, there (not Rockingham, North Carolina);
    // "in Quimbleton, Ohio" names a town by its state.
    let found = places_in(
        "The touring cars race at Rockingham, Northamptonshire in August. Later she grew up in \
         Quimbleton, Ohio, far from London.",
    );
    assert_described(&found, "Rockingham", "Northamptonshire (region, GB)");
    assert_described(&found, "Quimbleton", "Ohio (admin1, US)");
}

#[test]
fn a_big_city_by_its_own_name_beats_a_town_an_old_name_links_to() {
    // Willard, Ohio, was once called Chicago; in a story about Ohio "in Chicago" is still the
    // city of 2.7 million.
    let found = places_in(
        "The Ohio governor spoke in Columbus on Monday and flew to a meeting in Chicago on \
         Tuesday.",
    );
    assert_described(&found, "Chicago", "Chicago (city, Illinois, US)");
}

#[test]
fn korea_alone_and_abbreviations_in_capitals() {
    // "Korea" alone is the Republic of Korea (not Koréa in Côte d'Ivoire); "WA", Washington's
    // and Western Australia's abbreviation, is not Wa in Ghana.
    let found = places_in(
        "The Korea Baseball Organization postponed games in Seoul. Wastewater in WA is treated \
         at the Point Peron outlet near Perth.",
    );
    assert_described(&found, "Korea", "South Korea (country");
    assert!(!described_as(&found, "WA").starts_with("Wa "), "{found:?}");
}

#[test]
fn streets_listed_before_streets_are_no_towns() {
    // Hubbard is a town in Ohio; "State and Hubbard streets" are two streets. Numbered streets
    // are not names at all.
    let found = places_in(
        "CHICAGO — Beedle collapsed at the corner of State and Hubbard streets, between Fourth \
         and Seventh streets.",
    );
    assert_all_described(
        &found,
        &[("State", "Chicago (city"), ("Hubbard", "Chicago (city")],
    );
    assert_none_of(&found, &["Fourth", "Seventh"]);
}

#[test]
fn a_universitys_state_and_an_acronym_before_in_place_gold_spans() {
    // Gold spans: "Arizona State University" stands in Arizona (on its campus, which the
    // supplement holds) even in a story whose focus is a Florida town; "the CHU in Montpellier" is a hospital there, not Chũ in Vietnam; "the
    // OAS in Washington" is not Oas in the Philippines.
    let asu = spans_described(
        "PARKLAND, Florida — Hogg has been accepted to Arizona State University.",
        &["PARKLAND", "Florida", "Arizona State University"],
    );
    assert_eq!(
        asu[2], "Arizona State University (facility, Arizona, US)",
        "{asu:?}"
    );
    let chu = spans_described(
        "Doctors at the CHU in Montpellier said the staff performed cardiac massage.",
        &["CHU", "Montpellier"],
    );
    assert!(chu[0].starts_with("Montpellier (city"), "{chu:?}");
    let oas = spans_described(
        "Trinidad failed to attend a meeting at the OAS in Washington on March 15.",
        &["OAS", "Washington"],
    );
    assert!(oas[0].starts_with("Washington (city"), "{oas:?}");
}

#[test]
fn a_states_name_before_state_is_its_university() {
    // "Mississippi State" is a university and its teams: embedded in an organisation's name;
    // "in Washington State" is the state.
    let extractor = Extractor::new(Gazetteer::bundled_shared().expect("bundled gazetteer"));
    let doc = Document::from_text(
        "t",
        "Mississippi State’s guard scored 21 points. Flooding hit farms in Washington State on \
         Monday.",
    );
    let ex = extractor.extract(&doc);
    let embedded = |surface: &str| {
        ex.toponyms
            .iter()
            .find(|t| doc.text[t.start..t.end].starts_with(surface))
            .map(|t| t.embedded)
    };
    assert_eq!(embedded("Mississippi"), Some(true));
    assert_eq!(embedded("Washington"), Some(false));
}

#[test]
fn a_river_after_the_a_country_list_and_an_adjective_in_a_rivers_name() {
    // "the Wye" is the river (not Wye, a village in Kent); "Venezuela, Cuba and Norway" are
    // three countries (a Cuban town is called Venezuela); "the French Broad River" is a river
    // the gazetteer lacks, not France.
    let found = places_in(
        "Natural Resources Wales issued warnings along the Wye on Tuesday. Venezuela, Cuba and \
         Norway are guarantors of the talks. In Asheville, North Carolina, the French Broad \
         River crested at 24 feet.",
    );
    assert_all_described(
        &found,
        &[
            ("Wye", "River Wye (physical"),
            ("Venezuela", "Venezuela (country"),
            ("French Broad River", "Asheville (city"),
        ],
    );
    assert_none_of(&found, &["French"]);
}

#[test]
fn a_province_may_be_a_second_level_unit_and_the_baltic_states_are_no_sea() {
    // A Philippine province is a second-level unit: "Isabela province" in a story about the
    // Philippines is not Isabela, a first-level unit of Puerto Rico. "The Baltic states" are
    // three countries, not the Baltic Sea.
    let found = places_in(
        "MANILA, Philippines — Typhoon Kristine made landfall in Isabela province on Thursday. \
         Lithuania and the other Baltic states welcomed the decision.",
    );
    assert_described(&found, "Isabela", "Isabela (admin2, Cagayan Valley, PH)");
    assert_none_of(&found, &["Baltic"]);
}

#[test]
fn numbered_roads_are_places_the_gazetteer_lacks() {
    // Highways, interstates and county roads, and British A roads and motorways after "the",
    // are places news names; a car model is not, nor "Road 43" without its county.
    let found = places_in(
        "HUNTSVILLE, Texas — Traffic on Highway 19 and Interstate 45 was stopped, and County \
         Road 43 flooded. He drove a BMW M3 down Road 43 and I-95. In England the A417 was \
         closed near Cirencester and the M6 near Lancaster.",
    );
    assert_all_described(
        &found,
        &[
            ("Highway 19", "Huntsville (city"),
            ("Interstate 45", "Huntsville (city"),
            ("County Road 43", "Huntsville (city"),
            ("I-95", "Huntsville (city"),
        ],
    );
    for road in ["A417", "M6"] {
        assert!(found.iter().any(|(s, _)| s == road), "{road}: {found:?}");
    }
    assert_none_of(&found, &["M3", "Road 43"]);
}

#[test]
fn islands_news_names_by_their_own_names() {
    // Oahu, Lesbos and Mallorca (or Majorca) are islands the supplement holds; Long Island in
    // a New York story is the island, not the Bahamian district.
    let found = places_in(
        "On Oahu, home to Honolulu, prices rose. Migrants landed on Lesbos and tourists on \
         Majorca. In New York, commuters from Long Island faced delays.",
    );
    assert_all_described(
        &found,
        &[
            ("Oahu", "Oahu (physical, US)"),
            ("Lesbos", "Lesbos (physical, GR)"),
            ("Majorca", "Mallorca (physical, ES)"),
            ("Long Island", "Long Island (physical, US)"),
        ],
    );
}

#[test]
fn the_rio_grande_is_the_river_and_maritime_is_a_word() {
    // After "the", a name with a river among its readings and no country is the river (not
    // Rio Grande, a town in Ohio); "Maritime" in a story about Yemen is the word, not the
    // Maritime region of Togo.
    let found = places_in(
        "The attorney general sued over border policy along the Rio Grande near Eagle Pass, \
         Texas. ADEN, Yemen — the UK Maritime Trade Operations agency said a tanker was hit \
         off Hodeidah.",
    );
    assert_described(&found, "Rio Grande", "Rio Grande River (physical");
    assert_none_of(&found, &["Maritime"]);
}

#[test]
fn a_listed_venue_lies_in_the_county_named_after_it() {
    // A calendar lists venues as "date: Venue, County.": "Croft" is also an ordinary word and
    // "Rockingham" a weakly capitalised name after the colon, but the county after each says
    // where it is.
    let found = places_in(
        "The race calendar was announced on Monday by the organisers of the series.\n\n\
         23/24 June: Croft, Yorkshire. 11/12 August: Rockingham, Northamptonshire.",
    );
    assert_all_described(
        &found,
        &[
            ("Croft", "Yorkshire (region, GB)"),
            ("Rockingham", "Northamptonshire (region, GB)"),
        ],
    );
}

#[test]
fn ordinary_words_capitalised_before_a_place_word_are_a_name() {
    // "the Air Balloon roundabout": two ordinary words, capitalised mid-sentence before
    // "roundabout", name a place the gazetteer lacks; "the central district" does not.
    let found = places_in(
        "Traffic heading south from the Air Balloon roundabout near Cirencester was diverted \
         through the central district.",
    );
    assert_described(&found, "Air Balloon", "Cirencester (city");
    assert_none_of(&found, &["central"]);
}

#[test]
fn a_possessive_before_a_place_word_and_a_countrys_possessive_before_a_region() {
    // "Alder Hey Children's Hospital" is one name (the possessive sits inside it). "Israel's
    // Gaza Strip" and "Israel's Gaza offensive" name Gaza, not a part of Israel, and "Egypt's
    // Rafah crossing" the crossing (filed under no country), not a part of Egypt.
    let found = places_in(
        "The boy was taken to Alder Hey Children's Hospital in Liverpool, England. Israel's Gaza \
         Strip policy and Israel's Gaza offensive drew criticism. Egypt's Rafah crossing \
         reopened.",
    );
    assert!(
        found
            .iter()
            .any(|(s, _)| s == "Alder Hey Children's Hospital"),
        "{found:?}"
    );
    assert_all_described(
        &found,
        &[
            ("Gaza Strip", "Gaza Strip (admin1"),
            ("Gaza", "Gaza (city"),
            ("Rafah", "Rafah crossing (facility"),
        ],
    );
}

#[test]
fn a_street_named_after_a_far_town_lies_in_the_storys_town() {
    // Gold spans: "Fitzwilliam Place" in a Dublin story is a Dublin street, not Fitzwilliam in
    // Yorkshire, 300 km away.
    let found = spans_described(
        "DUBLIN — The CD was launched at the venue at No 25, Fitzwilliam Place, last week.",
        &["DUBLIN", "Fitzwilliam Place"],
    );
    assert!(found[1].starts_with("Dublin (city"), "{found:?}");
}

#[test]
fn names_meeting_at_a_corner_are_streets() {
    // "the Chartres/Franklin intersection" and "the intersection of Main and Broad" name
    // streets of the story's town, not Chartres in France or a Franklin somewhere; "the
    // intersection of Europe and Asia" names the continents.
    let found = places_in(
        "Police said the crash happened at the intersection of Main and Broad in Richmond, \
         Virginia. A second crash was reported at the Chartres/Franklin intersection, and a \
         third at the corner of Jackson and Lincoln.\n\n\
         Istanbul sits at the intersection of Europe and Asia.",
    );
    for street in [
        "Main", "Broad", "Chartres", "Franklin", "Jackson", "Lincoln",
    ] {
        assert_described(&found, street, "Richmond (city, Virginia, US)");
    }
    assert_all_described(
        &found,
        &[("Europe", "Europe (continent"), ("Asia", "Asia (continent")],
    );
}

#[test]
fn a_curated_site_lies_in_the_region_of_its_nearest_town() {
    // The supplement files the French Quarter under the US only; it takes Louisiana from the
    // nearest GeoNames town, so naming it supports Louisiana and its towns as a town's name
    // does; a Gaza neighbourhood takes the Gaza Strip.
    let gaz = Gazetteer::bundled_shared().expect("bundled gazetteer");
    let quarter = gaz
        .search("French Quarter", 1)
        .first()
        .map(|&p| gaz.describe(p))
        .unwrap_or_default();
    assert_eq!(quarter, "French Quarter (locality, Louisiana, US)");
    let shujaiya = gaz
        .search("Shujaiya", 1)
        .first()
        .map(|&p| gaz.describe(p))
        .unwrap_or_default();
    assert!(
        shujaiya.ends_with("(locality, Gaza Strip, PS)"),
        "{shujaiya}"
    );
}

#[test]
fn a_district_as_big_as_a_city_is_known_by_its_own_name() {
    // Hollywood, Los Angeles (a district of 167,000 in GeoNames) over Hollywood, Florida
    // (a city of 150,000), when nothing in the story points to Florida.
    let found = places_in(
        "MOSCOW — Russian lawmakers said complaints against Hollywood producers were \
         exaggerated.",
    );
    assert_described(&found, "Hollywood", "Hollywood (locality, California, US)");
}

#[test]
fn a_big_citys_possessive_holds_the_airport_beside_it() {
    // "Washington's Dulles Airport" (in Virginia, 40 km from the capital) is the airport,
    // not a part of Washington state.
    let found = places_in(
        "United Airlines started daily flights between Washington's Dulles Airport and \
         Moscow's Domodedovo Airport last week.",
    );
    assert_described(
        &found,
        "Dulles Airport",
        "Washington Dulles International Airport (facility, Virginia, US)",
    );
}

#[test]
fn rivers_the_gazetteer_lacks_are_rivers_and_a_plural_word_is_no_region() {
    // "Rivers burst their banks" opens a sentence with an ordinary plural, not Nigeria's
    // Rivers State; "the Lamone and Savio rivers" are two rivers the gazetteer lacks, lying in
    // the story's region, not the village of Savio.
    let found = places_in(
        "BOLOGNA, Italy — Rivers burst their banks across Emilia-Romagna on Tuesday. The Lamone \
         and Savio rivers rose above their 2023 peaks, officials in Faenza said.",
    );
    assert_none_of(&found, &["Rivers", "The Lamone"]);
    for river in ["Lamone", "Savio"] {
        let place = described_as(&found, river);
        assert!(place.ends_with("Emilia-Romagna, IT)"), "{river}: {found:?}");
        assert!(!place.starts_with("Savio"), "{found:?}");
    }
}

#[test]
fn a_place_before_an_officials_title_is_a_place() {
    // "Texas Gov. Greg Abbott", "Manitoba Premier Brian Pallister", "Chicago Mayor Brandon
    // Johnson": the person's name starts after the title, and the place before it is found.
    let found = places_in(
        "The bill was signed by Texas Gov. Greg Abbott, rejected by Manitoba Premier Brian \
         Pallister and backed by Chicago Mayor Brandon Johnson.",
    );
    assert_all_described(
        &found,
        &[
            ("Texas", "Texas (admin1"),
            ("Manitoba", "Manitoba (admin1"),
            ("Chicago", "Chicago (city"),
        ],
    );
}

#[test]
fn places_inside_names_that_are_no_person_stay_places() {
    // The person scan had taken "Santa Ana Zoo", "Georgia Modular Systems", "DeSmog Canada"
    // and "the Decatur Democrat" for people and dropped the places inside them.
    let found = places_in(
        "The male came to Riverbanks from the Santa Ana Zoo. Roberts is a manager at Georgia \
         Modular Systems, he told DeSmog Canada. \"Never,\" the Decatur Democrat said.",
    );
    for surface in ["Santa Ana", "Georgia", "Canada", "Decatur"] {
        assert!(
            found.iter().any(|(s, _)| s == surface),
            "{surface}: {found:?}"
        );
    }
}

#[test]
fn a_places_possessive_or_an_x_based_word_opens_no_persons_name() {
    // "Manitoba's Opposition New Democrats" and "London-based Christian" had been read as
    // people's names, and the places inside them dropped; "So Moscow thought" opens with "So".
    let found = places_in(
        "WINNIPEG — Manitoba's Opposition New Democrats said Thursday the tax was too high. The \
         audit was done by London-based Christian Aid. So Moscow thought the system a threat.",
    );
    for surface in ["Manitoba", "London", "Moscow"] {
        assert!(
            found.iter().any(|(s, _)| s == surface),
            "{surface}: {found:?}"
        );
    }
}

#[test]
fn a_state_named_like_its_city_by_an_alternate_name_is_the_state() {
    // "Oklahoma" is an alternate name of Oklahoma City, which holds a fifth of the state's
    // people: "central Oklahoma" is the state. "New York" is still the city.
    let found = places_in(
        "Tornadoes tore through central Oklahoma on Sunday, damaging homes in Moore and \
         Norman. Later the storms reached New York.",
    );
    assert_all_described(
        &found,
        &[
            ("Oklahoma", "Oklahoma (admin1"),
            ("New York", "New York City (city"),
        ],
    );
}

#[test]
fn an_article_and_ordinary_words_are_no_nickname() {
    // "The River" is an alternate name of New Brunswick, New Jersey; "The City Council" is no
    // place either.
    let found = places_in(
        "The River Ouse rose above four metres in York on Sunday, flooding riverside pubs in \
         Yorkshire. The City Council said roads were closed.",
    );
    assert_described(&found, "River Ouse", "River Ouse, Yorkshire (physical");
    assert_none_of(&found, &["The River", "The City"]);
}

#[test]
fn the_and_a_seas_own_head_name_the_water_not_the_state() {
    // Sudan has a Red Sea state, Egypt a Red Sea governorate; "on the Red Sea" is the sea,
    // and so is every other bare mention of it in the story. "Red Sea state" is the state.
    let found = places_in(
        "The army's government is based in Port Sudan on the Red Sea. Ships in Red Sea waters \
         were diverted. Later, Kassala and Red Sea state held talks.",
    );
    let seas = descriptions_of(&found, "Red Sea");
    assert_eq!(
        seas,
        [
            "Red Sea (physical)",
            "Red Sea (physical)",
            "Red Sea (admin1, SD)"
        ],
        "{found:?}"
    );
}

#[test]
fn a_gate_or_a_hotel_named_after_a_place_is_not_that_place() {
    // "the Brandenburg Gate" is no mention of the state of Brandenburg; "the Roosevelt Hotel"
    // is not Roosevelt, Utah (both are landmarks the supplement holds).
    let found = places_in(
        "BERLIN — Farmers drove tractors to Munich, Hamburg and the Brandenburg Gate. In \
         Frankfurt, the central bank held rates. In New York, migrants were housed at the \
         Roosevelt Hotel.",
    );
    assert!(
        !found
            .iter()
            .any(|(_, d)| d.starts_with("Brandenburg (admin1")),
        "{found:?}"
    );
    assert_described(
        &found,
        "Brandenburg Gate",
        "Brandenburg Gate (facility, Berlin",
    );
    assert!(
        !described_as(&found, "Roosevelt Hotel").contains("Utah")
            && !found.iter().any(|(s, _)| s == "Roosevelt"),
        "{found:?}"
    );
}

#[test]
fn rivers_in_flood_news_are_rivers() {
    // The supplement's rivers: "the Aire at Castleford", "the Calder at Mytholmroyd" (not
    // Calder, Alberta), "the Wharfe", "the Arkansas River".
    let found = places_in(
        "The Environment Agency issued warnings for the Aire at Castleford and the Calder at \
         Mytholmroyd, in West Yorkshire, where the Wharfe burst its banks. In Tulsa, flooding \
         hit homes along the Arkansas River.",
    );
    assert_all_described(
        &found,
        &[
            ("Aire", "River Aire (physical"),
            ("Calder", "River Calder, West Yorkshire (physical"),
            ("Wharfe", "River Wharfe (physical"),
            ("Arkansas River", "Arkansas River (physical"),
        ],
    );
}

#[test]
fn a_country_named_in_the_sentence_outweighs_the_storys_namesake() {
    // A story about Libya names Tripoli twice; "In Lebanon, … Tripoli's Bab al-Tabbaneh" is
    // the Lebanese city.
    let found = places_in(
        "BENGHAZI, Libya — Clashes erupted again in Tripoli between rival armed groups, \
         closing Mitiga airport. Fighting spread to Zawiya. In Misrata, leaders called for \
         elections. In Lebanon, meanwhile, fighters in Tripoli's Bab al-Tabbaneh district \
         exchanged fire overnight.",
    );
    let tripolis = descriptions_of(&found, "Tripoli");
    assert_eq!(tripolis.len(), 2, "{found:?}");
    assert!(tripolis[0].ends_with(", LY)"), "{found:?}");
    assert!(tripolis[1].ends_with(", LB)"), "{found:?}");
}

#[test]
fn a_topographic_prefix_or_an_ordinary_word_alone_is_no_town() {
    // "Wadi Derna" is no mention of Wādi, India; "Farmers Park" none of Weston,
    // Massachusetts ("Farmers" is one of its alternate names). Abbreviations stay: "Ill.".
    let found = places_in(
        "A wall of water swept down Wadi Derna. In Springfield, Ill., the council approved a \
         park near Farmers Park.",
    );
    assert!(
        !found
            .iter()
            .any(|(_, d)| d.contains(", IN)") || d.starts_with("Weston")),
        "{found:?}"
    );
    assert_described(&found, "Ill", "Illinois (admin1");
}

#[test]
fn an_airports_or_a_roads_name_is_not_the_towns_inside_it() {
    // "Ninoy Aquino International Airport" holds no towns Ninoy and Aquino; "the Pacific Coast
    // Highway" is no ocean. "Vancouver International Airport" serves Vancouver, and
    // "Harare's Third Street" is in Harare.
    let found = places_in(
        "MANILA — Flights at Ninoy Aquino International Airport were cancelled. In California, \
         the Pacific Coast Highway was closed near Malibu. A man was held at Vancouver \
         International Airport. Harare's Third Street will be repaved.",
    );
    assert_none_of(&found, &["Ninoy", "Aquino", "Pacific"]);
    assert!(
        described_as(&found, "Vancouver International Airport").starts_with("Vancouver (city"),
        "{found:?}"
    );
    assert_described(&found, "Harare", "Harare (city");
}

#[test]
fn demonyms_of_regions_name_the_region() {
    // "Sicilian" had no entry; with gold spans it fell to a loose match of Iceland.
    let found = places_in("The Sicilian mafia and Bavarian brewers were in the news.");
    assert_all_described(
        &found,
        &[
            ("Sicilian", "Sicilia (admin1"),
            ("Bavarian", "Bayern (admin1"),
        ],
    );
    assert_eq!(
        spans_described("The Sicilian mafia was in the news.", &["Sicilian"]),
        ["Sicilia (admin1, IT)"]
    );
}

#[test]
fn universities_stand_on_their_campuses() {
    // A state's university named in full had been placed at the state's centroid, hundreds of
    // kilometres from the campus; "UCLA" and "Cornell University" had been no place at all,
    // and an office inside a university's name had hidden the university.
    let points = points_in(
        "PARKLAND, Fla. — She was accepted to Florida Atlantic University, UCLA and Cornell \
         University. A climatologist at the Kansas State University Weather Data Library said \
         so.",
    );
    let near = |surface: &str, lat: f64, lon: f64| {
        points
            .iter()
            .any(|(s, la, lo)| s == surface && (la - lat).abs() < 0.2 && (lo - lon).abs() < 0.2)
    };
    assert!(
        near("Florida Atlantic University", 26.37, -80.10),
        "{points:?}"
    );
    assert!(near("UCLA", 34.07, -118.44), "{points:?}");
    assert!(near("Cornell University", 42.45, -76.48), "{points:?}");
    assert!(near("Kansas State University", 39.19, -96.58), "{points:?}");
}

#[test]
fn a_bare_rivers_waters_and_islands_are_places() {
    // "the Cauvery water dispute": a bare river name before "water" or "dispute" is the river
    // (a bare "Amazon" before a brand word is still no river). Samos and Maui are islands the
    // gazetteer had only as a village and a county.
    let found = places_in(
        "Karnataka and Tamil Nadu argue over Cauvery water. Migrants wait in Samos, Greece. \
         Stores on Maui, Hawaii, raised prices. Amazon Prime raised prices too.",
    );
    assert_all_described(
        &found,
        &[
            ("Cauvery", "Kaveri (physical"),
            ("Samos", "Samos (physical"),
            ("Maui", "Maui (physical"),
        ],
    );
    assert_none_of(&found, &["Amazon"]);
}
