//! Evaluation against gold JSONL in the `shared/eval` format, metric for metric the same as
//! `score.py`: recognition P/R/F1 (exact and overlap, one-to-one greedy matching), resolution
//! acc@161 km, median/mean error, AUC, GeoNames-id accuracy, and end-to-end acc@161.

use std::fmt::Write as _;
use std::path::Path;

use regex::Regex;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::text::byte_offset;

/// Mean Earth radius used by the scorer.
pub const EARTH_R_KM: f64 = 6371.0088;
/// Error assigned to a recognised toponym with no coordinates.
pub const MAX_ERR_KM: f64 = 20039.0;

/// A gold toponym (code point offsets).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldToponym {
    /// Start, code points.
    pub start: usize,
    /// End, code points.
    pub end: usize,
    /// Surface text.
    #[serde(default)]
    pub name: String,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `GeoNames` id.
    pub geonames_id: Option<i64>,
    /// Annotation kind (dataset-specific).
    pub kind: Option<String>,
}

/// A gold date.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldDate {
    /// Surface text.
    pub text: String,
    /// ISO value (`2025-10-10`, `2025-10`, `2018`).
    pub date: String,
}

/// A gold document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoldDoc {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Title.
    pub title: Option<String>,
    /// Document date.
    pub date: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Toponyms.
    #[serde(default)]
    pub toponyms: Vec<GoldToponym>,
    /// Actor names (when annotated).
    #[serde(default)]
    pub actors: Option<Vec<String>>,
    /// Event dates (when annotated).
    #[serde(default)]
    pub dates: Option<Vec<GoldDate>>,
}

impl GoldDoc {
    /// The document to extract from.
    pub fn document(&self) -> Document {
        let mut d = Document::from_text(self.id.clone(), self.text.clone());
        d.title.clone_from(&self.title);
        d.source.clone_from(&self.source);
        d.date = self
            .date
            .as_deref()
            .and_then(crate::corpus::parse_date)
            .map(|date| crate::corpus::DocDate {
                date,
                source: crate::corpus::DateSource::Metadata,
            });
        d
    }

    /// Gold spans as byte ranges into `text`.
    pub fn byte_spans(&self) -> Vec<(usize, usize)> {
        let idx = CharToByte::new(&self.text);
        self.toponyms
            .iter()
            .map(|t| (idx.byte(t.start), idx.byte(t.end)))
            .collect()
    }
}

struct CharToByte {
    offsets: Vec<usize>,
}

impl CharToByte {
    fn new(text: &str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        offsets.push(text.len());
        Self { offsets }
    }

    fn byte(&self, c: usize) -> usize {
        self.offsets
            .get(c)
            .copied()
            .unwrap_or_else(|| self.offsets.last().copied().unwrap_or(0))
    }
}

/// Reads a gold JSONL file. Duplicate ids and malformed lines are errors naming the line.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut docs = Vec::new();
    let mut seen = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: GoldDoc =
            serde_json::from_str(line).map_err(|e| Error::data(path, n + 1, e.to_string()))?;
        if seen.insert(doc.id.clone(), n + 1).is_some() {
            return Err(Error::data(
                path,
                n + 1,
                format!("duplicate id {:?}", doc.id),
            ));
        }
        // keep the byte_offset helper honest for callers that convert the other way
        debug_assert!(byte_offset(&doc.text, 0) == 0);
        docs.push(doc);
    }
    Ok(docs)
}

/// A predicted toponym (code point offsets), as `placemap extract` writes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PredToponym {
    /// Start, code points.
    pub start: usize,
    /// End, code points.
    pub end: usize,
    /// Latitude (None when unresolved).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `GeoNames` id.
    #[serde(default)]
    pub geonames_id: Option<i64>,
}

/// Span match mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MatchMode {
    /// Same start and end.
    Exact,
    /// At least one shared character.
    #[default]
    Overlap,
}

/// All metrics, named as `score.py --json` names them.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Scores {
    /// Gold documents.
    pub gold_docs: usize,
    /// Prediction documents matching a gold id.
    pub pred_docs_matched: usize,
    /// Gold toponyms (after the kind filter).
    pub gold_toponyms: usize,
    /// Predicted toponyms (after ignoring those on excluded gold).
    pub pred_toponyms: usize,
    /// Exact precision.
    pub rec_exact_p: f64,
    /// Exact recall.
    pub rec_exact_r: f64,
    /// Exact F1.
    pub rec_exact_f1: f64,
    /// Overlap precision.
    pub rec_overlap_p: f64,
    /// Overlap recall.
    pub rec_overlap_r: f64,
    /// Overlap F1.
    pub rec_overlap_f1: f64,
    /// Recognised gold toponyms with coordinates.
    pub res_n: usize,
    /// Gold toponyms with coordinates.
    pub gold_with_coords: usize,
    /// acc@161 over recognised.
    pub res_acc161: Option<f64>,
    /// Median error, km.
    pub res_median_km: Option<f64>,
    /// Mean error, km.
    pub res_mean_km: Option<f64>,
    /// AUC of log errors (lower is better).
    pub res_auc: Option<f64>,
    /// Pairs with `GeoNames` ids on both sides.
    pub res_geonames_id_n: usize,
    /// GeoNames-id accuracy.
    pub res_geonames_id_acc: Option<f64>,
    /// End-to-end acc@161.
    pub e2e_acc161: Option<f64>,
}

/// Great-circle distance, km (the scorer's formula).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_R_KM * a.sqrt().min(1.0).asin()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn greedy_match(
    gold: &[(usize, usize)],
    pred: &[(usize, usize)],
    mode: MatchMode,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, &g) in gold.iter().enumerate() {
        for (pi, &p) in pred.iter().enumerate() {
            let exact = g == p;
            match mode {
                MatchMode::Exact if exact => cands.push((0u8, 0isize, gi, pi)),
                MatchMode::Exact => {}
                MatchMode::Overlap => {
                    let ov = overlap(g, p);
                    if ov > 0 {
                        cands.push((u8::from(!exact), -(ov as isize), gi, pi));
                    }
                }
            }
        }
    }
    cands.sort_unstable();
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, _, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        pairs.push((gi, pi));
    }
    pairs
}

fn auc(errors: &[f64]) -> Option<f64> {
    if errors.is_empty() {
        return None;
    }
    let mut ys: Vec<f64> = errors.iter().map(|e| e.min(MAX_ERR_KM).ln_1p()).collect();
    ys.sort_by(f64::total_cmp);
    let norm = MAX_ERR_KM.ln();
    if ys.len() == 1 {
        return Some(ys[0] / norm);
    }
    let area: f64 = ys.windows(2).map(|w| f64::midpoint(w[0], w[1])).sum();
    Some(area / (norm * (ys.len() - 1) as f64))
}

fn prf(tp_pred: usize, n_pred: usize, tp_gold: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 {
        tp_pred as f64 / n_pred as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp_gold as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Scores predictions (by document id) against gold, as `score.py` does.
// The crate's one map type; a generic hasher would only add noise to every caller.
#[allow(clippy::implicit_hasher)]
pub fn score(
    gold: &[GoldDoc],
    pred: &FxHashMap<String, Vec<PredToponym>>,
    gold_kinds: Option<&Regex>,
    res_match: MatchMode,
) -> Scores {
    let mut s = Scores {
        gold_docs: gold.len(),
        ..Scores::default()
    };
    s.pred_docs_matched = gold.iter().filter(|g| pred.contains_key(&g.id)).count();
    let mut tp = [0usize; 2];
    let mut errors = Vec::new();
    let (mut gid_hits, mut gid_n, mut e2e_hits) = (0usize, 0usize, 0usize);
    let empty = Vec::new();
    for gdoc in gold {
        let keep = |t: &GoldToponym| {
            gold_kinds.is_none_or(|re| re.is_match(t.kind.as_deref().unwrap_or("")))
        };
        let golds: Vec<&GoldToponym> = gdoc.toponyms.iter().filter(|t| keep(t)).collect();
        let excluded: Vec<(usize, usize)> = gdoc
            .toponyms
            .iter()
            .filter(|t| !keep(t))
            .map(|t| (t.start, t.end))
            .collect();
        let gspans: Vec<(usize, usize)> = golds.iter().map(|t| (t.start, t.end)).collect();
        let preds: Vec<&PredToponym> = pred
            .get(&gdoc.id)
            .unwrap_or(&empty)
            .iter()
            .filter(|p| {
                excluded.is_empty()
                    || !excluded.iter().any(|&x| overlap((p.start, p.end), x) > 0)
                    || gspans.iter().any(|&g| overlap((p.start, p.end), g) > 0)
            })
            .collect();
        let pspans: Vec<(usize, usize)> = preds.iter().map(|p| (p.start, p.end)).collect();
        s.gold_toponyms += golds.len();
        s.pred_toponyms += preds.len();
        let mut res_pairs = Vec::new();
        for (k, mode) in [MatchMode::Exact, MatchMode::Overlap]
            .into_iter()
            .enumerate()
        {
            let pairs = greedy_match(&gspans, &pspans, mode);
            tp[k] += pairs.len();
            if mode == res_match {
                res_pairs = pairs;
            }
        }
        let g2p: FxHashMap<usize, usize> = res_pairs.into_iter().collect();
        for (gi, g) in golds.iter().enumerate() {
            let (Some(glat), Some(glon)) = (g.lat, g.lon) else {
                continue;
            };
            s.gold_with_coords += 1;
            let Some(&pi) = g2p.get(&gi) else { continue };
            let p = preds[pi];
            let err = match (p.lat, p.lon) {
                (Some(lat), Some(lon)) => haversine_km(glat, glon, lat, lon),
                _ => MAX_ERR_KM,
            };
            errors.push(err);
            if err <= 161.0 {
                e2e_hits += 1;
            }
            if let (Some(a), Some(b)) = (g.geonames_id, p.geonames_id) {
                gid_n += 1;
                gid_hits += usize::from(a == b);
            }
        }
    }
    (s.rec_exact_p, s.rec_exact_r, s.rec_exact_f1) =
        prf(tp[0], s.pred_toponyms, tp[0], s.gold_toponyms);
    (s.rec_overlap_p, s.rec_overlap_r, s.rec_overlap_f1) =
        prf(tp[1], s.pred_toponyms, tp[1], s.gold_toponyms);
    s.res_n = errors.len();
    if !errors.is_empty() {
        s.res_acc161 =
            Some(errors.iter().filter(|&&e| e <= 161.0).count() as f64 / errors.len() as f64);
        let mut sorted = errors.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        s.res_median_km = Some(if n % 2 == 1 {
            sorted[n / 2]
        } else {
            f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])
        });
        s.res_mean_km = Some(errors.iter().sum::<f64>() / n as f64);
        s.res_auc = auc(&errors);
    }
    s.res_geonames_id_n = gid_n;
    s.res_geonames_id_acc = (gid_n > 0).then(|| gid_hits as f64 / gid_n as f64);
    s.e2e_acc161 = (s.gold_with_coords > 0).then(|| e2e_hits as f64 / s.gold_with_coords as f64);
    s
}

/// The predictions of one extracted document, in scorer form (code point offsets).
pub fn predictions_from(
    gaz: &crate::gazetteer::Gazetteer,
    doc: &Document,
    ex: &crate::extract::DocExtraction,
) -> Vec<PredToponym> {
    let idx = crate::text::CharIndex::new(&doc.text);
    ex.toponyms
        .iter()
        .map(|t| {
            let p = t.place.map(|p| gaz.place(p));
            PredToponym {
                start: idx.char_offset(t.start),
                end: idx.char_offset(t.end),
                lat: p.map(|p| p.lat),
                lon: p.map(|p| p.lon),
                geonames_id: p.and_then(|p| p.geonames_id).map(i64::from),
            }
        })
        .collect()
}

/// Reads predictions written by `placemap extract` (or any JSONL with `id` and `toponyms`).
pub fn load_predictions(path: &Path) -> Result<FxHashMap<String, Vec<PredToponym>>> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
        #[serde(default)]
        toponyms: Vec<PredToponym>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = FxHashMap::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line =
            serde_json::from_str(line).map_err(|e| Error::data(path, n + 1, e.to_string()))?;
        out.insert(l.id, l.toponyms);
    }
    Ok(out)
}

/// Formats scores the way `score.py` prints them.
pub fn format_scores(s: &Scores) -> String {
    let pct = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |v| format!("{:.1}%", 100.0 * v));
    let num = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"));
    let mut out = format!(
        "toponyms: gold={} pred={}\n",
        s.gold_toponyms, s.pred_toponyms
    );
    let _ = writeln!(
        out,
        "recognition[exact  ] P={} R={} F1={}",
        pct(Some(s.rec_exact_p)),
        pct(Some(s.rec_exact_r)),
        pct(Some(s.rec_exact_f1))
    );
    let _ = writeln!(
        out,
        "recognition[overlap] P={} R={} F1={}",
        pct(Some(s.rec_overlap_p)),
        pct(Some(s.rec_overlap_r)),
        pct(Some(s.rec_overlap_f1))
    );
    let _ = writeln!(
        out,
        "resolution (n={}): acc@161={} median={}km mean={}km AUC={}",
        s.res_n,
        pct(s.res_acc161),
        num(s.res_median_km),
        num(s.res_mean_km),
        num(s.res_auc)
    );
    if s.res_geonames_id_n > 0 {
        let _ = writeln!(
            out,
            "geonames_id exact (n={}): {}",
            s.res_geonames_id_n,
            pct(s.res_geonames_id_acc)
        );
    }
    let _ = writeln!(
        out,
        "end-to-end acc@161 over {} gold toponyms w/ coords: {}",
        s.gold_with_coords,
        pct(s.e2e_acc161)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold_doc() -> GoldDoc {
        serde_json::from_str(
            r#"{"id":"d","text":"Cairo and Gaza and Doha","toponyms":[
            {"start":0,"end":5,"name":"Cairo","lat":30.06,"lon":31.25,"geonames_id":360630,"kind":"required"},
            {"start":10,"end":14,"name":"Gaza","lat":31.5,"lon":34.47,"geonames_id":null,"kind":"required"},
            {"start":19,"end":23,"name":"Doha","lat":25.29,"lon":51.53,"geonames_id":290030,"kind":"optional"}]}"#,
        )
        .expect("valid gold")
    }

    #[test]
    fn gold_as_prediction_is_perfect() {
        let g = vec![gold_doc()];
        let p: FxHashMap<String, Vec<PredToponym>> = [(
            "d".to_owned(),
            g[0].toponyms
                .iter()
                .map(|t| PredToponym {
                    start: t.start,
                    end: t.end,
                    lat: t.lat,
                    lon: t.lon,
                    geonames_id: t.geonames_id,
                })
                .collect(),
        )]
        .into_iter()
        .collect();
        let s = score(&g, &p, None, MatchMode::Overlap);
        assert!((s.rec_exact_f1 - 1.0).abs() < 1e-12);
        assert_eq!(s.res_acc161, Some(1.0));
        assert_eq!(s.res_auc, Some(0.0));
    }

    #[test]
    fn partial_prediction() {
        let g = vec![gold_doc()];
        // Cairo right, "Gaza and" overlaps Gaza but is unresolved, one false positive.
        let p: FxHashMap<String, Vec<PredToponym>> = [(
            "d".to_owned(),
            vec![
                PredToponym {
                    start: 0,
                    end: 5,
                    lat: Some(30.0),
                    lon: Some(31.2),
                    geonames_id: Some(360_630),
                },
                PredToponym {
                    start: 10,
                    end: 18,
                    lat: None,
                    lon: None,
                    geonames_id: None,
                },
                PredToponym {
                    start: 6,
                    end: 9,
                    lat: Some(0.0),
                    lon: Some(0.0),
                    geonames_id: None,
                },
            ],
        )]
        .into_iter()
        .collect();
        let re = Regex::new("^required$").expect("regex");
        let s = score(&g, &p, Some(&re), MatchMode::Overlap);
        assert_eq!(s.gold_toponyms, 2);
        assert_eq!(s.pred_toponyms, 3);
        assert!((s.rec_overlap_p - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.rec_exact_r - 0.5).abs() < 1e-12);
        assert_eq!(s.res_acc161, Some(0.5));
        assert_eq!(s.e2e_acc161, Some(0.5));
    }
}
