//! The explorer, tested like a user: click, type, press keys, and check what the app shows.
//! Headless (egui_kittest, no renderer, no window), no network: the map draws only the
//! bundled offline basemap.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use placemap::app::{Action, App};
use placemap::atlas::filter::KindClass;
use placemap::atlas::{Atlas, MentionRef};
use placemap::corpus::{DateSource, DocDate, Document};
use placemap::extract::actors::{ActorMention, ActorType};
use placemap::extract::{Candidate, DocExtraction, Extractor, MentionKind, Resolution, Toponym};
use placemap::gazetteer::{Gazetteer, PlaceId};

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Gazetteer::bundled_shared().expect("bundled gazetteer"))
        .clone()
}

fn extractor() -> Extractor {
    Extractor::new(gazetteer())
}

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches")
}

/// The demo corpus, loaded; corrections go to a temporary session file.
fn demo_app(session_dir: &Path) -> App {
    let mut app = App::new(extractor(), vec![demo_dir()]).unwrap();
    app.set_session_path(session_dir.join("demo.placemap.json"));
    app.wait_until_loaded();
    app
}

fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Place names carry any script; egui's default fonts lack some (the app adds a
        // system fallback font when there is one).
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    settle(&mut h);
    h
}

/// A few frames: input is handled, actions applied, the view refreshed and redrawn.
fn settle(h: &mut Harness<'static, App>) {
    h.run_steps(4);
}

/// The shown place with this name (most mentioned first).
fn place_named(app: &App, name: &str) -> PlaceId {
    let gaz = app.atlas().gazetteer();
    app.view()
        .places
        .iter()
        .map(|c| c.place)
        .find(|&p| gaz.place(p).name == name)
        .unwrap_or_else(|| panic!("no place named {name} on the map"))
}

fn mentions_of(app: &App, p: PlaceId) -> u32 {
    app.view().place(p).map_or(0, |c| c.mentions)
}

/// Centres the map on a place, zoomed in so that every pin stands alone.
fn zoom_to(h: &mut Harness<'static, App>, p: PlaceId) {
    let (lon, lat) = {
        let place = h.state().atlas().gazetteer().place(p);
        (place.lon, place.lat)
    };
    h.state_mut().act(Action::ZoomTo(lon, lat, 11.0));
    settle(h);
}

fn copy_demo(dir: &Path, files: &[&str]) {
    for f in files {
        std::fs::copy(demo_dir().join(f), dir.join(f)).unwrap();
    }
}

#[test]
fn demo_corpus_opens_with_pins_and_clusters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    assert_eq!(h.state().atlas().docs().len(), 20);
    assert!(h.state().view().places.len() > 20);
    // Zoomed out, nearby places are grouped.
    h.state_mut().act(Action::ZoomTo(35.0, 31.0, 3.0));
    settle(&mut h);
    assert!(h.query_all_by_label_contains("cluster of").count() > 0);
    // Zoomed in on Gaza, every place has its own pin.
    let rafah = place_named(h.state(), "Rafah");
    zoom_to(&mut h, rafah);
    assert!(h.query_all_by_label("pin Rafah").count() > 0);
    assert_eq!(h.query_all_by_label_contains("cluster of").count(), 0);
}

#[test]
fn clicking_a_cluster_zooms_in() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    h.state_mut().act(Action::ZoomTo(34.5, 31.4, 5.0));
    settle(&mut h);
    let before = h.state().map_zoom();
    h.get_all_by_label_contains("cluster of")
        .next()
        .unwrap()
        .click();
    settle(&mut h);
    assert!(
        h.state().map_zoom() > before + 1.0,
        "zoom {} -> {}",
        before,
        h.state().map_zoom()
    );
}

#[test]
fn clicking_a_pin_shows_its_passages_sorted_by_date() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    let rafah = place_named(h.state(), "Rafah");
    zoom_to(&mut h, rafah);
    assert_eq!(h.state().selected(), None);
    h.get_all_by_label("pin Rafah").next().unwrap().click();
    settle(&mut h);
    let app = h.state();
    let selected = app.selected().unwrap();
    assert_eq!(app.atlas().gazetteer().place(selected).name, "Rafah");
    assert_eq!(app.passages().len() as u32, mentions_of(app, selected));
    let dates: Vec<_> = app
        .passages()
        .iter()
        .map(|m| {
            app.atlas().docs()[m.doc as usize]
                .extraction
                .date
                .map(|d| d.date)
        })
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1] || w[1].is_none()),
        "{dates:?}"
    );
    // The panel lists them with the document title and date.
    let first = &app.atlas().docs()[app.passages()[0].doc as usize];
    let title = first.doc.title.clone().unwrap();
    assert!(h.query_all_by_label_contains(&title).count() > 0);
}

#[test]
fn passage_opens_the_reader_and_j_k_move_through_passages() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    let cairo = place_named(h.state(), "Cairo");
    h.state_mut().act(Action::Select(cairo));
    settle(&mut h);
    let passages = h.state().passages().to_vec();
    assert!(passages.len() >= 3);
    let first_title = h.state().atlas().docs()[passages[0].doc as usize]
        .doc
        .title
        .clone()
        .unwrap();
    h.get_all_by_label_contains(&first_title)
        .next()
        .unwrap()
        .click();
    settle(&mut h);
    assert_eq!(h.state().passage_cursor(), Some(0));
    assert_eq!(
        h.state().reader().map(|r| (r.doc, r.focus)),
        Some((passages[0].doc, Some(passages[0].toponym)))
    );
    h.key_press(egui::Key::J);
    settle(&mut h);
    assert_eq!(h.state().passage_cursor(), Some(1));
    assert_eq!(h.state().reader().map(|r| r.doc), Some(passages[1].doc));
    h.key_press(egui::Key::J);
    settle(&mut h);
    h.key_press(egui::Key::K);
    settle(&mut h);
    assert_eq!(h.state().passage_cursor(), Some(1));
}

#[test]
fn clicking_a_mention_in_the_reader_selects_and_centres_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    let doha = place_named(h.state(), "Doha");
    let m = h.state().atlas().mentions_of(doha)[0];
    h.state_mut().act(Action::Open(m.doc, None));
    settle(&mut h);
    let surface = {
        let ad = &h.state().atlas().docs()[m.doc as usize];
        let t = &ad.extraction.toponyms[m.toponym as usize];
        ad.doc.text[t.start..t.end].to_owned()
    };
    assert_eq!(h.state().selected(), None);
    h.get_all_by_label(&surface).next().unwrap().click();
    settle(&mut h);
    let app = h.state();
    let selected = app.selected().unwrap();
    // The place of a mention with that text in this document…
    let ad = &app.atlas().docs()[m.doc as usize];
    assert!(
        ad.extraction
            .toponyms
            .iter()
            .any(|t| t.place == Some(selected) && ad.doc.text[t.start..t.end] == surface)
    );
    // …is where the map now is.
    let (lon, lat) = app.map_center();
    let p = app.atlas().gazetteer().place(selected);
    assert!(
        (lon - p.lon).abs() < 1e-6 && (lat - p.lat).abs() < 1e-6,
        "map at {lon},{lat}"
    );
    assert!(!app.passages().is_empty());
}

#[test]
fn text_search_filters_pins_and_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    let all_docs = h.state().view().docs;
    let all_places = h.state().view().places.len();
    h.get_by_label("Search").click();
    settle(&mut h);
    h.get_by_label("Search").type_text("Sharm");
    settle(&mut h);
    let v = h.state().view();
    assert!(v.docs > 0 && v.docs < all_docs, "{} of {all_docs}", v.docs);
    assert!(v.places.len() < all_places);
    assert!(h.state().last_filter_ms() < 50.0);
}

#[test]
fn date_filter_changes_pins_and_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    let gaza_before = mentions_of(h.state(), place_named(h.state(), "Gaza"));
    h.get_by_label("From").click();
    settle(&mut h);
    h.get_by_label("From").type_text("2025-10-15");
    settle(&mut h);
    let app = h.state();
    let from = chrono::NaiveDate::from_ymd_opt(2025, 10, 15).unwrap();
    assert_eq!(app.filter.date_from, Some(from));
    assert!(app.view().docs < 20);
    for (i, ad) in app.atlas().docs().iter().enumerate() {
        assert_eq!(
            app.view().doc_pass[i],
            ad.extraction.date.is_some_and(|d| d.date >= from)
        );
    }
    let gaza_after = app
        .view()
        .places
        .iter()
        .find(|c| app.atlas().gazetteer().place(c.place).name == "Gaza")
        .map_or(0, |c| c.mentions);
    assert!(gaza_after < gaza_before);
    // The timeline keeps showing every day (it is the date facet), and "Clear dates" resets.
    h.get_by_label("Clear dates").click();
    settle(&mut h);
    assert_eq!(h.state().view().docs, 20);
}

/// A small atlas with actors, as the actor extraction produces them.
fn actor_atlas() -> Atlas {
    let gaz = gazetteer();
    let mut atlas = Atlas::new(gaz.clone());
    let place = |name: &str| gaz.search(name, 1)[0];
    for (i, (text, name, actor)) in [
        ("Talks in Doha.", "Doha", "Hamas"),
        ("Aid reached Rafah.", "Rafah", "UNRWA"),
        ("Envoys met in Cairo.", "Cairo", "Hamas"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut doc = Document::from_text(format!("d{i}"), text);
        doc.title = Some(format!("Dispatch {i}"));
        doc.date = chrono::NaiveDate::from_ymd_opt(2025, 10, 1 + i as u32).map(|date| DocDate {
            date,
            source: DateSource::Metadata,
        });
        let start = text.find(name).unwrap();
        let p = place(name);
        let toponyms = vec![Toponym {
            start,
            end: start + name.len(),
            kind: MentionKind::Place,
            place: Some(p),
            confidence: 0.9,
            candidates: vec![Candidate {
                place: p,
                score: 0.9,
            }],
            embedded: false,
            resolution: Resolution::Gazetteer,
        }];
        let actors = vec![ActorMention {
            start: 0,
            end: 4,
            actor_id: None,
            name: actor.into(),
            kind: ActorType::Organisation,
            affiliation: None,
        }];
        let date = doc.date;
        atlas.push(
            doc,
            DocExtraction {
                toponyms,
                actors,
                dates: Vec::new(),
                date,
            },
        );
    }
    atlas
}

#[test]
fn actor_filter_changes_pins_and_counts() {
    let app = App::from_atlas(extractor(), actor_atlas()).unwrap();
    let mut h = harness(app);
    assert_eq!(h.state().view().places.len(), 3);
    h.get_by_label("Hamas (2)").click();
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.view().docs, 2);
    let names: Vec<&str> = app
        .view()
        .places
        .iter()
        .map(|c| app.atlas().gazetteer().place(c.place).name)
        .collect();
    assert!(
        names.contains(&"Doha") && names.contains(&"Cairo") && !names.contains(&"Rafah"),
        "{names:?}"
    );
    // The facet keeps counting the other actor.
    assert!(h.query_by_label("UNRWA (1)").is_some());
}

#[test]
fn demonyms_are_hidden_by_default_and_the_kind_filter_shows_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    assert!(h.state().filter.hidden_kinds.contains(&KindClass::Demonym));
    h.get_by_label("countries").click();
    settle(&mut h);
    {
        let app = h.state();
        let gaz = app.atlas().gazetteer();
        assert!(
            app.view()
                .places
                .iter()
                .all(|c| gaz.place(c.place).kind != placemap::gazetteer::PlaceKind::Country)
        );
    }
    let before = h.state().view().mentions;
    h.get_by_label("demonyms").click();
    settle(&mut h);
    assert!(h.state().view().mentions > before);
}

#[test]
fn a_correction_changes_the_pin_and_survives_reopening_the_session() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    copy_demo(
        &corpus,
        &[
            "04-cairo-hamas-response.md",
            "12-rafah-tunnels-cairo.md",
            "18-second-phase-cairo.md",
        ],
    );
    let mut app = App::new(extractor(), vec![corpus.clone()]).unwrap();
    app.wait_until_loaded();
    let mut h = harness(app);
    let cairo = place_named(h.state(), "Cairo");
    let before = mentions_of(h.state(), cairo);
    assert!(before >= 2);
    let m: MentionRef = h.state().atlas().mentions_of(cairo)[0];
    h.state_mut().act(Action::Open(m.doc, Some(m.toponym)));
    settle(&mut h);
    // Right-click the mention, then "Not a place" (scope: this mention).
    h.get_all_by_label("Cairo")
        .next()
        .unwrap()
        .click_secondary();
    settle(&mut h);
    h.get_by_label("Not a place").click();
    settle(&mut h);
    assert_eq!(mentions_of(h.state(), cairo), before - 1);
    let session = corpus.with_file_name("corpus.placemap.json");
    assert!(session.exists(), "session file written beside the corpus");
    drop(h);

    // Reopen: the correction is reapplied.
    let mut app = App::new(extractor(), vec![corpus]).unwrap();
    app.wait_until_loaded();
    let h = harness(app);
    assert_eq!(mentions_of(h.state(), cairo), before - 1);
}

#[test]
fn correcting_to_a_candidate_from_the_review_queue_moves_the_pin() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    assert!(!h.state().review().is_empty());
    h.key_press(egui::Key::N);
    settle(&mut h);
    assert_eq!(h.state().review_cursor(), Some(0));
    let m = h.state().review()[0];
    assert_eq!(h.state().reader().map(|r| r.doc), Some(m.doc));
    h.key_press(egui::Key::N);
    settle(&mut h);
    assert_eq!(h.state().review_cursor(), Some(1));
    // Place the current item with the gazetteer search.
    let m = h.state().review()[1];
    h.get_by_label("Search the gazetteer…").click();
    settle(&mut h);
    h.get_by_label("Search the gazetteer…").type_text("Amman");
    settle(&mut h);
    h.get_all_by_label_contains("→ Amman")
        .next()
        .unwrap()
        .click();
    settle(&mut h);
    let amman = h.state().atlas().gazetteer().search("Amman", 1)[0];
    let app = h.state();
    assert_eq!(app.selected(), Some(amman));
    assert!(
        app.atlas()
            .mentions_of(amman)
            .iter()
            .any(|&x| x.doc == m.doc)
    );
    assert!(tmp.path().join("demo.placemap.json").exists());
}

#[test]
fn importing_a_folder_with_a_bad_file_lists_it_in_problems() {
    let tmp = tempfile::tempdir().unwrap();
    copy_demo(
        tmp.path(),
        &["01-doha-hamas-delegation.md", "09-jordan-aid-convoys.md"],
    );
    std::fs::write(
        tmp.path().join("broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0],
    )
    .unwrap();
    let app = App::from_atlas(extractor(), Atlas::new(gazetteer())).unwrap();
    let mut h = harness(app);
    h.get_by_label("Open…").click();
    settle(&mut h);
    h.get_by_label("Path").click();
    settle(&mut h);
    h.get_by_label("Path")
        .type_text(&tmp.path().display().to_string());
    settle(&mut h);
    h.get_by_label("Import").click();
    settle(&mut h);
    h.state_mut().wait_until_loaded();
    settle(&mut h);
    assert_eq!(h.state().atlas().docs().len(), 2);
    h.get_by_label_contains("Problems (").click();
    settle(&mut h);
    assert!(h.query_all_by_label_contains("broken.txt").count() > 0);
    assert!(!h.state().view().places.is_empty());
}

#[test]
fn export_writes_valid_geojson_and_csv_of_the_filtered_view() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    h.state_mut().filter.text = "Cairo".into();
    h.state_mut().export_dir = tmp.path().to_path_buf();
    settle(&mut h);
    h.get_by_label("Export…").click();
    settle(&mut h);
    h.get_by_label("Save GeoJSON").click();
    settle(&mut h);
    h.get_by_label("Save CSV").click();
    settle(&mut h);
    let raw = std::fs::read_to_string(tmp.path().join("placemap-export.geojson")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), h.state().view().places.len());
    let total: u64 = features
        .iter()
        .map(|f| f["properties"]["mention_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, h.state().view().mentions);
    let csv = std::fs::read_to_string(tmp.path().join("placemap-export.csv")).unwrap();
    assert_eq!(csv.lines().count() - 1, h.state().view().mentions);
}

#[test]
fn about_box_shows_attribution_and_no_network_is_used() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    assert!(!h.state().online_tiles());
    h.get_by_label("About").click();
    settle(&mut h);
    assert!(
        h.query_by_label("Place data © GeoNames (geonames.org), CC BY 4.0")
            .is_some()
    );
    assert!(h.query_all_by_label_contains("Natural Earth").count() > 0);
}

#[test]
fn ui_state_survives_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(demo_app(tmp.path()));
    h.get_by_label("demonyms").click();
    h.state_mut().act(Action::ZoomTo(35.2, 31.8, 8.0));
    settle(&mut h);
    // What eframe stores on exit, through its serialisation.
    let saved = serde_json::to_string(&h.state().persisted()).unwrap();
    drop(h);
    let mut app = demo_app(tmp.path());
    app.restore(serde_json::from_str(&saved).unwrap());
    let h = harness(app);
    assert!(!h.state().filter.hidden_kinds.contains(&KindClass::Demonym));
    assert!((h.state().map_zoom() - 8.0).abs() < 1e-9);
    let (lon, lat) = h.state().map_center();
    assert!((lon - 35.2).abs() < 1e-6 && (lat - 31.8).abs() < 1e-6);
}
