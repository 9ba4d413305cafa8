//! The desktop explorer: a map of the corpus's places linked to the passages that mention them,
//! with cross-filters, a timeline, a review queue and corrections.
//!
//! [`App`] holds the state and draws it into any [`egui::Ui`] (the eframe window, or the headless
//! test harness in `tests/ui.rs`). The data it shows comes from the GUI-free
//! [`crate::atlas`] (model, [`crate::atlas::filter`] cross-filter, [`crate::atlas::session`]
//! corrections); background work (import, the detailed basemap) runs on named threads that wake
//! the UI, which drains their results for a bounded time per frame.

mod basemap;
mod browser;
mod import;
mod map_view;
mod panels;
mod tiles;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use egui::{Key, Modifiers, Ui};
use serde::{Deserialize, Serialize};
use walkers::{MapMemory, lon_lat};

use crate::atlas::filter::{Filter, View, review_queue};
use crate::atlas::session::{Correction, Scope, Session, Target, apply_one};
use crate::atlas::{Atlas, MentionRef};
use crate::extract::{DocExtraction, Extractor};
use crate::gazetteer::PlaceId;

pub use basemap::Basemap;
pub use map_view::MapEvents;

/// Where the map opens: Gaza and the region around it (Cairo, Amman, Beirut in view).
const DEFAULT_CENTER: (f64, f64) = (34.9, 31.4);
/// The zoom the map opens at.
const DEFAULT_ZOOM: f64 = 5.0;

/// Which tab the left panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeftTab {
    /// Filters and facets.
    #[default]
    Filters,
    /// The review queue.
    Review,
    /// Files skipped or warned about while importing.
    Problems,
}

/// UI state kept across restarts (eframe storage): viewport, filters, panels.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedUi {
    /// Filters.
    pub filter: Filter,
    /// Map centre (lon, lat), when the user moved the map.
    pub center: Option<(f64, f64)>,
    /// Map zoom.
    pub zoom: f64,
    /// Left panel tab.
    pub left_tab: LeftTab,
    /// Correction scope last used.
    pub scope: Scope,
    /// The folder File → Open showed last.
    pub last_dir: Option<PathBuf>,
}

impl Default for PersistedUi {
    fn default() -> Self {
        Self {
            filter: Filter::default(),
            center: None,
            zoom: DEFAULT_ZOOM,
            left_tab: LeftTab::Filters,
            scope: Scope::Mention,
            last_dir: None,
        }
    }
}

/// The document open in the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderState {
    /// Index into the atlas documents.
    pub doc: u32,
    /// The toponym to show and outline.
    pub focus: Option<u32>,
    /// Scroll to the focus on the next frame.
    pub scroll: bool,
}

/// Something the user asked for; applied after drawing.
#[derive(Clone, Debug)]
pub enum Action {
    /// Select a place (passages panel).
    Select(PlaceId),
    /// Centre the map on a place and select it.
    FlyTo(PlaceId),
    /// Open a document in the reader, optionally at a mention.
    Open(u32, Option<u32>),
    /// Move to passage `i` of the selected place.
    Passage(usize),
    /// Move to review item `i`.
    Review(usize),
    /// Correct a mention.
    Correct(MentionRef, Target),
    /// Zoom the map to (lon, lat, zoom).
    ZoomTo(f64, f64, f64),
    /// Import files and folders.
    Import(Vec<PathBuf>),
    /// Export the filtered view.
    Export(ExportKind),
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// Places with counts and mentions.
    GeoJson,
    /// One row per mention.
    Csv,
}

/// The explorer.
// Independent UI flags (windows open, tiles on, ...), not a state machine in disguise.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    extractor: Extractor,
    atlas: Atlas,
    /// Filters (the left panel edits them; the view is recomputed when they change).
    pub filter: Filter,
    applied_filter: Option<Filter>,
    view: View,
    coords: Vec<[f64; 2]>,
    dirty: bool,
    selected: Option<PlaceId>,
    passages: Vec<MentionRef>,
    passage_cursor: Option<usize>,
    reader: Option<ReaderState>,
    lit_place: Option<PlaceId>,
    review: Vec<MentionRef>,
    review_cursor: Option<usize>,
    preview: Option<MentionRef>,
    map_memory: MapMemory,
    default_center: (f64, f64),
    basemap: Arc<Basemap>,
    waker: Arc<OnceLock<egui::Context>>,
    import: Option<import::ImportJob>,
    session_path: Option<PathBuf>,
    session: Session,
    scope: Scope,
    left_tab: LeftTab,
    gaz_query: String,
    date_text: (String, String),
    actor_query: String,
    /// The File → Open browser, while its window is open.
    browser: Option<browser::Browser>,
    last_dir: Option<PathBuf>,
    show_export: bool,
    show_about: bool,
    /// Folder the export buttons write to.
    pub export_dir: PathBuf,
    status: String,
    focus_search: bool,
    actions: Vec<Action>,
    last_filter_ms: f64,
    brush: Option<chrono::NaiveDate>,
    scroll_passage: bool,
    /// OpenStreetMap tiles, created when the user turns them on and the server answers.
    tiles: Option<walkers::HttpTiles>,
    tiles_on: bool,
    /// The reachability check running since tiles were turned on.
    tiles_probe: Option<tiles::Probe>,
    /// The tile server (a URL template).
    tile_url: String,
    /// Set once anything touched the network (only ever after the user turned tiles on).
    network_touched: bool,
    /// When the process started (the window), for the startup log lines.
    launched: Option<Instant>,
    /// Pins and clusters drawn in the last frame.
    pins_drawn: usize,
}

impl App {
    /// An explorer importing `paths` in the background; corrections from the session file
    /// beside the first path are reapplied when the import finishes.
    pub fn new(extractor: Extractor, paths: Vec<PathBuf>) -> anyhow::Result<Self> {
        let atlas = Atlas::new(extractor.gazetteer().clone());
        let mut app = Self::from_atlas(extractor, atlas)?;
        if let Some(first) = paths.first() {
            app.session_path = Some(Session::path_for(first));
            app.export_dir = first
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            if app.export_dir.as_os_str().is_empty() {
                app.export_dir = PathBuf::from(".");
            }
            app.load_session();
        }
        if !paths.is_empty() {
            app.start_import(paths);
        }
        Ok(app)
    }

    /// An explorer over an atlas already built (benchmarks, tests).
    pub fn from_atlas(extractor: Extractor, atlas: Atlas) -> anyhow::Result<Self> {
        let waker: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
        let basemap = Basemap::shared().context("loading the offline basemap")?;
        let mut map_memory = MapMemory::default();
        let default_center = DEFAULT_CENTER;
        let _ = map_memory.set_zoom(DEFAULT_ZOOM);
        map_memory.center_at(lon_lat(default_center.0, default_center.1));
        Ok(Self {
            extractor,
            atlas,
            filter: Filter::default(),
            applied_filter: None,
            view: View::default(),
            coords: Vec::new(),
            dirty: true,
            selected: None,
            passages: Vec::new(),
            passage_cursor: None,
            reader: None,
            lit_place: None,
            review: Vec::new(),
            review_cursor: None,
            preview: None,
            map_memory,
            default_center,
            basemap,
            waker,
            import: None,
            session_path: None,
            session: Session::default(),
            scope: Scope::Mention,
            left_tab: LeftTab::Filters,
            gaz_query: String::new(),
            date_text: (String::new(), String::new()),
            actor_query: String::new(),
            browser: None,
            last_dir: None,
            show_export: false,
            show_about: false,
            export_dir: PathBuf::from("."),
            status: String::new(),
            focus_search: false,
            actions: Vec::new(),
            last_filter_ms: 0.0,
            brush: None,
            scroll_passage: false,
            tiles: None,
            tiles_on: false,
            tiles_probe: None,
            tile_url: tiles::OSM_URL.to_owned(),
            network_touched: false,
            launched: None,
            pins_drawn: 0,
        })
    }

    fn load_session(&mut self) {
        let Some(path) = &self.session_path else {
            return;
        };
        match Session::load(path) {
            Ok(Some(s)) => self.session = s,
            Ok(None) => {}
            Err(e) => self.status = format!("session not loaded: {e}"),
        }
    }

    /// Starts importing files and folders in the background.
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if let Some(job) = &mut self.import
            && !job.done
        {
            self.status = "an import is already running".into();
            return;
        }
        if self.session_path.is_none()
            && let Some(first) = paths.first()
        {
            self.session_path = Some(Session::path_for(first));
            self.load_session();
        }
        match import::ImportJob::start(paths, self.extractor.clone(), self.waker.clone()) {
            Ok(job) => self.import = Some(job),
            Err(e) => self.status = format!("could not start the import: {e}"),
        }
    }

    /// Blocks until the running import (if any) has finished and its results are in; for tests
    /// and the benchmark.
    pub fn wait_until_loaded(&mut self) {
        self.drain_import(true);
    }

    fn drain_import(&mut self, block: bool) {
        let Some(job) = &mut self.import else { return };
        if job.done {
            return;
        }
        let drained = job.drain(Duration::from_millis(8), block);
        let n = drained.docs.len();
        for (doc, ex) in drained.docs {
            self.atlas.push(doc, ex);
        }
        if n > 0 {
            self.dirty = true;
        }
        if let Some(problems) = drained.problems {
            if let Some(t0) = self.launched.take() {
                log::info!(
                    "corpus loaded {:.0} ms after launch: {} documents, {} problems",
                    t0.elapsed().as_secs_f64() * 1000.0,
                    self.atlas.docs().len(),
                    problems.len()
                );
            }
            self.atlas.add_problems(problems);
            if !self.session.corrections.is_empty() {
                let changed = self.session.apply_all(&mut self.atlas);
                self.status = format!(
                    "{} corrections reapplied ({changed} mentions)",
                    self.session.corrections.len()
                );
            }
            self.dirty = true;
            if !self.atlas.problems().is_empty() && self.atlas.docs().is_empty() {
                self.left_tab = LeftTab::Problems;
            }
        }
    }

    // ---- accessors (tests, benchmark) ----

    /// The atlas shown.
    pub fn atlas(&self) -> &Atlas {
        &self.atlas
    }
    /// What passes the current filters (as of the last frame).
    pub fn view(&self) -> &View {
        &self.view
    }
    /// The selected place.
    pub fn selected(&self) -> Option<PlaceId> {
        self.selected
    }
    /// The passages of the selected place.
    pub fn passages(&self) -> &[MentionRef] {
        &self.passages
    }
    /// The current passage.
    pub fn passage_cursor(&self) -> Option<usize> {
        self.passage_cursor
    }
    /// The reader.
    pub fn reader(&self) -> Option<ReaderState> {
        self.reader
    }
    /// The review queue.
    pub fn review(&self) -> &[MentionRef] {
        &self.review
    }
    /// The current review item.
    pub fn review_cursor(&self) -> Option<usize> {
        self.review_cursor
    }
    /// The map centre (lon, lat).
    pub fn map_center(&self) -> (f64, f64) {
        self.map_memory
            .detached()
            .map_or(self.default_center, |p| (p.x(), p.y()))
    }
    /// The map zoom.
    pub fn map_zoom(&self) -> f64 {
        self.map_memory.zoom()
    }
    /// Where corrections are saved.
    pub fn session_path(&self) -> Option<&Path> {
        self.session_path.as_deref()
    }
    /// Sets where corrections are saved (tests).
    pub fn set_session_path(&mut self, path: PathBuf) {
        self.session_path = Some(path);
        self.session = Session::default();
        self.load_session();
    }
    /// The correction scope used by the next correction.
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = scope;
    }
    /// The status line.
    pub fn status(&self) -> &str {
        &self.status
    }
    /// Is an import running?
    pub fn importing(&self) -> bool {
        self.import.as_ref().is_some_and(|j| !j.done)
    }
    /// Are OpenStreetMap tiles shown (and so fetched)? Off unless the user turns them on.
    pub fn online_tiles(&self) -> bool {
        self.tiles_on
    }

    /// Turns OpenStreetMap tiles on or off. Turning them on first checks, off the UI thread,
    /// that the server is reachable; offline the toggle goes back off with a note, and the
    /// offline basemap (always drawn underneath) is all there is.
    pub fn set_online_tiles(&mut self, on: bool, ctx: &egui::Context) {
        self.tiles_on = on;
        if on && self.tiles.is_none() && self.tiles_probe.is_none() {
            self.status = format!(
                "checking {}…",
                tiles::host_port(&self.tile_url).unwrap_or_default()
            );
            self.tiles_probe = Some(tiles::probe(&self.tile_url, ctx.clone()));
            self.network_touched = true;
        }
    }

    /// Uses another raster tile server (`{z}/{x}/{y}` URL template) instead of
    /// OpenStreetMap's; tests point this at a local server.
    pub fn set_tile_url(&mut self, template: impl Into<String>) {
        self.tile_url = template.into();
        self.tiles = None;
        self.tiles_probe = None;
    }

    /// Are tiles being drawn (turned on, and the server answered)?
    pub fn tiles_drawn(&self) -> bool {
        self.tiles_on && self.tiles.is_some()
    }

    /// Has the app started anything that touches the network (a check or downloads)?
    pub fn network_used(&self) -> bool {
        self.network_touched
    }

    /// Acts on a finished reachability check.
    fn poll_tiles_probe(&mut self, ctx: &egui::Context) {
        let Some(probe) = &self.tiles_probe else {
            return;
        };
        let Some(result) = probe.get() else {
            ctx.request_repaint_after(Duration::from_millis(100));
            return;
        };
        match result {
            Ok(()) => {
                // walkers is built without a TLS provider feature: install ring's (once per
                // process).
                let _ = rustls::crypto::ring::default_provider().install_default();
                let options = walkers::HttpOptions {
                    user_agent: Some(walkers::HeaderValue::from_static(concat!(
                        "placemap/",
                        env!("CARGO_PKG_VERSION")
                    ))),
                    ..walkers::HttpOptions::default()
                };
                self.tiles = Some(walkers::HttpTiles::with_options(
                    tiles::UrlTiles {
                        template: self.tile_url.clone(),
                    },
                    options,
                    ctx.clone(),
                ));
                self.status.clear();
            }
            Err(e) => {
                log::info!("map tiles unavailable: {e}");
                let host = tiles::host_port(&self.tile_url).unwrap_or_default();
                let host = host.trim_end_matches(":443");
                self.status = format!("map tiles unavailable: {host} unreachable (offline?)");
                self.tiles_on = false;
            }
        }
        self.tiles_probe = None;
    }

    /// Milliseconds the last filter recomputation took.
    pub fn last_filter_ms(&self) -> f64 {
        self.last_filter_ms
    }
    /// Queues an action, as a click would.
    pub fn act(&mut self, a: Action) {
        self.actions.push(a);
    }

    /// UI state to persist.
    pub fn persisted(&self) -> PersistedUi {
        PersistedUi {
            filter: self.filter.clone(),
            center: self.map_memory.detached().map(|p| (p.x(), p.y())),
            zoom: self.map_memory.zoom(),
            left_tab: self.left_tab,
            scope: self.scope,
            last_dir: self.last_dir.clone(),
        }
    }

    /// Restores persisted UI state.
    pub fn restore(&mut self, p: PersistedUi) {
        self.filter = p.filter;
        self.date_text = (
            self.filter
                .date_from
                .map(|d| d.to_string())
                .unwrap_or_default(),
            self.filter
                .date_to
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        if let Some((lon, lat)) = p.center {
            self.map_memory.center_at(lon_lat(lon, lat));
        }
        let _ = self.map_memory.set_zoom(p.zoom.clamp(1.0, 18.0));
        self.left_tab = p.left_tab;
        self.scope = p.scope;
        self.last_dir = p.last_dir;
    }

    /// Opens the File → Open window on the folder shown last (else beside the corpus, else the
    /// working folder).
    pub fn open_browser(&mut self) {
        let start = self
            .last_dir
            .clone()
            .or_else(|| {
                self.session_path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(Path::to_path_buf)
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        self.browser = Some(browser::Browser::new(&start));
    }

    /// The folder the File → Open window shows, while it is open.
    pub fn browser_dir(&self) -> Option<&Path> {
        self.browser.as_ref().map(browser::Browser::dir)
    }

    /// Recomputes the view when the filters or the data changed.
    fn refresh(&mut self) {
        if !self.dirty && self.applied_filter.as_ref() == Some(&self.filter) {
            return;
        }
        let t0 = Instant::now();
        self.view = self.filter.apply(&self.atlas);
        let gaz = self.atlas.gazetteer().clone();
        self.coords = self
            .view
            .places
            .iter()
            .map(|c| {
                let p = gaz.place(c.place);
                basemap::mercator(p.lon, p.lat)
            })
            .collect();
        self.review = review_queue(&self.atlas, &self.view);
        self.review_cursor = self.review_cursor.filter(|&i| i < self.review.len());
        self.refresh_passages();
        self.last_filter_ms = t0.elapsed().as_secs_f64() * 1000.0;
        self.applied_filter = Some(self.filter.clone());
        self.dirty = false;
    }

    fn refresh_passages(&mut self) {
        let previous = self
            .passage_cursor
            .and_then(|i| self.passages.get(i).copied());
        self.passages = match self.selected {
            Some(p) => self.filter.passages(&self.atlas, &self.view, p),
            None => Vec::new(),
        };
        self.passage_cursor = previous.and_then(|m| self.passages.iter().position(|&x| x == m));
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let _ = self.waker.get_or_init(|| ctx.clone());
        self.drain_import(false);
        if self.importing() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if !self.basemap.fine_ready() {
            // The detailed coastline is being triangulated in the background: look again soon.
            ctx.request_repaint_after(Duration::from_millis(250));
        }
        self.poll_tiles_probe(&ctx);
        self.dropped_files(&ctx);
        self.keys(&ctx);
        self.refresh();

        panels::top_bar_ui(self, ui);
        panels::left_panel_ui(self, ui);
        panels::timeline_ui(self, ui);
        panels::right_panel_ui(self, ui);
        panels::map_ui(self, ui);
        panels::windows_ui(self, &ctx);

        let actions = std::mem::take(&mut self.actions);
        for a in actions {
            self.apply(a);
        }
        // Filter edits made while drawing show up in the next frame, within one frame time.
        if self.applied_filter.as_ref() != Some(&self.filter) {
            ctx.request_repaint();
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.start_import(dropped);
        }
    }

    fn keys(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::O)) {
            self.open_browser();
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
            self.left_tab = LeftTab::Filters;
            self.focus_search = true;
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let (j, k, n, esc) = ctx.input(|i| {
            (
                i.key_pressed(Key::J),
                i.key_pressed(Key::K),
                i.key_pressed(Key::N),
                i.key_pressed(Key::Escape),
            )
        });
        if j && !self.passages.is_empty() {
            let next = self
                .passage_cursor
                .map_or(0, |c| (c + 1).min(self.passages.len() - 1));
            self.actions.push(Action::Passage(next));
        }
        if k && !self.passages.is_empty() {
            let prev = self.passage_cursor.map_or(0, |c| c.saturating_sub(1));
            self.actions.push(Action::Passage(prev));
        }
        if n && !self.review.is_empty() {
            let next = self
                .review_cursor
                .map_or(0, |c| (c + 1) % self.review.len());
            self.left_tab = LeftTab::Review;
            self.actions.push(Action::Review(next));
        }
        if esc {
            self.reader = None;
            self.preview = None;
        }
        // 1–9 pick a candidate of the mention under review.
        if let Some(m) = self.preview {
            let keys = [
                Key::Num1,
                Key::Num2,
                Key::Num3,
                Key::Num4,
                Key::Num5,
                Key::Num6,
                Key::Num7,
                Key::Num8,
                Key::Num9,
            ];
            for (i, key) in keys.iter().enumerate() {
                if ctx.input(|inp| inp.key_pressed(*key))
                    && let Some(c) = self.atlas.toponym(m).candidates.get(i)
                {
                    let p = self.atlas.gazetteer().place(c.place);
                    self.actions.push(Action::Correct(
                        m,
                        Target::Place {
                            key: p.key(),
                            name: p.name.to_owned(),
                        },
                    ));
                }
            }
        }
    }

    fn select(&mut self, p: PlaceId) {
        if self.selected != Some(p) {
            self.selected = Some(p);
            self.passage_cursor = None;
            self.refresh_passages();
        }
    }

    fn fly_to(&mut self, p: PlaceId) {
        let place = self.atlas.gazetteer().place(p);
        self.map_memory.center_at(lon_lat(place.lon, place.lat));
        // Bring small places close enough to see the neighbourhood; never zoom out.
        let want = match crate::atlas::filter::KindClass::of_place(place.kind) {
            crate::atlas::filter::KindClass::Country | crate::atlas::filter::KindClass::Region => {
                5.0
            }
            // Close enough that every pin stands alone (no clusters).
            crate::atlas::filter::KindClass::City => map_view::NO_CLUSTER_ZOOM,
            _ => 8.0,
        };
        if self.map_memory.zoom() < want {
            let _ = self.map_memory.set_zoom(want);
        }
    }

    fn apply(&mut self, a: Action) {
        match a {
            Action::Select(p) => self.select(p),
            Action::FlyTo(p) => {
                self.select(p);
                self.fly_to(p);
            }
            Action::Open(doc, focus) => {
                // An index past the end closes the reader.
                self.reader = ((doc as usize) < self.atlas.docs().len()).then_some(ReaderState {
                    doc,
                    focus,
                    scroll: true,
                });
            }
            Action::Passage(i) => {
                if let Some(&m) = self.passages.get(i) {
                    self.passage_cursor = Some(i);
                    self.scroll_passage = true;
                    self.reader = Some(ReaderState {
                        doc: m.doc,
                        focus: Some(m.toponym),
                        scroll: true,
                    });
                }
            }
            Action::Review(i) => {
                if let Some(&m) = self.review.get(i) {
                    self.review_cursor = Some(i);
                    self.preview = Some(m);
                    self.reader = Some(ReaderState {
                        doc: m.doc,
                        focus: Some(m.toponym),
                        scroll: true,
                    });
                    if let Some(p) = self.atlas.toponym(m).place {
                        self.select(p);
                        self.fly_to(p);
                    }
                }
            }
            Action::Correct(m, target) => self.correct(m, target),
            Action::ZoomTo(lon, lat, zoom) => {
                self.map_memory.center_at(lon_lat(lon, lat));
                let _ = self.map_memory.set_zoom(zoom);
            }
            Action::Import(paths) => self.start_import(paths),
            Action::Export(kind) => {
                let name = match kind {
                    ExportKind::GeoJson => "placemap-export.geojson",
                    ExportKind::Csv => "placemap-export.csv",
                };
                let path = self.export_dir.join(name);
                self.status = match self.export(kind, &path) {
                    Ok(n) => format!("exported {n} places to {}", path.display()),
                    Err(e) => format!("export failed: {e:#}"),
                };
            }
        }
    }

    /// Applies a correction at the current scope, saves the session and refreshes the views.
    pub fn correct(&mut self, m: MentionRef, target: Target) {
        if m.doc as usize >= self.atlas.docs().len()
            || m.toponym as usize >= self.atlas.docs()[m.doc as usize].extraction.toponyms.len()
        {
            return;
        }
        let (what, chosen) = match &target {
            Target::Place { name, key } => {
                (format!("→ {name}"), self.atlas.gazetteer().by_key(key))
            }
            Target::NotAPlace => ("→ not a place".to_owned(), None),
        };
        let c: Correction = Session::correction_for(&self.atlas, m, self.scope, target);
        let changed = apply_one(&mut self.atlas, &c);
        self.atlas.reindex();
        self.session.corrections.push(c);
        self.status = format!(
            "corrected {changed} mention{} {what}",
            if changed == 1 { "" } else { "s" }
        );
        if let Some(path) = &self.session_path
            && let Err(e) = self.session.save(path)
        {
            self.status = format!("correction applied but not saved: {e}");
        }
        // Indices within the document may have shifted (not a place removes the mention).
        if let Some(r) = &mut self.reader
            && r.doc == m.doc
        {
            r.focus = None;
        }
        if let Some(p) = chosen {
            self.selected = Some(p);
        }
        self.preview = None;
        self.dirty = true;
        self.refresh();
    }

    /// Writes the filtered view. Returns how many places were written.
    pub fn export(&self, kind: ExportKind, path: &Path) -> anyhow::Result<usize> {
        let gaz = self.atlas.gazetteer();
        let filtered = |i: usize| -> Option<DocExtraction> {
            if !self.view.doc_pass.get(i).copied().unwrap_or(false) {
                return None;
            }
            let ad = &self.atlas.docs()[i];
            let mut ex = ad.extraction.clone();
            ex.toponyms
                .retain(|t| t.place.is_some() && self.filter.mention_passes(gaz, t));
            Some(ex)
        };
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("writing in {}", dir.display()))?;
        let places = self.view.places.len();
        match kind {
            ExportKind::GeoJson => {
                let mut b = crate::export::GeoJsonBuilder::default();
                for (i, ad) in self.atlas.docs().iter().enumerate() {
                    if let Some(ex) = filtered(i) {
                        b.add(&ad.doc, &ex);
                    }
                }
                serde_json::to_writer(&mut tmp, &b.finish(gaz))?;
            }
            ExportKind::Csv => {
                let mut w = csv::Writer::from_writer(&mut tmp);
                w.write_record(crate::export::CSV_HEADER)?;
                for (i, ad) in self.atlas.docs().iter().enumerate() {
                    if let Some(ex) = filtered(i) {
                        crate::export::write_csv_rows(&mut w, gaz, &ad.doc, &ex)?;
                    }
                }
                w.flush()?;
            }
        }
        tmp.persist(path)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(places)
    }
}

/// What the window shows: the explorer once the gazetteer is loaded, a loading view before.
enum Stage {
    /// The gazetteer is being loaded on a named thread.
    Loading(Box<Loading>),
    /// The gazetteer could not be loaded.
    Failed(String),
    /// The explorer.
    Ready(Box<App>),
}

/// The first frames: the offline basemap with a progress bar, while the gazetteer loads.
struct Loading {
    rx: std::sync::mpsc::Receiver<Loaded>,
    basemap: Option<Arc<Basemap>>,
    paths: Vec<PathBuf>,
    persisted: Option<PersistedUi>,
    launched: Instant,
}

/// What the loading thread sends.
enum Loaded {
    Basemap(Arc<Basemap>),
    Extractor(anyhow::Result<Extractor>),
}

/// The eframe wrapper: startup, persistence and the window.
struct EframeApp {
    stage: Stage,
}

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Stage::Loading(l) = &mut self.stage {
            while let Ok(msg) = l.rx.try_recv() {
                match msg {
                    Loaded::Basemap(b) => l.basemap = Some(b),
                    Loaded::Extractor(Err(e)) => {
                        self.stage = Stage::Failed(format!("{e:#}"));
                        break;
                    }
                    Loaded::Extractor(Ok(extractor)) => {
                        log::info!(
                            "gazetteer ready {:.0} ms after launch",
                            l.launched.elapsed().as_secs_f64() * 1000.0
                        );
                        let paths = std::mem::take(&mut l.paths);
                        let persisted = l.persisted.take();
                        self.stage = match App::new(extractor, paths) {
                            Ok(mut app) => {
                                app.launched = Some(l.launched);
                                if let Some(p) = persisted {
                                    app.restore(p);
                                }
                                Stage::Ready(Box::new(app))
                            }
                            Err(e) => Stage::Failed(format!("{e:#}")),
                        };
                        break;
                    }
                }
            }
        }
        match &mut self.stage {
            Stage::Ready(app) => app.ui(ui),
            Stage::Loading(l) => loading_ui(l, ui),
            Stage::Failed(e) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.heading("Placemap could not start");
                    ui.label(e.as_str());
                });
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = match &self.stage {
            Stage::Ready(app) => Some(app.persisted()),
            Stage::Loading(l) => l.persisted.clone(),
            Stage::Failed(_) => None,
        };
        if let Some(p) = persisted {
            eframe::set_value(storage, "placemap-ui", &p);
        }
    }
}

/// The loading view: the same top bar and the offline basemap, with an animated progress bar.
fn loading_ui(l: &Loading, ui: &mut Ui) {
    // A few updates a second: under software rendering a continuously animated bar would take
    // CPU from the loading thread it reports on.
    ui.ctx().request_repaint_after(Duration::from_millis(250));
    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong("Placemap");
            ui.separator();
            // Two steps before the explorer takes over (with the import's own progress bar):
            // the offline basemap, then the gazetteer.
            let done = if l.basemap.is_some() { 0.5 } else { 0.05 };
            ui.add(
                egui::ProgressBar::new(done)
                    .desired_width(240.0)
                    .text(format!(
                        "Loading the gazetteer… {:.1} s",
                        l.launched.elapsed().as_secs_f64()
                    )),
            );
            if !l.paths.is_empty() {
                ui.label(
                    egui::RichText::new(format!(
                        "then importing {}",
                        l.paths
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .color(egui::Color32::from_rgb(0x6A, 0x6A, 0x74)),
                );
            }
        });
    });
    egui::CentralPanel::no_frame().show(ui, |ui| {
        let rect = ui.max_rect();
        let (center, zoom) = l
            .persisted
            .as_ref()
            .and_then(|p| p.center.map(|c| (c, p.zoom)))
            .unwrap_or((DEFAULT_CENTER, DEFAULT_ZOOM));
        match &l.basemap {
            Some(b) => basemap::paint(
                &ui.painter().with_clip_rect(rect),
                b,
                basemap::ScreenMap::from_center(center, zoom, rect),
                rect,
                zoom,
                true,
            ),
            None => {
                ui.painter().rect_filled(rect, 0.0, basemap::SEA);
            }
        }
    });
}

/// Opens the explorer window at once; `load` (the gazetteer and extractor) runs on a named
/// thread meanwhile, then `paths` are imported in the background. `launched` is when the
/// process started, for the startup log line.
pub fn run(
    load: impl FnOnce() -> anyhow::Result<Extractor> + Send + 'static,
    paths: Vec<PathBuf>,
    launched: Instant,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Placemap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    // The basemap and the gazetteer load side by side while the window opens; each wakes the
    // UI when done (once it exists: its first frame drains whatever came before).
    let (tx, rx) = std::sync::mpsc::channel();
    let waker: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
    let wake = |w: &OnceLock<egui::Context>| {
        if let Some(ctx) = w.get() {
            ctx.request_repaint();
        }
    };
    let (basemap_tx, basemap_waker) = (tx.clone(), waker.clone());
    std::thread::Builder::new()
        .name("placemap-load-basemap".into())
        .spawn(move || {
            // The coarse level only: the detailed one starts once the explorer does.
            match Basemap::shared_coarse() {
                Ok(b) => {
                    log::info!(
                        "offline basemap ready {:.0} ms after launch",
                        launched.elapsed().as_secs_f64() * 1000.0
                    );
                    let _ = basemap_tx.send(Loaded::Basemap(b));
                }
                Err(e) => log::error!("offline basemap: {e:#}"),
            }
            wake(&basemap_waker);
        })?;
    let load_waker = waker.clone();
    std::thread::Builder::new()
        .name("placemap-load".into())
        .spawn(move || {
            let _ = tx.send(Loaded::Extractor(load()));
            wake(&load_waker);
        })?;
    eframe::run_native(
        "placemap",
        options,
        Box::new(move |cc| {
            let _ = waker.set(cc.egui_ctx.clone());
            let persisted = cc
                .storage
                .and_then(|s| eframe::get_value::<PersistedUi>(s, "placemap-ui"));
            let logged = std::sync::atomic::AtomicBool::new(false);
            // Startup time to the first frame, for the README's numbers.
            cc.egui_ctx.on_end_pass(
                "placemap-startup",
                Arc::new(move |_ui: &mut egui::Ui| {
                    if !logged.swap(true, std::sync::atomic::Ordering::Relaxed) {
                        let epoch_ms = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_millis());
                        log::info!(
                            "first frame {:.0} ms after launch (unix ms {epoch_ms})",
                            launched.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                }),
            );
            cc.egui_ctx.set_visuals(egui::Visuals::light());
            install_fallback_font(&cc.egui_ctx);
            Ok(Box::new(EframeApp {
                stage: Stage::Loading(Box::new(Loading {
                    rx,
                    basemap: None,
                    paths,
                    persisted,
                    launched,
                })),
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

/// Adds a system font as fallback for the glyphs egui's bundled fonts lack (place names in
/// many scripts, diacritics such as "ḩ"); without one egui draws boxes.
fn install_fallback_font(ctx: &egui::Context) {
    const CANDIDATES: [&str; 5] = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "C:\\Windows\\Fonts\\arial.ttf",
    ];
    let Some(bytes) = CANDIDATES.iter().find_map(|p| std::fs::read(p).ok()) else {
        log::debug!("no fallback font found; some place names may show boxes");
        return;
    };
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "system-fallback".to_owned(),
        Arc::new(egui::FontData::from_owned(bytes)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("system-fallback".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Renders `frames` headless frames of the explorer over a synthetic atlas of `places` places
/// and `mentions` mentions, panning a little each frame, and reports the frame times
/// (`frame_ms_median=…`): egui layout plus tessellation, the CPU side of a frame.
pub fn bench_ui(places: usize, mentions: usize, frames: usize) -> anyhow::Result<String> {
    use crate::corpus::{DateSource, DocDate, Document};
    use crate::extract::{Candidate, MentionKind, Resolution, Toponym};

    let t_gaz = Instant::now();
    let gaz = crate::gazetteer::Gazetteer::bundled_shared()?;
    let gaz_ms = t_gaz.elapsed().as_secs_f64() * 1000.0;
    let ids: Vec<PlaceId> = gaz
        .places()
        .filter(|p| p.lat.abs() < 80.0)
        .map(|p| p.id)
        .step_by((gaz.len() / places.max(1)).max(1))
        .take(places)
        .collect();
    anyhow::ensure!(!ids.is_empty(), "the gazetteer has no places");
    let mut atlas = Atlas::new(gaz.clone());
    let per_doc = 20usize;
    let docs = mentions.div_ceil(per_doc);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for d in 0..docs {
        let text = "Synthetic dispatch text for the frame benchmark. ".repeat(8);
        let mut doc = Document::from_text(format!("bench-{d}"), text);
        doc.title = Some(format!("Dispatch {d}"));
        doc.date = chrono::NaiveDate::from_ymd_opt(2025, 1 + (d % 12) as u32, 1 + (d % 28) as u32)
            .map(|date| DocDate {
                date,
                source: DateSource::Metadata,
            });
        let n = per_doc.min(mentions - d * per_doc);
        let toponyms = (0..n)
            .map(|i| {
                // Skewed: a few places are mentioned a lot, as in real corpora.
                let r = rnd();
                let k =
                    ((r % ids.len() as u64) as f64 * ((r >> 32) % 1000) as f64 / 1000.0) as usize;
                let place = ids[k.min(ids.len() - 1)];
                Toponym {
                    start: i * 10,
                    end: i * 10 + 9,
                    kind: MentionKind::Place,
                    place: Some(place),
                    confidence: ((r >> 16) % 100) as f32 / 100.0,
                    candidates: vec![Candidate { place, score: 0.8 }],
                    embedded: false,
                    resolution: Resolution::Gazetteer,
                }
            })
            .collect();
        let date = doc.date;
        atlas.push(
            doc,
            DocExtraction {
                toponyms,
                actors: Vec::new(),
                dates: Vec::new(),
                date,
            },
        );
    }
    let mut app = App::from_atlas(Extractor::new(gaz), atlas)?;
    app.basemap.wait_fine(Duration::from_secs(60));
    let _ = app.map_memory.set_zoom(3.0);
    let ctx = egui::Context::default();
    ctx.set_visuals(egui::Visuals::light());
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let t_filter = Instant::now();
    app.refresh();
    let filter_ms = t_filter.elapsed().as_secs_f64() * 1000.0;
    let mut frame = 0usize;
    // Frames for one scenario: (total, egui pass, tessellation) times, sorted, and primitives.
    let mut run = |app: &mut App| -> ([Vec<f64>; 3], usize) {
        let mut times: [Vec<f64>; 3] = Default::default();
        let mut prims_n = 0;
        for f in 0..frames.max(1) + 2 {
            // Pan a little each frame so nothing is cached between frames.
            let (lon, lat) = app.map_center();
            app.map_memory.center_at(lon_lat(lon + 0.5, lat));
            let input = egui::RawInput {
                screen_rect: Some(screen),
                time: Some(frame as f64 / 60.0),
                ..egui::RawInput::default()
            };
            frame += 1;
            let t0 = Instant::now();
            let mut out = ctx.run_ui(input, |ui| app.ui(ui));
            let t1 = Instant::now();
            // No renderer here: drop the font-atlas uploads explicitly.
            out.textures_delta.clear();
            let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
            let t2 = Instant::now();
            prims_n = prims.len();
            if f >= 2 {
                times[0].push((t2 - t0).as_secs_f64() * 1000.0);
                times[1].push((t1 - t0).as_secs_f64() * 1000.0);
                times[2].push((t2 - t1).as_secs_f64() * 1000.0);
            }
        }
        for t in &mut times {
            t.sort_by(f64::total_cmp);
        }
        (times, prims_n)
    };
    let median = |t: &[f64]| t[t.len() / 2];
    let p95 = |t: &[f64]| t[(t.len() * 95 / 100).min(t.len() - 1)];

    // The map alone.
    let (map, prims_n) = run(&mut app);
    let pins = app.pins_drawn;
    // A busy place selected: its passages listed and the reader open on the first one.
    let top = app.view.places.first().map(|c| c.place);
    if let Some(p) = top {
        app.act(Action::Select(p));
        app.act(Action::Passage(0));
    }
    let (sel, _) = run(&mut app);
    Ok(format!(
        "places={} mentions={} docs={} frames={} frame_ms_median={:.2} frame_ms_p95={:.2} \
         egui_pass_ms_median={:.2} tessellate_ms_median={:.2} \
         selected_frame_ms_median={:.2} selected_frame_ms_p95={:.2} selected_passages={} \
         filter_ms={filter_ms:.1} gazetteer_load_ms={gaz_ms:.0} pins_and_clusters_drawn={pins} \
         primitives={prims_n}",
        app.view.places.len(),
        app.view.mentions,
        app.atlas.docs().len(),
        map[0].len(),
        median(&map[0]),
        p95(&map[0]),
        median(&map[1]),
        median(&map[2]),
        median(&sel[0]),
        p95(&sel[0]),
        app.passages.len(),
    ))
}
