//! The explorer, tested like a user: click, type, press keys, and check what the app shows.
//! Headless (`egui_kittest`, no renderer, no window), no network: the map draws only the
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
    // Beside the demo, a dispatch whose bare town names have many namesakes, so the queue holds
    // at least two items however well the demo itself resolves.
    let extra = tmp.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("ambiguous.md"),
        "# Aid convoy organisers meet donors\n\nOrganisers of the convoy met donors in \
         Springfield on Monday and will travel on to Portland and Richmond next week, a \
         spokesperson said.\n",
    )
    .unwrap();
    let mut app = App::new(extractor(), vec![demo_dir(), extra]).unwrap();
    app.set_session_path(tmp.path().join("demo.placemap.json"));
    app.wait_until_loaded();
    let mut h = harness(app);
    assert!(
        h.state().review().len() >= 2,
        "{}",
        h.state().review().len()
    );
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

/// Types into File → Open's "Path" field, replacing what it shows, and presses "Go".
fn go_to_path(h: &mut Harness<'static, App>, path: &Path) {
    h.get_by_label("Path").click();
    settle(h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    settle(h);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    settle(h);
    h.get_by_label("Go").click();
    settle(h);
}

#[test]
fn file_open_browses_into_a_folder_and_imports_the_selected_files() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::create_dir(tmp.path().join("notes")).unwrap();
    std::fs::write(tmp.path().join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    copy_demo(
        &corpus,
        &[
            "01-doha-hamas-delegation.md",
            "09-jordan-aid-convoys.md",
            "12-rafah-tunnels-cairo.md",
        ],
    );
    let mut app = App::from_atlas(extractor(), Atlas::new(gazetteer())).unwrap();
    // File → Open starts in the folder it showed last (persisted UI state).
    app.restore(placemap::app::PersistedUi {
        last_dir: Some(tmp.path().to_path_buf()),
        ..placemap::app::PersistedUi::default()
    });
    let mut h = harness(app);
    h.get_by_label("Open…").click();
    settle(&mut h);
    assert_eq!(h.state().browser_dir(), Some(tmp.path()));
    // Folders and readable files are listed; a photo is not.
    assert!(h.query_by_label("notes/").is_some());
    assert!(h.query_by_label_contains("photo.jpg").is_none());
    assert!(
        h.query_by_label_contains("1 other entry not listed")
            .is_some()
    );

    // Into the corpus folder: tick two of its three files and open them.
    h.get_by_label("corpus/").click();
    settle(&mut h);
    assert_eq!(h.state().browser_dir(), Some(corpus.as_path()));
    assert!(h.query_by_label("12-rafah-tunnels-cairo.md").is_some());
    h.get_by_label("01-doha-hamas-delegation.md").click();
    settle(&mut h);
    h.get_by_label("09-jordan-aid-convoys.md").click();
    settle(&mut h);
    h.get_by_label("Open selected (2)").click();
    settle(&mut h);
    assert_eq!(h.state().browser_dir(), None, "the window closes on import");
    h.state_mut().wait_until_loaded();
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.atlas().docs().len(), 2);
    assert!(app.atlas().problems().is_empty());
    place_named(app, "Doha");
    assert!(
        app.view().places.len() > 3,
        "{} places",
        app.view().places.len()
    );
    // The folder is remembered for next time (and across restarts).
    assert_eq!(app.persisted().last_dir.as_deref(), Some(corpus.as_path()));

    // Back up through the parent; then a typed file path opens that file.
    h.get_by_label("Open…").click();
    settle(&mut h);
    assert_eq!(h.state().browser_dir(), Some(corpus.as_path()));
    h.get_by_label("⬆ Up").click();
    settle(&mut h);
    assert_eq!(h.state().browser_dir(), Some(tmp.path()));
    go_to_path(&mut h, &corpus.join("12-rafah-tunnels-cairo.md"));
    h.state_mut().wait_until_loaded();
    settle(&mut h);
    assert_eq!(h.state().atlas().docs().len(), 3);
    place_named(h.state(), "Rafah");
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
    // File → Open, type the folder, then open the whole folder.
    h.get_by_label("Open…").click();
    settle(&mut h);
    go_to_path(&mut h, tmp.path());
    assert_eq!(h.state().browser_dir(), Some(tmp.path()));
    assert!(h.query_by_label("broken.txt").is_some());
    h.get_by_label("Open folder").click();
    settle(&mut h);
    // The import runs in the background with a progress bar; wait for it.
    h.state_mut().wait_until_loaded();
    settle(&mut h);
    assert_eq!(h.state().atlas().docs().len(), 2);
    h.get_by_label_contains("Problems (").click();
    settle(&mut h);
    assert!(h.query_all_by_label_contains("broken.txt").count() > 0);
    assert!(!h.state().view().places.is_empty());
    place_named(h.state(), "Doha");
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
    assert!(!h.state().network_used());
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

/// A local stand-in for a tile server: answers every request with 404 and counts them.
fn local_tile_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            if buf[..n].starts_with(b"GET ") {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            let _ = s.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (
        format!("http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"),
        hits,
    )
}

/// Steps the harness until `done` holds (at most ~10 s).
fn step_until(h: &mut Harness<'static, App>, done: impl Fn(&App) -> bool) {
    for _ in 0..200 {
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    panic!("timed out");
}

#[test]
fn map_tiles_are_off_by_default_and_touch_no_network() {
    let tmp = tempfile::tempdir().unwrap();
    let (url, hits) = local_tile_server();
    let mut app = demo_app(tmp.path());
    app.set_tile_url(url);
    let mut h = harness(app);
    h.state_mut().act(Action::ZoomTo(34.4, 31.5, 9.0));
    settle(&mut h);
    assert!(h.query_by_label("OpenStreetMap tiles").is_some());
    assert!(!h.state().online_tiles() && !h.state().network_used());
    // The basemap's credit is on the map; OpenStreetMap's is not (no tiles drawn).
    assert!(
        h.query_by_label("Basemap: Natural Earth (public domain)")
            .is_some()
    );
    assert!(h.query_by_label("© OpenStreetMap contributors").is_none());
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn map_tiles_when_turned_on_are_fetched_and_credited_on_the_map() {
    let tmp = tempfile::tempdir().unwrap();
    let (url, hits) = local_tile_server();
    let mut app = demo_app(tmp.path());
    app.set_tile_url(url);
    let mut h = harness(app);
    h.get_by_label("OpenStreetMap tiles").click();
    settle(&mut h);
    step_until(&mut h, App::tiles_drawn);
    settle(&mut h);
    assert!(h.query_by_label("© OpenStreetMap contributors").is_some());
    step_until(&mut h, |_| {
        hits.load(std::sync::atomic::Ordering::SeqCst) > 0
    });
    // Every tile fails (404): the map keeps drawing the offline basemap and pins, no panic.
    for k in 0..10 {
        h.state_mut()
            .act(Action::ZoomTo(30.0 + f64::from(k), 31.0, 6.0));
        h.step();
    }
    settle(&mut h);
    assert!(!h.state().view().places.is_empty());
    // Off again: no credit for tiles that are not drawn.
    h.get_by_label("OpenStreetMap tiles").click();
    settle(&mut h);
    assert!(h.query_by_label("© OpenStreetMap contributors").is_none());
}

#[test]
fn map_tiles_offline_turn_themselves_off_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    // A port nobody listens on: the reachability check fails at once.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut app = demo_app(tmp.path());
    app.set_tile_url(format!("http://127.0.0.1:{closed}/{{z}}/{{x}}/{{y}}.png"));
    let mut h = harness(app);
    h.get_by_label("OpenStreetMap tiles").click();
    settle(&mut h);
    step_until(&mut h, |app| !app.online_tiles());
    settle(&mut h);
    assert!(!h.state().tiles_drawn());
    assert!(h.query_by_label_contains("map tiles unavailable").is_some());
    assert!(
        h.query_by_label("Basemap: Natural Earth (public domain)")
            .is_some()
    );
    assert!(!h.state().view().places.is_empty());
}
