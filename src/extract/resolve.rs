//! Resolution: which place each recognised span means.
//!
//! Each candidate gets a score: a context-free prior (kind, population, curated or not), the
//! name-match quality, an explicit qualifier ("Rafah, Egypt"), and document context — the
//! countries and admin-1 regions the document names or implies, geographic coherence with the
//! other confidently placed mentions, and the dateline. Mentions with the same name share one
//! sense per document unless a qualifier says otherwise. Scores become probabilities with a
//! softmax; every mention keeps its top candidates.

use geo::{Distance as _, Haversine, Point};
use rustc_hash::FxHashMap;

use super::recognize::{Cand, Span, SpanKind};
use super::{Candidate, MentionKind, Resolution, Toponym};
use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};

/// How many candidates each mention keeps.
const KEEP: usize = 5;

/// Resolves spans to toponyms.
pub fn resolve(gaz: &Gazetteer, text: &str, spans: Vec<Span>) -> Vec<Toponym> {
    if spans.is_empty() {
        return Vec::new();
    }
    // Pass 1: context-free scores.
    let base: Vec<Vec<(PlaceId, f64)>> = spans.iter().map(|s| base_scores(gaz, s)).collect();
    let first: Vec<Vec<(PlaceId, f64)>> = base.iter().map(|b| softmax(b)).collect();

    // Document context from pass 1.
    let ctx = Context::build(gaz, &spans, &first);

    // Pass 2: context scores, aggregated per key (one sense per document).
    let mut scored: Vec<Vec<(PlaceId, f64)>> = spans
        .iter()
        .zip(&base)
        .enumerate()
        .map(|(i, (s, b))| {
            b.iter()
                .map(|&(p, score)| (p, score + ctx.bonus(gaz, i, s, p)))
                .collect()
        })
        .collect();
    one_sense_per_key(&spans, &mut scored);

    // A hamlet with nothing in the document pointing its way, and no "in …" before it, is more
    // likely a word or a name than a place ("Warns", "Red Cross", "Abraham"); so is a town
    // matched only through one of its alternate names ("Success" for Northville). Such
    // candidates go; a mention left with none is dropped.
    let keep: Vec<bool> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if s.kind != SpanKind::Place || s.cue || !s.qualifiers.is_empty() {
                return true;
            }
            let unsupported = |top: PlaceId| {
                let p = gaz.place(top);
                let small = matches!(p.kind, PlaceKind::City | PlaceKind::Locality)
                    && p.origin == crate::gazetteer::Origin::GeoNames;
                let tiny = small && p.population < 2_000;
                let alternate_only = small
                    && gaz.prior(top) < 3.0
                    && s.cands
                        .iter()
                        .filter(|c| c.place == top)
                        .all(|c| (c.quality - 0.7).abs() < 1e-6)
                    && !s.key.contains(' ');
                // A one-word transliteration match ("Maliki" for Maliq, Albania) in a country
                // nothing else in the document points to is a name, not that place.
                let one_word = s
                    .key
                    .split(' ')
                    .filter(|w| !crate::gazetteer::normalize::is_article(w))
                    .count()
                    == 1;
                let loose_only = one_word
                    && s.cands
                        .iter()
                        .filter(|c| c.place == top)
                        .all(|c| c.quality < 0.7)
                    && ctx.country_support(s, p.country) < 0.5;
                alternate_only || loose_only || tiny && ctx.specific_support(gaz, i, s, top) < 1.0
            };
            // Set aside unsupported candidates while one of them is on top.
            while let Some(top) = scored[i]
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|&(p, _)| p)
            {
                if !unsupported(top) {
                    return true;
                }
                log::trace!(
                    "{:?}: unsupported small place {} set aside",
                    s.key,
                    gaz.place(top).name
                );
                scored[i].retain(|&(p, _)| p != top);
            }
            false
        })
        .collect();

    let focus = ctx.focus(gaz, &keep);
    let mut toponyms: Vec<Toponym> = spans
        .into_iter()
        .zip(scored)
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((span, scores), _)| to_toponym(gaz, span, &scores, focus))
        .collect();
    anchor_by_phrase(text, &mut toponyms);
    toponyms
}

/// "Firdous Square in Baghdad", "Press Street, New Orleans": a name the gazetteer lacks,
/// followed by "in", "near" or a comma and a resolved place, lies there (rather than at the
/// document's focus).
fn anchor_by_phrase(text: &str, toponyms: &mut [Toponym]) {
    for i in 0..toponyms.len().saturating_sub(1) {
        let (a, b) = (&toponyms[i], &toponyms[i + 1]);
        if !matches!(a.resolution, Resolution::Anchored | Resolution::Unresolved)
            || b.resolution != Resolution::Gazetteer
            || b.kind != MentionKind::Place
            || b.start < a.end
        {
            continue;
        }
        let between = text.get(a.end..b.start).unwrap_or_default().trim();
        let joined = matches!(
            between.to_ascii_lowercase().as_str(),
            "in" | "near" | "," | "outside" | "in the" | "near the" | "at"
        );
        if joined {
            let place = b.place;
            toponyms[i].place = place;
            toponyms[i].confidence = 0.5;
            toponyms[i].resolution = Resolution::Anchored;
        }
    }
}

fn base_scores(gaz: &Gazetteer, span: &Span) -> Vec<(PlaceId, f64)> {
    let mut best: FxHashMap<PlaceId, f64> = FxHashMap::default();
    for &Cand { place, quality } in &span.cands {
        // Alternate and transliteration matches count for less, so a historic alternate name
        // ("Philadelphia" for Amman) does not carry a capital's full weight.
        let factor = if quality >= 1.0 {
            1.0
        } else if quality >= 0.7 {
            0.75
        } else {
            0.6
        };
        let mut s = gaz.prior(place) * factor + 3.0 * f64::from(quality);
        // A weakly capitalised name is more likely a big place than a hamlet.
        if span.weak_caps
            && gaz.place(place).population < 10_000
            && !gaz.place(place).kind.is_area()
        {
            s -= 0.5;
        }
        let e = best.entry(place).or_insert(f64::MIN);
        *e = e.max(s);
    }
    // A city and the admin-1 named after it ("Khan Yunis" city and governorate): the city is
    // what a bare name means.
    let admin1s: Vec<PlaceId> = best
        .keys()
        .copied()
        .filter(|&p| gaz.place(p).kind == PlaceKind::Admin1)
        .collect();
    if !admin1s.is_empty() {
        let snapshot: Vec<(PlaceId, f64)> = best.iter().map(|(&p, &s)| (p, s)).collect();
        for (&p, s) in &mut best {
            let place = gaz.place(p);
            if place.kind != PlaceKind::City {
                continue;
            }
            // The region this city is a large part of ("New York", "Khan Yunis", "Gaza").
            let region_score = snapshot
                .iter()
                .filter(|(a, _)| admin1s.contains(a))
                .filter(|(a, _)| {
                    let a = gaz.place(*a);
                    a.country == place.country
                        && a.admin1 == place.admin1
                        && place.population * 20 >= a.population
                })
                .map(|&(_, sc)| sc)
                .reduce(f64::max);
            if let Some(rs) = region_score {
                *s = s.max(rs + 0.5);
            }
        }
    }
    let mut v: Vec<(PlaceId, f64)> = best.into_iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn softmax(scores: &[(PlaceId, f64)]) -> Vec<(PlaceId, f64)> {
    let Some(max) = scores.iter().map(|s| s.1).reduce(f64::max) else {
        return Vec::new();
    };
    let exps: Vec<f64> = scores.iter().map(|s| ((s.1 - max) * 1.5).exp()).collect();
    let sum: f64 = exps.iter().sum();
    scores
        .iter()
        .zip(exps)
        .map(|(&(p, _), e)| (p, e / sum))
        .collect()
}

/// Support for a place inside an admin-1 region that another name may mean.
const REGION_PAIR: f64 = 1.0;

/// Country, admin-1 and admin-2 codes of a county.
type CountyKey<'a> = (&'a str, &'a str, &'a str);

/// Adds `key` to the keys listed for `county` (once).
fn note_key<'a>(
    map: &mut FxHashMap<CountyKey<'a>, Vec<&'a str>>,
    county: CountyKey<'a>,
    key: &'a str,
) {
    let keys = map.entry(county).or_default();
    if !keys.contains(&key) {
        keys.push(key);
    }
}

/// What the document as a whole says about where it is.
struct Context<'a> {
    /// country code → weight
    countries: FxHashMap<&'a str, f64>,
    /// (country, admin1) → weight
    admin1: FxHashMap<(&'a str, &'a str), f64>,
    /// The same, contributed by each name key (subtracted so a name does not support itself).
    own_countries: FxHashMap<(&'a str, &'a str), f64>,
    own_admin1: FxHashMap<(&'a str, &'a str, &'a str), f64>,
    /// County (country, admin-1, admin-2) → name keys with a candidate that is that county.
    counties: FxHashMap<CountyKey<'a>, Vec<&'a str>>,
    /// Admin-1 region (country, admin-1, "") → name keys with a candidate that is that region.
    regions: FxHashMap<CountyKey<'a>, Vec<&'a str>>,
    /// County → name keys with a candidate place inside it.
    in_county: FxHashMap<CountyKey<'a>, Vec<&'a str>>,
    /// confident points: (span index, key, place, lat, lon, weight)
    points: Vec<(usize, &'a str, PlaceId, f64, f64, f64)>,
    /// qualifiers per span index
    dateline: Option<PlaceId>,
}

impl<'a> Context<'a> {
    fn build(gaz: &'a Gazetteer, spans: &'a [Span], probs: &[Vec<(PlaceId, f64)>]) -> Self {
        let mut countries: FxHashMap<&'a str, f64> = FxHashMap::default();
        let mut admin1: FxHashMap<(&'a str, &'a str), f64> = FxHashMap::default();
        let mut own_countries: FxHashMap<(&'a str, &'a str), f64> = FxHashMap::default();
        let mut own_admin1: FxHashMap<(&'a str, &'a str, &'a str), f64> = FxHashMap::default();
        let mut counties = FxHashMap::default();
        let mut regions = FxHashMap::default();
        let mut in_county = FxHashMap::default();
        let mut points = Vec::new();
        let mut dateline = None;
        for (i, (span, p)) in spans.iter().zip(probs).enumerate() {
            let Some(&(top, prob)) = p.first() else {
                continue;
            };
            if span.kind == SpanKind::Unknown {
                continue;
            }
            let place = gaz.place(top);
            let w = if span.dateline { 3.0 } else { 1.0 }
                * prob
                * if span.embedded { 0.5 } else { 1.0 };
            if span.dateline {
                dateline = Some(top);
            }
            // Every candidate contributes its probability to its country and region, so an
            // ambiguous name still says "somewhere in the US".
            for &(cand, cp) in p {
                let c = gaz.place(cand);
                if c.kind == PlaceKind::Admin1 && span.kind == SpanKind::Place {
                    note_key(&mut regions, (c.country, c.admin1, ""), &span.key);
                }
                if !c.admin2.is_empty() && span.kind == SpanKind::Place {
                    let county = (c.country, c.admin1, c.admin2);
                    match c.kind {
                        PlaceKind::Admin2 => note_key(&mut counties, county, &span.key),
                        PlaceKind::City | PlaceKind::Locality | PlaceKind::Facility => {
                            note_key(&mut in_county, county, &span.key);
                        }
                        _ => {}
                    }
                }
                let add = cp * w.max(0.3);
                if !c.country.is_empty() {
                    *countries.entry(c.country).or_default() += add;
                    *own_countries
                        .entry((span.key.as_str(), c.country))
                        .or_default() += add;
                }
                if !c.admin1.is_empty() && c.kind != PlaceKind::Country {
                    *admin1.entry((c.country, c.admin1)).or_default() += add;
                    *own_admin1
                        .entry((span.key.as_str(), c.country, c.admin1))
                        .or_default() += add;
                }
            }
            if prob >= 0.6
                && !matches!(place.kind, PlaceKind::Continent | PlaceKind::Region)
                && span.kind == SpanKind::Place
            {
                let weight = if place.kind == PlaceKind::Country {
                    0.3
                } else {
                    1.0
                };
                points.push((
                    i,
                    span.key.as_str(),
                    top,
                    place.lat,
                    place.lon,
                    prob * weight,
                ));
            }
        }
        Self {
            countries,
            admin1,
            own_countries,
            own_admin1,
            counties,
            regions,
            in_county,
            points,
            dateline,
        }
    }

    /// Support from the document naming a county and a place inside it ("Paris and Henry
    /// County"): any reading of another name counts, since two ambiguous names that fit
    /// together only in one place are rarely a coincidence.
    fn county_support(&self, span: &Span, place: &crate::gazetteer::Place<'_>) -> f64 {
        if !span.qualifiers.is_empty() {
            // "Alexandria, Egypt" says it outright.
            return 0.0;
        }
        // Villages are too many for a shared region to say much ("Cairo, NY" beside "New York").
        let in_named_region = (place.kind == PlaceKind::Admin2
            || place.kind == PlaceKind::City && place.population >= 5_000)
            && self
                .regions
                .get(&(place.country, place.admin1, ""))
                .is_some_and(|keys| keys.iter().any(|k| *k != span.key));
        let region = if in_named_region { REGION_PAIR } else { 0.0 };
        if place.admin2.is_empty() {
            return region;
        }
        let county = (place.country, place.admin1, place.admin2);
        let others = |map: &FxHashMap<CountyKey<'a>, Vec<&'a str>>| {
            map.get(&county)
                .map_or(0, |keys| keys.iter().filter(|k| **k != span.key).count())
        };
        match place.kind {
            PlaceKind::City | PlaceKind::Locality | PlaceKind::Facility
                if others(&self.counties) > 0 =>
            {
                4.0 + region
            }
            PlaceKind::Admin2 if others(&self.in_county) > 0 => 1.5 + region,
            _ => region,
        }
    }

    /// Weight the other names of the document give to a country.
    fn country_support(&self, span: &Span, country: &str) -> f64 {
        let total = self.countries.get(country).copied().unwrap_or(0.0);
        let own = self
            .own_countries
            .get(&(span.key.as_str(), country))
            .copied()
            .unwrap_or(0.0);
        total - own
    }

    /// Support from the other names of the document for an admin-1 region (a name does not
    /// support itself).
    fn admin1_support(&self, span: &Span, country: &str, admin1: &str) -> f64 {
        let total = self.admin1.get(&(country, admin1)).copied().unwrap_or(0.0);
        let own = self
            .own_admin1
            .get(&(span.key.as_str(), country, admin1))
            .copied()
            .unwrap_or(0.0);
        (1.6 * (1.0 + (total - own).max(0.0)).ln()).min(2.6)
    }

    /// Support for candidate `p` of span `i` more specific than "same country": the admin-1
    /// region or nearby places the document names.
    fn specific_support(&self, gaz: &Gazetteer, i: usize, span: &Span, p: PlaceId) -> f64 {
        let place = gaz.place(p);
        let mut b = 0.0;
        if !place.admin1.is_empty() {
            b += self.admin1_support(span, place.country, place.admin1);
        }
        let here = Point::new(place.lon, place.lat);
        for (j, key, _, lat, lon, w) in &self.points {
            if *j != i && *key != span.key {
                let km = km_between(here, *lat, *lon);
                if km < 100.0 {
                    b = b.max(1.5 * w);
                }
            }
        }
        b
    }

    /// Context bonus for candidate `p` of span `i`.
    fn bonus(&self, gaz: &Gazetteer, i: usize, span: &Span, p: PlaceId) -> f64 {
        let place = gaz.place(p);
        let mut b = 0.0;
        // Explicit qualifier: "Alexandria, Louisiana".
        if !span.qualifiers.is_empty() {
            if span
                .qualifiers
                .iter()
                .any(|&q| q == p || gaz.contains(q, p))
            {
                b += 6.0;
            } else {
                b -= 1.0;
            }
        }
        if span.kind == SpanKind::Demonym {
            return b;
        }
        // Countries and regions named or implied elsewhere in the document (excluding this
        // span's own contribution is approximated by the log damping).
        if !place.country.is_empty() {
            let total = self.countries.get(place.country).copied().unwrap_or(0.0);
            let own = self
                .own_countries
                .get(&(span.key.as_str(), place.country))
                .copied()
                .unwrap_or(0.0);
            b += (1.3 * (1.0 + (total - own).max(0.0)).ln()).min(2.2);
        } else if matches!(
            place.kind,
            PlaceKind::Region | PlaceKind::Physical | PlaceKind::Continent
        ) {
            // A sea or macro-region lies in no one country: it is compatible with whatever
            // country the document is about, so it gets that country's support too.
            let best = self
                .countries
                .iter()
                .map(|(c, w)| {
                    let own = self
                        .own_countries
                        .get(&(span.key.as_str(), *c))
                        .copied()
                        .unwrap_or(0.0);
                    w - own
                })
                .fold(0.0_f64, f64::max);
            b += (1.3 * (1.0 + best.max(0.0)).ln()).min(2.2);
        }
        if !place.admin1.is_empty()
            && place.kind != PlaceKind::Admin1
            && place.kind != PlaceKind::Country
        {
            b += self.admin1_support(span, place.country, place.admin1);
        }
        b += self.county_support(span, &place);
        if let Some(d) = self.dateline {
            if d != p && gaz.place(d).country == place.country && !place.country.is_empty() {
                b += 0.5;
            }
        }
        // Geographic coherence with confidently placed mentions of other names.
        if !place.kind.is_area() || place.kind == PlaceKind::Admin2 {
            let here = Point::new(place.lon, place.lat);
            let mut best: f64 = 0.0;
            for (j, key, _, lat, lon, w) in &self.points {
                if *j == i || *key == span.key {
                    continue;
                }
                let km = km_between(here, *lat, *lon);
                let closeness = if km < 25.0 {
                    1.5
                } else if km < 100.0 {
                    1.1
                } else if km < 400.0 {
                    0.6
                } else if km < 1500.0 {
                    0.2
                } else {
                    0.0
                };
                best = best.max(closeness * w);
            }
            b += best;
        }
        b
    }

    /// The document's focus: the dateline, else the most supported place below country level,
    /// for anchoring names that are not in the gazetteer ("Press Street").
    fn focus(&self, gaz: &Gazetteer, kept: &[bool]) -> Option<PlaceId> {
        if let Some(d) = self.dateline {
            return Some(d);
        }
        let points: Vec<_> = self
            .points
            .iter()
            .filter(|p| kept.get(p.0).copied().unwrap_or(true))
            .collect();
        let mut weights: FxHashMap<PlaceId, (f64, usize)> = FxHashMap::default();
        for (n, (_, _, place, _, _, w)) in points.iter().enumerate() {
            if matches!(
                gaz.place(*place).kind,
                PlaceKind::City | PlaceKind::Locality | PlaceKind::Admin2
            ) {
                let e = weights.entry(*place).or_insert((0.0, n));
                e.0 += w;
            }
        }
        let best = weights
            .into_iter()
            .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map(|(p, _)| p);
        // no city-level place: the most supported place of any kind below continent
        best.or_else(|| {
            let mut any: FxHashMap<PlaceId, f64> = FxHashMap::default();
            for (_, _, place, _, _, w) in &points {
                *any.entry(*place).or_default() += w;
            }
            any.into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(p, _)| p)
        })
    }
}

/// Great-circle distance in km, with a cheap early answer for points obviously more than
/// 1,500 km apart (the farthest distance any context rule cares about).
fn km_between(here: Point, lat: f64, lon: f64) -> f64 {
    let dlat = (here.y() - lat).abs();
    let dlon = (here.x() - lon).abs().min(360.0 - (here.x() - lon).abs());
    if dlat > 14.0
        || dlon
            * lat
                .to_radians()
                .cos()
                .abs()
                .max(here.y().to_radians().cos().abs())
            > 14.0
    {
        return 20_000.0;
    }
    Haversine.distance(here, Point::new(lon, lat)) / 1000.0
}

fn one_sense_per_key(spans: &[Span], scored: &mut [Vec<(PlaceId, f64)>]) {
    let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, s) in spans.iter().enumerate() {
        if s.qualifiers.is_empty() && s.kind != SpanKind::Unknown {
            groups.entry(s.key.as_str()).or_default().push(i);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut sum: FxHashMap<PlaceId, (f64, usize)> = FxHashMap::default();
        for &i in members {
            for &(p, s) in &scored[i] {
                let e = sum.entry(p).or_insert((0.0, 0));
                e.0 += s;
                e.1 += 1;
            }
        }
        for &i in members {
            for (p, s) in &mut scored[i] {
                if let Some(&(total, n)) = sum.get(p) {
                    *s = total / n as f64;
                }
            }
        }
    }
}

fn to_toponym(
    gaz: &Gazetteer,
    span: Span,
    scores: &[(PlaceId, f64)],
    focus: Option<PlaceId>,
) -> Toponym {
    let kind = if span.kind == SpanKind::Demonym {
        MentionKind::Demonym
    } else {
        MentionKind::Place
    };
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let probs = softmax(&sorted);
    let candidates: Vec<Candidate> = probs
        .iter()
        .take(KEEP)
        .map(|&(place, p)| Candidate {
            place,
            score: p as f32,
        })
        .collect();
    let _ = gaz;
    match candidates.first() {
        Some(top) => Toponym {
            start: span.start,
            end: span.end,
            kind,
            place: Some(top.place),
            confidence: top.score * if span.embedded { 0.8 } else { 1.0 },
            candidates,
            embedded: span.embedded,
            resolution: Resolution::Gazetteer,
        },
        None => Toponym {
            start: span.start,
            end: span.end,
            kind,
            place: focus,
            confidence: if focus.is_some() { 0.2 } else { 0.0 },
            candidates: Vec::new(),
            embedded: span.embedded,
            resolution: if focus.is_some() {
                Resolution::Anchored
            } else {
                Resolution::Unresolved
            },
        },
    }
}
