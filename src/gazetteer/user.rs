//! Places files: the curated supplement and the user's own places (TSV or `GeoJSON`).
//!
//! TSV: `#` comment lines, then a header row naming the columns. `name`, `lat` and `lon` are
//! required; `id`, `alt_names` (`|`-separated), `kind`, `feature`, `country`, `admin1`,
//! `population` and `source` are optional. `GeoJSON`: a `FeatureCollection` of Points whose
//! properties carry the same names.

use std::path::Path;

use super::{PlaceKind, PlaceRow};
use crate::error::{Error, Result};

/// Rows read from a places file, plus the lines that were skipped (with reasons).
#[derive(Debug, Default)]
pub struct ParsedPlaces {
    /// Good rows.
    pub rows: Vec<PlaceRow>,
    /// `(line, message)` for each skipped line.
    pub skipped: Vec<(usize, String)>,
}

/// Reads a user places file, TSV or `GeoJSON` (by extension or content).
pub fn parse_places_file(path: &Path) -> Result<ParsedPlaces> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"))
        || text.trim_start().starts_with('{');
    let mut parsed = if is_json {
        parse_geojson(&text, path)?
    } else {
        parse_places_tsv(&text, path)?
    };
    for (i, row) in parsed.rows.iter_mut().enumerate() {
        if row.key.is_empty() {
            row.key = format!(
                "user:{}:{}",
                path.file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
                i + 1
            );
        }
    }
    for (line, msg) in &parsed.skipped {
        log::warn!("{}:{line}: skipped: {msg}", path.display());
    }
    if parsed.rows.is_empty() {
        return Err(Error::data(
            path,
            0,
            "no usable places (need name, lat, lon)",
        ));
    }
    Ok(parsed)
}

/// Parses places TSV text. Bad rows are skipped and reported; a missing header is an error.
pub fn parse_places_tsv(text: &str, path: &Path) -> Result<ParsedPlaces> {
    let mut out = ParsedPlaces::default();
    let mut columns: Option<Vec<String>> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(cols) = &columns else {
            let cols: Vec<String> = fields.iter().map(|f| f.to_ascii_lowercase()).collect();
            for need in ["name", "lat", "lon"] {
                if !cols.iter().any(|c| c == need) {
                    return Err(Error::data(
                        path,
                        line_no,
                        format!("header has no `{need}` column"),
                    ));
                }
            }
            columns = Some(cols);
            continue;
        };
        let get = |name: &str| -> String {
            cols.iter()
                .position(|c| c == name)
                .and_then(|i| fields.get(i))
                .copied()
                .unwrap_or("")
                .to_owned()
        };
        match row_from(&get) {
            Ok(row) => out.rows.push(row),
            Err(msg) => out.skipped.push((line_no, msg)),
        }
    }
    if columns.is_none() {
        return Err(Error::data(path, 0, "no header row"));
    }
    Ok(out)
}

fn row_from(get: &dyn Fn(&str) -> String) -> Result<PlaceRow, String> {
    let name = get("name");
    if name.is_empty() {
        return Err("empty name".into());
    }
    let lat: f64 = get("lat")
        .trim()
        .parse()
        .map_err(|_| format!("bad lat {:?}", get("lat")))?;
    let lon: f64 = get("lon")
        .trim()
        .parse()
        .map_err(|_| format!("bad lon {:?}", get("lon")))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates out of range: {lat}, {lon}"));
    }
    let kind = match get("kind").as_str() {
        "" => None,
        k => Some(PlaceKind::parse(k).ok_or_else(|| format!("unknown kind {k:?}"))?),
    };
    Ok(PlaceRow {
        key: get("id"),
        name: name.clone(),
        alt_names: get("alt_names")
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect(),
        kind,
        feature: get("feature"),
        country: get("country").to_ascii_uppercase(),
        admin1: get("admin1"),
        lat,
        lon,
        population: get("population").parse().unwrap_or(0),
    })
}

fn parse_geojson(text: &str, path: &Path) -> Result<ParsedPlaces> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::data(path, e.line(), format!("invalid GeoJSON: {e}")))?;
    let features = value
        .get("features")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| Error::data(path, 0, "GeoJSON has no `features` array"))?;
    let mut out = ParsedPlaces::default();
    for (i, f) in features.iter().enumerate() {
        let coords = f
            .pointer("/geometry/coordinates")
            .and_then(serde_json::Value::as_array)
            .filter(|_| {
                f.pointer("/geometry/type")
                    .and_then(serde_json::Value::as_str)
                    == Some("Point")
            })
            .and_then(|c| Some((c.first()?.as_f64()?, c.get(1)?.as_f64()?)));
        let Some((lon, lat)) = coords else {
            out.skipped
                .push((i + 1, "feature is not a Point with coordinates".into()));
            continue;
        };
        let props = f.get("properties");
        let prop = |k: &str| -> String {
            match props.and_then(|p| p.get(k)) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                Some(serde_json::Value::Array(a)) => a
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .collect::<Vec<_>>()
                    .join("|"),
                _ => String::new(),
            }
        };
        let (lat_s, lon_s) = (lat.to_string(), lon.to_string());
        let fields = [
            ("name", prop("name")),
            ("id", prop("id")),
            ("alt_names", prop("alt_names")),
            ("kind", prop("kind")),
            ("feature", prop("feature")),
            ("country", prop("country")),
            ("admin1", prop("admin1")),
            ("population", prop("population")),
            ("lat", lat_s),
            ("lon", lon_s),
        ];
        let get = |k: &str| {
            fields
                .iter()
                .find(|(n, _)| *n == k)
                .map_or_else(String::new, |(_, v)| v.clone())
        };
        match row_from(&get) {
            Ok(row) => out.rows.push(row),
            Err(msg) => out.skipped.push((i + 1, msg)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_with_header_and_bad_rows() {
        let text = "# my places\nname\tlat\tlon\tkind\talt_names\nCamp Alpha\t31.5\t34.4\tlocality\tAlpha Camp|Camp A\nBroken\tx\t1\n";
        let p = parse_places_tsv(text, Path::new("mine.tsv")).expect("parses");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].alt_names, ["Alpha Camp", "Camp A"]);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].0, 4);
    }

    #[test]
    fn tsv_without_lat_is_an_error() {
        let err = parse_places_tsv("name\tlon\nX\t1\n", Path::new("x.tsv")).expect_err("no lat");
        assert!(err.to_string().contains("lat"), "{err}");
    }

    #[test]
    fn geojson_points() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[34.3,31.3]},"properties":{"name":"Tent City 7","kind":"locality"}},
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{"name":"Road"}}]}"#;
        let p = parse_geojson(text, Path::new("p.geojson")).expect("parses");
        assert_eq!(p.rows.len(), 1);
        assert!((p.rows[0].lat - 31.3).abs() < 1e-9);
        assert_eq!(p.skipped.len(), 1);
    }
}
