//! Output: JSONL (one line per document), `GeoJSON` (one feature per place) and CSV (one row per
//! mention). Offsets in every format are Unicode code point offsets (Python `str` indices).

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::corpus::{DateSource, Document};
use crate::extract::{DocExtraction, MentionKind, Resolution, Toponym};
use crate::gazetteer::{Gazetteer, PlaceId};
use crate::text::CharIndex;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One JSON object per document.
    Jsonl,
    /// A `GeoJSON` `FeatureCollection`, one feature per place.
    GeoJson,
    /// One CSV row per mention.
    Csv,
}

/// A candidate in output.
#[derive(Debug, Serialize)]
pub struct CandidateOut<'a> {
    /// Stable place key.
    pub place_id: String,
    /// Name.
    pub name: &'a str,
    /// Country.
    pub country: &'a str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Score 0..=1.
    pub score: f32,
}

/// A toponym in output.
#[derive(Debug, Serialize)]
pub struct ToponymOut<'a> {
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// Surface text.
    pub text: &'a str,
    /// Stable place key, null when unresolved.
    pub place_id: Option<String>,
    /// `GeoNames` id, when the place has one.
    pub geonames_id: Option<u32>,
    /// Gazetteer name.
    pub name: Option<&'a str>,
    /// Place kind, or `demonym`.
    pub kind: Option<&'static str>,
    /// `GeoNames` feature code.
    pub feature: Option<&'a str>,
    /// ISO2 country.
    pub country: Option<&'a str>,
    /// Latitude (null when unresolved).
    pub lat: Option<f64>,
    /// Longitude (null when unresolved).
    pub lon: Option<f64>,
    /// Confidence 0..=1.
    pub confidence: f32,
    /// Inside an organisation name.
    pub embedded: bool,
    /// How it was resolved.
    pub resolution: Resolution,
    /// Best candidates.
    pub candidates: Vec<CandidateOut<'a>>,
}

/// An actor mention in output.
#[derive(Debug, Serialize)]
pub struct ActorOut<'a> {
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// Surface text.
    pub text: &'a str,
    /// Dictionary id.
    pub actor_id: Option<&'a str>,
    /// Canonical name.
    pub name: &'a str,
    /// Type.
    #[serde(rename = "type")]
    pub kind: crate::extract::actors::ActorType,
    /// Affiliation.
    pub affiliation: Option<&'a str>,
}

/// A date mention in output.
#[derive(Debug, Serialize)]
pub struct DateOut<'a> {
    /// Start (code points).
    pub start: usize,
    /// End (code points).
    pub end: usize,
    /// Surface text.
    pub text: &'a str,
    /// ISO value.
    pub value: &'a str,
    /// Granularity.
    pub granularity: crate::extract::dates::Granularity,
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
}

/// One document in JSONL output.
#[derive(Debug, Serialize)]
pub struct DocOut<'a> {
    /// Id.
    pub id: &'a str,
    /// Source.
    pub source: Option<&'a str>,
    /// Title.
    pub title: Option<&'a str>,
    /// Document date (ISO), when known.
    pub date: Option<String>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Place and demonym mentions.
    pub toponyms: Vec<ToponymOut<'a>>,
    /// Actor mentions.
    pub actors: Vec<ActorOut<'a>>,
    /// Event dates.
    pub dates: Vec<DateOut<'a>>,
}

/// Builds the JSONL record of one document.
pub fn doc_record<'a>(gaz: &'a Gazetteer, doc: &'a Document, ex: &'a DocExtraction) -> DocOut<'a> {
    let idx = CharIndex::new(&doc.text);
    DocOut {
        id: &doc.id,
        source: doc.source.as_deref(),
        title: doc.title.as_deref(),
        date: ex.date.map(|d| d.date.to_string()),
        date_source: ex.date.map(|d| d.source),
        url: doc.url.as_deref(),
        toponyms: ex
            .toponyms
            .iter()
            .map(|t| toponym_record(gaz, doc, &idx, t))
            .collect(),
        actors: ex
            .actors
            .iter()
            .map(|a| ActorOut {
                start: idx.char_offset(a.start),
                end: idx.char_offset(a.end),
                text: &doc.text[a.start..a.end],
                actor_id: a.actor_id.as_deref(),
                name: &a.name,
                kind: a.kind,
                affiliation: a.affiliation.as_deref(),
            })
            .collect(),
        dates: ex
            .dates
            .iter()
            .map(|d| DateOut {
                start: idx.char_offset(d.start),
                end: idx.char_offset(d.end),
                text: &doc.text[d.start..d.end],
                value: &d.value,
                granularity: d.granularity,
                from: d.from.to_string(),
                to: d.to.to_string(),
            })
            .collect(),
    }
}

fn toponym_record<'a>(
    gaz: &'a Gazetteer,
    doc: &'a Document,
    idx: &CharIndex,
    t: &Toponym,
) -> ToponymOut<'a> {
    let place = t.place.map(|p| gaz.place(p));
    ToponymOut {
        start: idx.char_offset(t.start),
        end: idx.char_offset(t.end),
        text: &doc.text[t.start..t.end],
        place_id: place.map(|p| p.key()),
        geonames_id: place.and_then(|p| p.geonames_id),
        name: place.map(|p| p.name),
        kind: match (t.kind, place) {
            (MentionKind::Demonym, _) => Some("demonym"),
            (_, Some(p)) => Some(p.kind.as_str()),
            _ => None,
        },
        feature: place.map(|p| p.feature),
        country: place.map(|p| p.country),
        lat: place.map(|p| round5(p.lat)),
        lon: place.map(|p| round5(p.lon)),
        confidence: (t.confidence * 1000.0).round() / 1000.0,
        embedded: t.embedded,
        resolution: t.resolution,
        candidates: t
            .candidates
            .iter()
            .map(|c| {
                let p = gaz.place(c.place);
                CandidateOut {
                    place_id: p.key(),
                    name: p.name,
                    country: p.country,
                    lat: round5(p.lat),
                    lon: round5(p.lon),
                    score: (c.score * 1000.0).round() / 1000.0,
                }
            })
            .collect(),
    }
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

/// Writes one JSONL line.
pub fn write_jsonl_line(
    w: &mut dyn Write,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &DocExtraction,
) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(4096);
    push_jsonl_line(&mut buf, gaz, doc, ex)?;
    w.write_all(&buf)
}

/// Appends one JSONL line to `out`: the bytes of [`doc_record`] serialised with `serde_json`,
/// and a newline, written field by field (no intermediate record, no dynamic writer).
pub fn push_jsonl_line(
    out: &mut Vec<u8>,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &DocExtraction,
) -> serde_json::Result<()> {
    fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> serde_json::Result<()> {
        serde_json::to_writer(out, v)
    }
    fn opt_str(out: &mut Vec<u8>, v: Option<&str>) -> serde_json::Result<()> {
        if let Some(s) = v {
            value(out, s)
        } else {
            out.extend_from_slice(b"null");
            Ok(())
        }
    }
    fn date(out: &mut Vec<u8>, d: chrono::NaiveDate) -> serde_json::Result<()> {
        // ISO dates need no escaping, but go through the same writer to be sure.
        value(out, &d.to_string())
    }
    fn offsets(out: &mut Vec<u8>, idx: &CharIndex, start: usize, end: usize) {
        out.extend_from_slice(b"{\"start\":");
        push_usize(out, idx.char_offset(start));
        out.extend_from_slice(b",\"end\":");
        push_usize(out, idx.char_offset(end));
    }

    let idx = CharIndex::new(&doc.text);
    out.extend_from_slice(b"{\"id\":");
    value(out, doc.id.as_str())?;
    out.extend_from_slice(b",\"source\":");
    opt_str(out, doc.source.as_deref())?;
    out.extend_from_slice(b",\"title\":");
    opt_str(out, doc.title.as_deref())?;
    out.extend_from_slice(b",\"date\":");
    match ex.date {
        Some(d) => date(out, d.date)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date_source\":");
    value(out, &ex.date.map(|d| d.source))?;
    if let Some(url) = doc.url.as_deref() {
        out.extend_from_slice(b",\"url\":");
        value(out, url)?;
    }
    out.extend_from_slice(b",\"toponyms\":[");
    for (n, t) in ex.toponyms.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let place = t.place.map(|p| gaz.place(p));
        offsets(out, &idx, t.start, t.end);
        out.extend_from_slice(b",\"text\":");
        value(out, &doc.text[t.start..t.end])?;
        out.extend_from_slice(b",\"place_id\":");
        opt_str(out, place.map(|p| p.key()).as_deref())?;
        out.extend_from_slice(b",\"geonames_id\":");
        value(out, &place.and_then(|p| p.geonames_id))?;
        out.extend_from_slice(b",\"name\":");
        opt_str(out, place.map(|p| p.name))?;
        out.extend_from_slice(b",\"kind\":");
        let kind = match (t.kind, place) {
            (MentionKind::Demonym, _) => Some("demonym"),
            (_, Some(p)) => Some(p.kind.as_str()),
            _ => None,
        };
        opt_str(out, kind)?;
        out.extend_from_slice(b",\"feature\":");
        opt_str(out, place.map(|p| p.feature))?;
        out.extend_from_slice(b",\"country\":");
        opt_str(out, place.map(|p| p.country))?;
        out.extend_from_slice(b",\"lat\":");
        value(out, &place.map(|p| round5(p.lat)))?;
        out.extend_from_slice(b",\"lon\":");
        value(out, &place.map(|p| round5(p.lon)))?;
        out.extend_from_slice(b",\"confidence\":");
        value(out, &((t.confidence * 1000.0).round() / 1000.0))?;
        out.extend_from_slice(if t.embedded {
            b",\"embedded\":true,\"resolution\":"
        } else {
            b",\"embedded\":false,\"resolution\":"
        });
        value(out, &t.resolution)?;
        out.extend_from_slice(b",\"candidates\":[");
        for (m, c) in t.candidates.iter().enumerate() {
            if m > 0 {
                out.push(b',');
            }
            let p = gaz.place(c.place);
            out.extend_from_slice(b"{\"place_id\":");
            value(out, p.key().as_str())?;
            out.extend_from_slice(b",\"name\":");
            value(out, p.name)?;
            out.extend_from_slice(b",\"country\":");
            value(out, p.country)?;
            out.extend_from_slice(b",\"lat\":");
            value(out, &round5(p.lat))?;
            out.extend_from_slice(b",\"lon\":");
            value(out, &round5(p.lon))?;
            out.extend_from_slice(b",\"score\":");
            value(out, &((c.score * 1000.0).round() / 1000.0))?;
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"],\"actors\":[");
    for (n, a) in ex.actors.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        offsets(out, &idx, a.start, a.end);
        out.extend_from_slice(b",\"text\":");
        value(out, &doc.text[a.start..a.end])?;
        out.extend_from_slice(b",\"actor_id\":");
        opt_str(out, a.actor_id.as_deref())?;
        out.extend_from_slice(b",\"name\":");
        value(out, a.name.as_str())?;
        out.extend_from_slice(b",\"type\":");
        value(out, &a.kind)?;
        out.extend_from_slice(b",\"affiliation\":");
        opt_str(out, a.affiliation.as_deref())?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"dates\":[");
    for (n, d) in ex.dates.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        offsets(out, &idx, d.start, d.end);
        out.extend_from_slice(b",\"text\":");
        value(out, &doc.text[d.start..d.end])?;
        out.extend_from_slice(b",\"value\":");
        value(out, d.value.as_str())?;
        out.extend_from_slice(b",\"granularity\":");
        value(out, &d.granularity)?;
        out.extend_from_slice(b",\"from\":");
        date(out, d.from)?;
        out.extend_from_slice(b",\"to\":");
        date(out, d.to)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"]}\n");
    Ok(())
}

/// Appends a decimal number.
fn push_usize(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The CSV header for mention rows.
pub const CSV_HEADER: &[&str] = &[
    "doc_id",
    "title",
    "date",
    "start",
    "end",
    "text",
    "kind",
    "place_id",
    "name",
    "place_kind",
    "country",
    "lat",
    "lon",
    "confidence",
    "resolution",
    "embedded",
];

/// Writes the CSV rows (one per mention) of one document.
pub fn write_csv_rows<W: Write>(
    w: &mut csv::Writer<W>,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &DocExtraction,
) -> csv::Result<()> {
    let idx = CharIndex::new(&doc.text);
    for t in &ex.toponyms {
        let r = toponym_record(gaz, doc, &idx, t);
        let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([
            doc.id.as_str(),
            doc.title.as_deref().unwrap_or(""),
            &ex.date.map(|d| d.date.to_string()).unwrap_or_default(),
            &r.start.to_string(),
            &r.end.to_string(),
            r.text,
            if t.kind == MentionKind::Demonym {
                "demonym"
            } else {
                "place"
            },
            r.place_id.as_deref().unwrap_or(""),
            r.name.unwrap_or(""),
            place_kind(gaz, t.place),
            r.country.unwrap_or(""),
            &opt(r.lat),
            &opt(r.lon),
            &format!("{:.3}", t.confidence),
            resolution_str(t.resolution),
            if t.embedded { "true" } else { "false" },
        ])?;
    }
    Ok(())
}

fn place_kind(gaz: &Gazetteer, p: Option<PlaceId>) -> &'static str {
    p.map_or("", |p| gaz.place(p).kind.as_str())
}

fn resolution_str(r: Resolution) -> &'static str {
    match r {
        Resolution::Gazetteer => "gazetteer",
        Resolution::Anchored => "anchored",
        Resolution::Unresolved => "unresolved",
        Resolution::Corrected => "corrected",
    }
}

/// Accumulates mentions per place for `GeoJSON` output.
#[derive(Debug, Default)]
pub struct GeoJsonBuilder {
    places: BTreeMap<PlaceId, PlaceAcc>,
}

#[derive(Debug, Default)]
struct PlaceAcc {
    mentions: Vec<serde_json::Value>,
    docs: std::collections::BTreeSet<String>,
}

impl GeoJsonBuilder {
    /// Adds one document's resolved mentions.
    pub fn add(&mut self, doc: &Document, ex: &DocExtraction) {
        let idx = CharIndex::new(&doc.text);
        for t in &ex.toponyms {
            let Some(p) = t.place else { continue };
            let acc = self.places.entry(p).or_default();
            acc.docs.insert(doc.id.clone());
            acc.mentions.push(serde_json::json!({
                "doc_id": doc.id,
                "title": doc.title,
                "date": ex.date.map(|d| d.date.to_string()),
                "start": idx.char_offset(t.start),
                "end": idx.char_offset(t.end),
                "text": &doc.text[t.start..t.end],
                "kind": if t.kind == MentionKind::Demonym { "demonym" } else { "place" },
                "confidence": (t.confidence * 1000.0).round() / 1000.0,
                "resolution": resolution_str(t.resolution),
            }));
        }
    }

    /// The `FeatureCollection`.
    pub fn finish(self, gaz: &Gazetteer) -> serde_json::Value {
        let features: Vec<serde_json::Value> = self
            .places
            .into_iter()
            .map(|(id, acc)| {
                let p = gaz.place(id);
                serde_json::json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [round5(p.lon), round5(p.lat)]},
                    "properties": {
                        "place_id": p.key(),
                        "name": p.name,
                        "kind": p.kind.as_str(),
                        "feature": p.feature,
                        "country": p.country,
                        "mention_count": acc.mentions.len(),
                        "document_count": acc.docs.len(),
                        "mentions": acc.mentions,
                    }
                })
            })
            .collect();
        serde_json::json!({"type": "FeatureCollection", "features": features})
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    /// The field-by-field JSONL writer and the serde record give the same bytes.
    #[test]
    fn jsonl_line_matches_the_serde_record() {
        let gaz = Gazetteer::bundled_shared().expect("gazetteer");
        let extractor = Extractor::new(gaz.clone());
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches");
        let mut docs = Vec::new();
        for entry in std::fs::read_dir(demo).expect("demo corpus") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("text");
            docs.push(crate::corpus::text_document(&path, &text));
        }
        let mut odd =
            Document::from_text("id \"quoted\"\t\u{1}", "Cairo \"and\" Gaza\\ — Türkiye\n");
        odd.url = Some("https://example.org/?a=\"b\"".into());
        odd.source = Some("wire".into());
        docs.push(odd);
        for doc in &docs {
            let ex = extractor.extract(doc);
            let mut expected = serde_json::to_vec(&doc_record(&gaz, doc, &ex)).expect("serde");
            expected.push(b'\n');
            let mut got = Vec::new();
            push_jsonl_line(&mut got, &gaz, doc, &ex).expect("write");
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&expected)
            );
        }
    }
}
