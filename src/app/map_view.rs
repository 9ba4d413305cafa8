//! Pins on the map: one per place, sized by its mention count under the current filters,
//! grouped into clusters on a world-space grid when zoomed out (so clusters do not jump while
//! panning), clickable and hoverable; review candidates drawn as numbered rings.

use egui::{Align2, Color32, FontId, Id, Pos2, Rect, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};
use rustc_hash::FxHashMap;
use walkers::{MapMemory, Plugin, Projector};

use super::basemap::ScreenMap;
use super::tiles::{OSM_ATTRIBUTION, OSM_COPYRIGHT_URL};
use crate::atlas::filter::PlaceCount;
use crate::gazetteer::{Gazetteer, PlaceId};

/// Pin colour: every mention confident.
pub const CONFIDENT: Color32 = Color32::from_rgb(0x1F, 0x6F, 0xB4);
/// Pin colour: some mentions need review.
pub const REVIEW: Color32 = Color32::from_rgb(0xE0, 0x6C, 0x1A);
/// Ring colour: the selected place.
pub const SELECTED: Color32 = Color32::from_rgb(0xC0, 0x10, 0x40);
/// Ring colour: candidates of the mention under review.
pub const CANDIDATE: Color32 = Color32::from_rgb(0x7B, 0x2F, 0xBE);
/// Cluster fill.
pub const CLUSTER: Color32 = Color32::from_rgb(0x2B, 0x4C, 0x7E);

/// Grid cell for clustering, in screen points.
const CELL: f64 = 52.0;
/// Zoom from which every place gets its own pin.
pub const NO_CLUSTER_ZOOM: f64 = 10.0;

/// What the user did on the map this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct MapEvents {
    /// A pin was clicked.
    pub clicked: Option<PlaceId>,
    /// A cluster was clicked: zoom to this (lon, lat) at this zoom.
    pub zoom_to: Option<(f64, f64, f64)>,
    /// The pointer is over this place's pin.
    pub hovered: Option<PlaceId>,
    /// Pins and clusters drawn.
    pub drawn: usize,
}

/// The pins plugin.
pub struct PinsPlugin<'a> {
    /// For names.
    pub gaz: &'a Gazetteer,
    /// Places with their counts, most mentioned first.
    pub places: &'a [PlaceCount],
    /// Normalised Mercator position of each of `places`.
    pub coords: &'a [[f64; 2]],
    /// The selected place.
    pub selected: Option<PlaceId>,
    /// A place lit up from elsewhere (hovered in the reader).
    pub highlighted: Option<PlaceId>,
    /// Candidates of the mention under review, best first, with their positions.
    pub candidates: &'a [(PlaceId, [f64; 2])],
    /// Where to report clicks.
    pub events: &'a mut MapEvents,
}

fn radius(count: u32, max: u32) -> f32 {
    4.0 + 11.0 * (count as f32 / max.max(1) as f32).sqrt()
}

struct Cluster {
    first: usize,
    members: u32,
    mentions: u32,
    sum: [f64; 2],
}

impl Plugin for PinsPlugin<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut Ui,
        _response: &egui::Response,
        projector: &Projector<'_>,
        _memory: &MapMemory,
    ) {
        let rect = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(rect);
        let sm = ScreenMap::new(projector);
        let zoom = projector.zoom();
        let cluster = zoom < NO_CLUSTER_ZOOM;
        let max = self.places.first().map_or(1, |p| p.mentions);
        let visible = rect.expand(20.0);
        let scale = 256.0 * 2f64.powf(zoom);

        // Group visible places by world-space grid cell (order: most mentioned first).
        let mut cells: FxHashMap<(i64, i64), usize> = FxHashMap::default();
        let mut groups: Vec<Cluster> = Vec::new();
        for (i, (pc, &c)) in self.places.iter().zip(self.coords).enumerate() {
            if !visible.contains(sm.screen(c)) || Some(pc.place) == self.selected {
                continue;
            }
            let key = if cluster {
                (
                    (c[0] * scale / CELL).floor() as i64,
                    (c[1] * scale / CELL).floor() as i64,
                )
            } else {
                (i as i64, -1)
            };
            let g = *cells.entry(key).or_insert_with(|| {
                groups.push(Cluster {
                    first: i,
                    members: 0,
                    mentions: 0,
                    sum: [0.0; 2],
                });
                groups.len() - 1
            });
            let g = &mut groups[g];
            g.members += 1;
            g.mentions += pc.mentions;
            g.sum = [
                g.sum[0] + c[0] * f64::from(pc.mentions),
                g.sum[1] + c[1] * f64::from(pc.mentions),
            ];
        }
        if cluster {
            groups = merge_crowded(groups, |c| sm.screen(c));
        }
        let max_cluster = groups
            .iter()
            .filter(|g| g.members > 1)
            .map(|g| g.mentions)
            .max()
            .unwrap_or(1);

        // Labels for the biggest pins, so the map reads at a glance.
        let mut labelled = 0usize;
        let label_font = FontId::proportional(11.5);
        // Labels are placed most mentioned first and skipped where they would overlap one
        // already placed; the selected place's label goes first of all.
        let mut labels: Vec<Rect> = Vec::new();
        let selected_index = self
            .selected
            .and_then(|sel| self.places.iter().position(|p| p.place == sel));
        if let Some(i) = selected_index {
            let at = sm.screen(self.coords[i]);
            let r = radius(self.places[i].mentions, max);
            let name = self.gaz.place(self.places[i].place).name;
            labels.push(label_layout(&painter, name, &label_font, at, r).1);
            // Its ring too: it is drawn on top of everything.
            labels.push(Rect::from_center_size(
                at,
                vec2(2.0 * r + 6.0, 2.0 * r + 6.0),
            ));
        }
        for g in &groups {
            if g.members > 1 {
                let c = [
                    g.sum[0] / f64::from(g.mentions),
                    g.sum[1] / f64::from(g.mentions),
                ];
                let at = sm.screen(c);
                let r = 9.0 + 9.0 * (g.mentions as f32 / max_cluster as f32).sqrt();
                painter.circle(
                    at,
                    r,
                    CLUSTER.gamma_multiply(0.85),
                    Stroke::new(1.5, Color32::WHITE),
                );
                painter.text(
                    at,
                    Align2::CENTER_CENTER,
                    g.members.to_string(),
                    FontId::proportional(11.0),
                    Color32::WHITE,
                );
                let id = Id::unique(("cluster", (c[0] * 1e7) as i64, (c[1] * 1e7) as i64));
                let resp = ui.interact(
                    Rect::from_center_size(at, vec2(2.0 * r, 2.0 * r)),
                    id,
                    Sense::click(),
                );
                let top = self.gaz.place(self.places[g.first].place).name;
                resp.widget_info(|| {
                    WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("cluster of {} places", g.members),
                    )
                });
                let resp = resp.on_hover_text(format!(
                    "{} places, {} mentions (largest: {top}) — click to zoom in",
                    g.members, g.mentions
                ));
                if resp.clicked() {
                    let pos = unmercator(c);
                    self.events.zoom_to = Some((pos[0], pos[1], (zoom + 2.5).min(16.0)));
                }
            } else {
                let pc = &self.places[g.first];
                let at = sm.screen(self.coords[g.first]);
                let show_label = labelled < 12 || zoom >= 7.0;
                let label = show_label.then_some((&label_font, &mut labels));
                self.pin(ui, &painter, pc, at, max, label);
                labelled += 1;
            }
            self.events.drawn += 1;
        }
        // The selected place on top, whatever the clustering.
        if let Some(i) = selected_index {
            let at = sm.screen(self.coords[i]);
            // Its label's place is reserved already: draw it whatever is there.
            let mut own: Vec<Rect> = Vec::new();
            self.pin(
                ui,
                &painter,
                &self.places[i],
                at,
                max,
                Some((&label_font, &mut own)),
            );
            self.events.drawn += 1;
        }
        for (k, &(p, c)) in self.candidates.iter().enumerate() {
            let at = sm.screen(c);
            painter.circle_stroke(at, 9.0, Stroke::new(2.5, CANDIDATE));
            painter.text(
                at + vec2(11.0, -11.0),
                Align2::LEFT_BOTTOM,
                format!("{} {}", k + 1, self.gaz.place(p).name),
                FontId::proportional(12.0),
                CANDIDATE,
            );
        }
    }
}

/// A pin label's text and where it goes: right of the pin, vertically centred.
fn label_layout(
    painter: &egui::Painter,
    name: &str,
    font: &FontId,
    at: Pos2,
    r: f32,
) -> (std::sync::Arc<egui::Galley>, Rect) {
    let galley = painter.layout_no_wrap(
        name.to_owned(),
        font.clone(),
        Color32::from_rgb(0x22, 0x22, 0x30),
    );
    let size = galley.size();
    let min = at + vec2(r + 3.0, -size.y / 2.0);
    (galley, Rect::from_min_size(min, size))
}

/// Centres closer than this (screen points) are drawn as one cluster.
const CROWDED: f32 = 30.0;

/// Grid cells cut dense areas at arbitrary lines, so neighbouring cells' clusters (and pins
/// beside them) can overlap on screen. Folds each group into an earlier (more mentioned) one
/// whose centre is within [`CROWDED`] points, when either is a cluster; single pins near
/// single pins stay apart (they are readable). Bounded: skipped when there are many groups.
fn merge_crowded(groups: Vec<Cluster>, screen: impl Fn([f64; 2]) -> Pos2) -> Vec<Cluster> {
    if groups.len() > 1500 {
        return groups;
    }
    let centre = |g: &Cluster| {
        screen([
            g.sum[0] / f64::from(g.mentions.max(1)),
            g.sum[1] / f64::from(g.mentions.max(1)),
        ])
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(groups[i].mentions));
    let mut kept: Vec<(Cluster, Pos2)> = Vec::with_capacity(groups.len());
    let mut groups: Vec<Option<Cluster>> = groups.into_iter().map(Some).collect();
    for i in order {
        let Some(g) = groups[i].take() else { continue };
        let at = centre(&g);
        let near = kept
            .iter_mut()
            .find(|(k, p)| (k.members > 1 || g.members > 1) && p.distance(at) < CROWDED);
        match near {
            Some((k, _)) => {
                k.members += g.members;
                k.mentions += g.mentions;
                k.sum = [k.sum[0] + g.sum[0], k.sum[1] + g.sum[1]];
                k.first = if g.first < k.first { g.first } else { k.first };
            }
            None => kept.push((g, at)),
        }
    }
    // Keep the most-mentioned-first order the labels rely on.
    let mut out: Vec<Cluster> = kept.into_iter().map(|(g, _)| g).collect();
    out.sort_by_key(|g| g.first);
    out
}

impl PinsPlugin<'_> {
    fn pin(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        pc: &PlaceCount,
        at: Pos2,
        max: u32,
        label: Option<(&FontId, &mut Vec<Rect>)>,
    ) {
        let r = radius(pc.mentions, max);
        let fill = if pc.needs_review > 0 {
            REVIEW
        } else {
            CONFIDENT
        };
        let selected = Some(pc.place) == self.selected;
        let lit = Some(pc.place) == self.highlighted;
        painter.circle(
            at,
            r,
            fill.gamma_multiply(0.85),
            Stroke::new(1.2, Color32::WHITE),
        );
        if selected || lit {
            painter.circle_stroke(
                at,
                r + 3.0,
                Stroke::new(2.5, if selected { SELECTED } else { CANDIDATE }),
            );
        }
        let place = self.gaz.place(pc.place);
        if let Some((font, placed)) = label {
            let (galley, rect) = label_layout(painter, place.name, font, at, r);
            if !placed.iter().any(|p| p.intersects(rect)) {
                placed.push(rect);
                painter.galley_with_override_text_color(
                    rect.min + vec2(1.0, 1.0),
                    galley.clone(),
                    Color32::from_white_alpha(200),
                );
                painter.galley(rect.min, galley, Color32::from_rgb(0x22, 0x22, 0x30));
            }
        }
        let id = Id::unique(("pin", pc.place.0));
        let hit = Rect::from_center_size(at, vec2(2.0 * r.max(7.0), 2.0 * r.max(7.0)));
        let resp = ui.interact(hit, id, Sense::click());
        resp.widget_info(|| {
            WidgetInfo::labeled(egui::Role::Button, true, format!("pin {}", place.name))
        });
        if resp.hovered() {
            self.events.hovered = Some(pc.place);
        }
        let resp = resp.on_hover_text(format!(
            "{}{}{} — {} mention{} in {} document{}{}",
            place.name,
            if place.country.is_empty() { "" } else { ", " },
            place.country,
            pc.mentions,
            if pc.mentions == 1 { "" } else { "s" },
            pc.docs,
            if pc.docs == 1 { "" } else { "s" },
            if pc.needs_review > 0 {
                format!(" ({} to review)", pc.needs_review)
            } else {
                String::new()
            }
        ));
        if resp.clicked() {
            self.events.clicked = Some(pc.place);
        }
    }
}

/// Normalised Mercator back to (lon, lat) degrees.
pub fn unmercator(p: [f64; 2]) -> [f64; 2] {
    let lon = p[0] * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * p[1]))
        .sinh()
        .atan()
        .to_degrees();
    [lon, lat]
}

/// Draws the colour legend in the bottom-left corner of the map.
pub fn legend_ui(ui: &mut Ui, rect: Rect, tiles: bool) {
    let painter = ui.painter().with_clip_rect(rect);
    let items: [(Color32, &str); 4] = [
        (CONFIDENT, "place (size = mentions)"),
        (REVIEW, "some mentions need review"),
        (CLUSTER, "cluster: click to zoom in"),
        (CANDIDATE, "candidate / lit from text"),
    ];
    let h = 18.0 * items.len() as f32 + 8.0;
    let box_rect = Rect::from_min_size(
        pos2(rect.left() + 8.0, rect.bottom() - h - 8.0),
        vec2(205.0, h),
    );
    painter.rect_filled(box_rect, 4.0, Color32::from_white_alpha(215));
    for (k, (c, label)) in items.iter().enumerate() {
        let y = box_rect.top() + 13.0 + 18.0 * k as f32;
        painter.circle(
            pos2(box_rect.left() + 12.0, y),
            5.5,
            *c,
            Stroke::new(1.0, Color32::WHITE),
        );
        painter.text(
            pos2(box_rect.left() + 24.0, y),
            Align2::LEFT_CENTER,
            *label,
            FontId::proportional(12.0),
            Color32::from_rgb(0x20, 0x20, 0x28),
        );
    }
    // The basemap's credit, and OpenStreetMap's (required, linking to its copyright page)
    // while tiles are drawn: a real widget, so it can be clicked and found by tests.
    let at = pos2(rect.right() - 4.0, rect.bottom() - 3.0);
    let font = FontId::proportional(11.0);
    let mut x = at.x;
    let mut parts: Vec<(&str, Option<&str>)> = vec![("Natural Earth", None)];
    if tiles {
        parts.push((OSM_ATTRIBUTION, Some(OSM_COPYRIGHT_URL)));
    } else {
        parts[0].0 = "Basemap: Natural Earth (public domain)";
    }
    for (text, url) in parts.into_iter().rev() {
        let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), Color32::BLACK);
        let r = Rect::from_min_size(
            pos2(x - galley.size().x, at.y - galley.size().y),
            galley.size(),
        );
        painter.rect_filled(r.expand(2.0), 2.0, Color32::from_white_alpha(215));
        let color = Color32::from_rgb(0x30, 0x30, 0x30);
        match url {
            Some(url) => {
                ui.put(
                    r,
                    egui::Hyperlink::from_label_and_url(
                        egui::RichText::new(text).font(font.clone()).color(color),
                        url,
                    ),
                );
            }
            None => {
                ui.put(
                    r,
                    egui::Label::new(egui::RichText::new(text).font(font.clone()).color(color))
                        .extend()
                        .selectable(false),
                );
            }
        }
        x = r.left() - 8.0;
    }
}
