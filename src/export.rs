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
/// and a newline, written field by field (no intermediate record, no dynamic writer, no
/// allocation: strings are escaped as `serde_json` escapes them, numbers formatted in place;
/// only floats go through `serde_json`'s formatter).
pub fn push_jsonl_line(
    out: &mut Vec<u8>,
    gaz: &Gazetteer,
    doc: &Document,
    ex: &DocExtraction,
) -> serde_json::Result<()> {
    fn float<T: Serialize>(out: &mut Vec<u8>, v: T) -> serde_json::Result<()> {
        serde_json::to_writer(out, &v)
    }
    fn opt_str(out: &mut Vec<u8>, v: Option<&str>) {
        match v {
            Some(s) => push_json_str(out, s),
            None => out.extend_from_slice(b"null"),
        }
    }
    fn offsets(out: &mut Vec<u8>, idx: &mut CharCursor<'_>, start: usize, end: usize) {
        out.extend_from_slice(b"{\"start\":");
        push_usize(out, idx.char_offset(start));
        out.extend_from_slice(b",\"end\":");
        push_usize(out, idx.char_offset(end));
    }
    fn key(out: &mut Vec<u8>, p: &crate::gazetteer::Place<'_>) {
        match p.key_parts() {
            Ok(id) => {
                out.extend_from_slice(b"\"geonames:");
                push_usize(out, id as usize);
                out.push(b'"');
            }
            Err(other) => push_json_str(out, other),
        }
    }

    out.reserve(256 + 512 * ex.toponyms.len() + 128 * (ex.actors.len() + ex.dates.len()));
    let mut idx = CharCursor::new(&doc.text);
    out.extend_from_slice(b"{\"id\":");
    push_json_str(out, &doc.id);
    out.extend_from_slice(b",\"source\":");
    opt_str(out, doc.source.as_deref());
    out.extend_from_slice(b",\"title\":");
    opt_str(out, doc.title.as_deref());
    out.extend_from_slice(b",\"date\":");
    match ex.date {
        Some(d) => push_json_date(out, d.date),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"date_source\":");
    opt_str(out, ex.date.map(|d| date_source_str(d.source)));
    if let Some(url) = doc.url.as_deref() {
        out.extend_from_slice(b",\"url\":");
        push_json_str(out, url);
    }
    out.extend_from_slice(b",\"toponyms\":[");
    for (n, t) in ex.toponyms.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let place = t.place.map(|p| gaz.place(p));
        offsets(out, &mut idx, t.start, t.end);
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, &doc.text[t.start..t.end]);
        out.extend_from_slice(b",\"place_id\":");
        match &place {
            Some(p) => key(out, p),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"geonames_id\":");
        match place.and_then(|p| p.geonames_id) {
            Some(id) => push_usize(out, id as usize),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"name\":");
        opt_str(out, place.map(|p| p.name));
        out.extend_from_slice(b",\"kind\":");
        let kind = match (t.kind, place) {
            (MentionKind::Demonym, _) => Some("demonym"),
            (_, Some(p)) => Some(p.kind.as_str()),
            _ => None,
        };
        opt_str(out, kind);
        out.extend_from_slice(b",\"feature\":");
        opt_str(out, place.map(|p| p.feature));
        out.extend_from_slice(b",\"country\":");
        opt_str(out, place.map(|p| p.country));
        out.extend_from_slice(b",\"lat\":");
        float(out, place.map(|p| round5(p.lat)))?;
        out.extend_from_slice(b",\"lon\":");
        float(out, place.map(|p| round5(p.lon)))?;
        out.extend_from_slice(b",\"confidence\":");
        float(out, (t.confidence * 1000.0).round() / 1000.0)?;
        out.extend_from_slice(if t.embedded {
            b",\"embedded\":true,\"resolution\":\""
        } else {
            b",\"embedded\":false,\"resolution\":\""
        });
        out.extend_from_slice(resolution_str(t.resolution).as_bytes());
        out.extend_from_slice(b"\",\"candidates\":[");
        for (m, c) in t.candidates.iter().enumerate() {
            if m > 0 {
                out.push(b',');
            }
            let p = gaz.place(c.place);
            out.extend_from_slice(b"{\"place_id\":");
            key(out, &p);
            out.extend_from_slice(b",\"name\":");
            push_json_str(out, p.name);
            out.extend_from_slice(b",\"country\":");
            push_json_str(out, p.country);
            out.extend_from_slice(b",\"lat\":");
            float(out, round5(p.lat))?;
            out.extend_from_slice(b",\"lon\":");
            float(out, round5(p.lon))?;
            out.extend_from_slice(b",\"score\":");
            float(out, (c.score * 1000.0).round() / 1000.0)?;
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"],\"actors\":[");
    let mut idx = CharCursor::new(&doc.text);
    for (n, a) in ex.actors.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        offsets(out, &mut idx, a.start, a.end);
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, &doc.text[a.start..a.end]);
        out.extend_from_slice(b",\"actor_id\":");
        opt_str(out, a.actor_id.as_deref());
        out.extend_from_slice(b",\"name\":");
        push_json_str(out, &a.name);
        out.extend_from_slice(b",\"type\":\"");
        out.extend_from_slice(actor_type_str(a.kind).as_bytes());
        out.extend_from_slice(b"\",\"affiliation\":");
        opt_str(out, a.affiliation.as_deref());
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"dates\":[");
    let mut idx = CharCursor::new(&doc.text);
    for (n, d) in ex.dates.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        offsets(out, &mut idx, d.start, d.end);
        out.extend_from_slice(b",\"text\":");
        push_json_str(out, &doc.text[d.start..d.end]);
        out.extend_from_slice(b",\"value\":");
        push_json_str(out, &d.value);
        out.extend_from_slice(b",\"granularity\":\"");
        out.extend_from_slice(granularity_str(d.granularity).as_bytes());
        out.extend_from_slice(b"\",\"from\":");
        push_json_date(out, d.from);
        out.extend_from_slice(b",\"to\":");
        push_json_date(out, d.to);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}\n");
    Ok(())
}

fn date_source_str(s: DateSource) -> &'static str {
    match s {
        DateSource::Metadata => "metadata",
        DateSource::HtmlMeta => "html_meta",
        DateSource::JsonLd => "json_ld",
        DateSource::FrontMatter => "front_matter",
        DateSource::Dateline => "dateline",
    }
}

fn actor_type_str(t: crate::extract::actors::ActorType) -> &'static str {
    use crate::extract::actors::ActorType;
    match t {
        ActorType::Person => "person",
        ActorType::Organisation => "organisation",
        ActorType::ArmedGroup => "armed_group",
        ActorType::Government => "government",
        ActorType::International => "international",
        ActorType::Media => "media",
    }
}

fn granularity_str(g: crate::extract::dates::Granularity) -> &'static str {
    use crate::extract::dates::Granularity;
    match g {
        Granularity::Day => "day",
        Granularity::Month => "month",
        Granularity::Year => "year",
        Granularity::Interval => "interval",
    }
}

/// Appends a date as a JSON string, as `serde_json` writes its `to_string()`.
fn push_json_date(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    use chrono::Datelike as _;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        let y = y as u32;
        out.extend_from_slice(&[
            b'"',
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b'-',
            b'0' + (day / 10) as u8,
            b'0' + (day % 10) as u8,
            b'"',
        ]);
    } else {
        push_json_str(out, &d.to_string());
    }
}

/// Appends a JSON string literal, escaped exactly as `serde_json` escapes it (`\"`, `\\`, the
/// short escapes `\b \t \n \f \r`, `\u00XX` for other control characters; nothing else).
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ]),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Byte to code point offsets of one text, for offsets asked in (mostly) increasing order:
/// the continuation bytes between the last answer and the next are counted, no table built.
struct CharCursor<'t> {
    bytes: &'t [u8],
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharCursor<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// UTF-8 continuation bytes (`10xxxxxx`) in `b`, eight at a time.
    fn continuation_bytes(b: &[u8]) -> usize {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let mut chunks = b.chunks_exact(8);
        let mut n = 0usize;
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            let w = u64::from_le_bytes(w);
            // bit 7 set and bit 6 clear, per byte
            n += (w & !(w << 1) & HIGH).count_ones() as usize;
        }
        n + chunks
            .remainder()
            .iter()
            .filter(|&&x| (x as i8) < -64)
            .count()
    }

    /// The code point offset of byte offset `byte` (a char boundary).
    fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte >= self.byte {
            self.chars +=
                (byte - self.byte) - Self::continuation_bytes(&self.bytes[self.byte..byte]);
        } else {
            self.chars -=
                (self.byte - byte) - Self::continuation_bytes(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
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

    #[test]
    fn char_cursor_agrees_with_char_index() {
        let text =
            "Türkiye — Gaza, São Paulo: ĐÀ NẴNG 😀 and plain ASCII after it all, long enough";
        let idx = CharIndex::new(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        let mut cur = CharCursor::new(text);
        // forwards, backwards and jumping about
        let order = bounds
            .iter()
            .chain(bounds.iter().rev())
            .chain(bounds.iter().step_by(7))
            .chain(bounds.iter().rev().step_by(5));
        for &b in order {
            assert_eq!(cur.char_offset(b), idx.char_offset(b), "byte {b}");
        }
    }

    #[test]
    fn json_strings_escape_as_serde_json_does() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for s in [
            all.as_str(),
            "",
            "plain",
            "Türkiye \"q\" \\ — \u{7f}\u{2028}",
        ] {
            let mut got = Vec::new();
            push_json_str(&mut got, s);
            assert_eq!(got, serde_json::to_vec(s).expect("serde"));
        }
    }

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
