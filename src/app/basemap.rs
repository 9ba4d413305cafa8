//! The offline basemap: Natural Earth land and country borders (`assets/basemap.bin`, made by
//! `scripts/build_basemap.py`), triangulated once at load and drawn by a walkers plugin.
//!
//! Two levels of detail: 1:50m (triangulated at startup, used when zoomed out and until the
//! detailed level is ready) and 1:10m (triangulated on a background thread). Coordinates are
//! kept as normalised Web-Mercator (0..1) in f64 so that a Gaza City neighbourhood at zoom 16
//! still lines up with the pins; each frame only polygons whose box meets the view are drawn.

use std::sync::{Arc, OnceLock};

use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Ui, pos2};
use walkers::{MapMemory, Plugin, Projector};

/// The converted basemap (header line, then a zstd frame).
static BASEMAP: &[u8] = include_bytes!("../../assets/basemap.bin");

/// Land fill.
pub const LAND: Color32 = Color32::from_rgb(0xEE, 0xEA, 0xDF);
/// Sea (the map background).
pub const SEA: Color32 = Color32::from_rgb(0xB9, 0xD3, 0xE3);
const BORDER: Color32 = Color32::from_rgb(0x9A, 0x8F, 0x99);
/// Coastline strokes are off: some rings close across the map; the fill shows the coast.
const SHOW_COASTLINES: bool = false;
const COAST: Color32 = Color32::from_rgb(0x8F, 0xAE, 0xC2);

/// One triangulated polygon with its bounding box (normalised Mercator).
#[derive(Debug)]
struct Polygon {
    bbox: [f64; 4],
    /// Vertices, normalised Mercator.
    points: Vec<[f64; 2]>,
    /// Triangles (indices into `points`).
    triangles: Vec<u32>,
    /// Ring ends (indices into `points`), for the coastline.
    rings: Vec<u32>,
}

/// A border polyline with its bounding box.
#[derive(Debug)]
struct Line {
    bbox: [f64; 4],
    points: Vec<[f64; 2]>,
}

/// One level of detail.
#[derive(Debug, Default)]
pub struct Level {
    polygons: Vec<Polygon>,
    borders: Vec<Line>,
}

impl Level {
    /// Vertices in the land polygons.
    pub fn land_points(&self) -> usize {
        self.polygons.iter().map(|p| p.points.len()).sum()
    }
}

/// The decoded basemap.
#[derive(Debug, Default)]
pub struct Basemap {
    coarse: Level,
    fine: Arc<OnceLock<Level>>,
    /// The decoded payload and where the fine level starts, until it is triangulated.
    pending: std::sync::Mutex<Option<(Vec<u8>, usize)>>,
}

const MAX_LAT: f64 = 85.051_128_78;

/// Longitude/latitude (degrees) to normalised Web Mercator.
pub fn mercator(lon: f64, lat: f64) -> [f64; 2] {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    [
        (lon + 180.0) / 360.0,
        (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0,
    ]
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> anyhow::Result<[u8; N]> {
        let s = self
            .b
            .get(self.at..self.at + N)
            .ok_or_else(|| anyhow::anyhow!("basemap truncated"))?;
        self.at += N;
        let mut out = [0; N];
        out.copy_from_slice(s);
        Ok(out)
    }
    fn u32(&mut self) -> anyhow::Result<usize> {
        Ok(u32::from_le_bytes(self.take()?) as usize)
    }
    fn i32(&mut self) -> anyhow::Result<i64> {
        Ok(i64::from(i32::from_le_bytes(self.take()?)))
    }
    fn f64(&mut self) -> anyhow::Result<f64> {
        Ok(f64::from_le_bytes(self.take()?))
    }
    /// A delta-coded ring or line, as (lon, lat) degrees.
    fn line(&mut self, t: [f64; 4]) -> anyhow::Result<Vec<[f64; 2]>> {
        let n = self.u32()?;
        let (mut x, mut y) = (0i64, 0i64);
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            x += self.i32()?;
            y += self.i32()?;
            out.push([x as f64 * t[0] + t[2], y as f64 * t[1] + t[3]]);
        }
        Ok(out)
    }
}

fn bbox(points: &[[f64; 2]]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for p in points {
        b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }
    b
}

/// Reads one level; `triangulate` is false only for tests that check the decoding.
fn read_level(r: &mut Reader<'_>, triangulate: bool) -> anyhow::Result<Level> {
    let t = [r.f64()?, r.f64()?, r.f64()?, r.f64()?];
    let mut level = Level::default();
    let n_polys = r.u32()?;
    for _ in 0..n_polys {
        let n_rings = r.u32()?;
        let mut flat: Vec<f64> = Vec::new();
        let mut holes: Vec<usize> = Vec::new();
        let mut rings: Vec<u32> = Vec::new();
        for k in 0..n_rings {
            let mut ring = r.line(t)?;
            // TopoJSON rings repeat their first point at the end; earcut wants it once.
            if ring.len() > 1 && ring.first() == ring.last() {
                ring.pop();
            }
            if k > 0 {
                holes.push(flat.len() / 2);
            }
            flat.extend(ring.iter().flat_map(|p| [p[0], p[1]]));
            rings.push((flat.len() / 2) as u32);
        }
        let triangles = if triangulate {
            earcutr::earcut(&flat, &holes, 2)
                .map_err(|e| anyhow::anyhow!("triangulating land: {e:?}"))?
        } else {
            Vec::new()
        };
        let points: Vec<[f64; 2]> = flat.chunks_exact(2).map(|c| mercator(c[0], c[1])).collect();
        level.polygons.push(Polygon {
            bbox: bbox(&points),
            points,
            triangles: triangles.into_iter().map(|i| i as u32).collect(),
            rings,
        });
    }
    let n_lines = r.u32()?;
    for _ in 0..n_lines {
        let raw = r.line(t)?;
        // Split where a line jumps (across the antimeridian): no straight line across the map.
        let mut start = 0;
        for i in 1..=raw.len() {
            let jump = i < raw.len()
                && ((raw[i][0] - raw[i - 1][0]).abs() > 5.0
                    || (raw[i][1] - raw[i - 1][1]).abs() > 5.0);
            if i == raw.len() || jump {
                let points: Vec<[f64; 2]> =
                    raw[start..i].iter().map(|p| mercator(p[0], p[1])).collect();
                if points.len() > 1 {
                    level.borders.push(Line {
                        bbox: bbox(&points),
                        points,
                    });
                }
                start = i;
            }
        }
    }
    Ok(level)
}

fn payload() -> anyhow::Result<(Vec<u8>, usize)> {
    let nl = BASEMAP
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| anyhow::anyhow!("basemap has no header"))?;
    let header = std::str::from_utf8(&BASEMAP[..nl])?;
    anyhow::ensure!(
        header.starts_with("placemap-basemap v1;"),
        "unsupported basemap: {header}"
    );
    let raw = zstd::decode_all(&BASEMAP[nl + 1..])?;
    // The coarse level ends where the fine one starts; find it by reading the coarse level.
    let mut r = Reader { b: &raw, at: 0 };
    read_level(&mut r, false)?;
    let split = r.at;
    Ok((raw, split))
}

impl Basemap {
    /// Decodes the coarse level now; the fine level waits for [`Basemap::start_fine`].
    fn load_coarse() -> anyhow::Result<Self> {
        let (raw, split) = payload()?;
        let coarse = read_level(
            &mut Reader {
                b: &raw[..split],
                at: 0,
            },
            true,
        )?;
        Ok(Self {
            coarse,
            fine: Arc::new(OnceLock::new()),
            pending: std::sync::Mutex::new(Some((raw, split))),
        })
    }

    /// Starts triangulating the fine level on a background thread (once; later calls do
    /// nothing).
    pub fn start_fine(&self) {
        let Some((raw, split)) = self.pending.lock().ok().and_then(|mut p| p.take()) else {
            return;
        };
        let slot = self.fine.clone();
        let spawned = std::thread::Builder::new()
            .name("placemap-basemap".into())
            .spawn(move || {
                let t0 = std::time::Instant::now();
                match read_level(
                    &mut Reader {
                        b: &raw[split..],
                        at: 0,
                    },
                    true,
                ) {
                    Ok(level) => {
                        log::debug!(
                            "detailed basemap triangulated in {:.0} ms",
                            t0.elapsed().as_secs_f64() * 1000.0
                        );
                        let _ = slot.set(level);
                    }
                    Err(e) => log::error!("detailed basemap: {e:#}"),
                }
            });
        if let Err(e) = spawned {
            log::error!("detailed basemap: {e}");
        }
    }

    /// The process-wide basemap, decoded on first use; the detailed level is triangulated in
    /// the background.
    pub fn shared() -> anyhow::Result<Arc<Self>> {
        let b = Self::shared_coarse()?;
        b.start_fine();
        Ok(b)
    }

    /// The process-wide basemap with only the coarse level started: startup calls this so that
    /// the detailed level does not compete with loading the gazetteer for the CPU.
    pub fn shared_coarse() -> anyhow::Result<Arc<Self>> {
        static SHARED: OnceLock<Arc<Basemap>> = OnceLock::new();
        // Decoded by one thread only; another asking meanwhile waits for it.
        static DECODING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        if let Some(b) = SHARED.get() {
            return Ok(b.clone());
        }
        let _guard = DECODING.lock();
        if let Some(b) = SHARED.get() {
            return Ok(b.clone());
        }
        let b = Arc::new(Self::load_coarse()?);
        Ok(SHARED.get_or_init(|| b).clone())
    }

    /// Is the detailed level ready?
    pub fn fine_ready(&self) -> bool {
        self.fine.get().is_some()
    }

    /// Waits (bounded) for the detailed level; for tests and benchmarks.
    pub fn wait_fine(&self, timeout: std::time::Duration) -> bool {
        let t0 = std::time::Instant::now();
        while self.fine.get().is_none() && t0.elapsed() < timeout {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self.fine.get().is_some()
    }

    /// The level to draw at a zoom.
    fn level(&self, zoom: f64) -> &Level {
        match self.fine.get() {
            Some(fine) if zoom >= 4.5 => fine,
            _ => &self.coarse,
        }
    }

    /// The coarse level (for tests).
    pub fn coarse(&self) -> &Level {
        &self.coarse
    }
}

/// Screen mapping of normalised Mercator for the current frame.
#[derive(Clone, Copy, Debug)]
pub struct ScreenMap {
    center: [f64; 2],
    scale: f64,
    origin: Pos2,
}

impl ScreenMap {
    /// From walkers' projector.
    pub fn new(projector: &Projector<'_>) -> Self {
        let rect = projector.clip_rect();
        let c = projector.unproject(rect.center().to_vec2());
        Self {
            center: mercator(c.x(), c.y()),
            scale: 256.0 * 2f64.powf(projector.zoom()),
            origin: rect.center(),
        }
    }

    /// From a map centre (lon, lat) and zoom, for drawing before walkers runs (under tiles).
    pub fn from_center(center: (f64, f64), zoom: f64, rect: Rect) -> Self {
        Self {
            center: mercator(center.0, center.1),
            scale: 256.0 * 2f64.powf(zoom),
            origin: rect.center(),
        }
    }

    /// Screen position of a normalised Mercator point.
    pub fn screen(&self, p: [f64; 2]) -> Pos2 {
        pos2(
            self.origin.x + ((p[0] - self.center[0]) * self.scale) as f32,
            self.origin.y + ((p[1] - self.center[1]) * self.scale) as f32,
        )
    }

    /// The normalised Mercator box visible in `rect`.
    fn visible(&self, rect: Rect) -> [f64; 4] {
        let x0 = self.center[0] + f64::from(rect.min.x - self.origin.x) / self.scale;
        let y0 = self.center[1] + f64::from(rect.min.y - self.origin.y) / self.scale;
        let x1 = self.center[0] + f64::from(rect.max.x - self.origin.x) / self.scale;
        let y1 = self.center[1] + f64::from(rect.max.y - self.origin.y) / self.scale;
        [x0, y0, x1, y1]
    }
}

fn meets(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// The walkers plugin drawing the basemap under everything else.
pub struct BasemapPlugin<'a> {
    /// The basemap.
    pub basemap: &'a Basemap,
    /// Draw only borders over online tiles (the tiles have land already).
    pub borders_only: bool,
}

impl Plugin for BasemapPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &egui::Response,
        projector: &Projector<'_>,
        _memory: &MapMemory,
    ) {
        let rect = projector.clip_rect();
        paint(
            &ui.painter().with_clip_rect(rect),
            self.basemap,
            ScreenMap::new(projector),
            rect,
            projector.zoom(),
            !self.borders_only,
        );
    }
}

/// Paints the basemap: sea, land and coastlines (when `fill`), and borders.
pub fn paint(
    painter: &egui::Painter,
    basemap: &Basemap,
    sm: ScreenMap,
    rect: Rect,
    zoom: f64,
    fill: bool,
) {
    let view = sm.visible(rect);
    let level = basemap.level(zoom);
    let mut shapes: Vec<Shape> = Vec::new();
    if fill {
        painter.rect_filled(rect, 0.0, SEA);
        let mut mesh = Mesh::default();
        for poly in level.polygons.iter().filter(|p| meets(p.bbox, view)) {
            // Sub-pixel islands are skipped when zoomed out.
            let w = (poly.bbox[2] - poly.bbox[0]).max(poly.bbox[3] - poly.bbox[1]) * sm.scale;
            if w < 0.7 {
                continue;
            }
            let base = mesh.vertices.len() as u32;
            for &p in &poly.points {
                mesh.colored_vertex(sm.screen(p), LAND);
            }
            mesh.indices
                .extend(poly.triangles.iter().map(|&i| base + i));
            if SHOW_COASTLINES && zoom >= 5.0 {
                let mut start = 0usize;
                for &end in &poly.rings {
                    let ring: Vec<Pos2> = poly.points[start..end as usize]
                        .iter()
                        .map(|&p| sm.screen(p))
                        .collect();
                    shapes.push(Shape::closed_line(ring, Stroke::new(0.8, COAST)));
                    start = end as usize;
                }
            }
        }
        painter.add(Shape::mesh(mesh));
    }
    let width = if zoom < 3.0 { 0.6 } else { 1.0 };
    for line in level.borders.iter().filter(|l| meets(l.bbox, view)) {
        let pts: Vec<Pos2> = line.points.iter().map(|&p| sm.screen(p)).collect();
        shapes.push(Shape::line(pts, Stroke::new(width, BORDER)));
    }
    painter.extend(shapes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basemap_decodes_both_levels_with_gaza_on_land() {
        let (raw, split) = payload().expect("payload");
        let coarse = read_level(
            &mut Reader {
                b: &raw[..split],
                at: 0,
            },
            false,
        )
        .expect("coarse");
        let fine = read_level(
            &mut Reader {
                b: &raw[split..],
                at: 0,
            },
            false,
        )
        .expect("fine");
        assert!(coarse.land_points() > 10_000 && fine.land_points() > 300_000);
        assert!(!fine.borders.is_empty());
        let gaza = mercator(34.45, 31.5);
        assert!(
            fine.polygons
                .iter()
                .any(|p| meets(p.bbox, [gaza[0], gaza[1], gaza[0], gaza[1]]))
        );
    }
}
