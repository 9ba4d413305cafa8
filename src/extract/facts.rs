//! The few facts about a place that extraction reads in its inner loops (kind, prior,
//! population, coordinates, country and admin-1), copied out of the gazetteer once per
//! extractor. A [`Gazetteer::place`] view slices half a dozen strings out of the arena; the
//! recogniser and the resolver ask for the same candidates many times per document.

use std::ops::Index;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::gazetteer::{Gazetteer, Origin, PlaceId, PlaceKind};

/// What extraction needs to know about one place.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fact {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// `|cos(lat)|`, for the cheap "too far apart" test.
    pub cos_lat: f64,
    /// [`Gazetteer::prior`].
    pub prior: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// Kind.
    pub kind: PlaceKind,
    /// Where the record comes from.
    pub origin: Origin,
    /// A capital (`PPLC`).
    pub capital: bool,
    /// The country code, as an id: equal ids, equal codes; 0 for none.
    pub country: u32,
    /// The (country, admin-1 code) pair, as an id: equal ids, equal pairs; 0 when the admin-1
    /// code is empty.
    pub admin1: u32,
    /// The (country, admin-1, admin-2 code) triple, as an id; 0 when the admin-2 code is empty.
    pub admin2: u32,
}

impl Fact {
    /// Has a country code.
    pub fn has_country(&self) -> bool {
        self.country != 0
    }

    /// Has an admin-1 code.
    pub fn has_admin1(&self) -> bool {
        self.admin1 != 0
    }

    /// Has an admin-2 code.
    pub fn has_admin2(&self) -> bool {
        self.admin2 != 0
    }
}

/// [`Fact`]s for every place of a gazetteer, indexed by [`PlaceId`].
pub(crate) struct Facts {
    facts: Vec<Fact>,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts")
            .field("places", &self.facts.len())
            .finish()
    }
}

impl Facts {
    /// Reads the facts of every place: the per-place fields in parallel, while the country,
    /// admin-1 and admin-2 ids are numbered in place order on another thread.
    pub fn build(gaz: &Gazetteer) -> Self {
        let n = gaz.len() as u32;
        let (mut facts, ids) = rayon::join(
            || {
                (0..n)
                    .into_par_iter()
                    .map(|i| {
                        let p = gaz.place(PlaceId(i));
                        Fact {
                            lat: p.lat,
                            lon: p.lon,
                            cos_lat: p.lat.to_radians().cos().abs(),
                            prior: Gazetteer::prior_of(&p),
                            population: p.population,
                            kind: p.kind,
                            origin: p.origin,
                            capital: p.is_capital(),
                            country: 0,
                            admin1: 0,
                            admin2: 0,
                        }
                    })
                    .collect::<Vec<Fact>>()
            },
            || region_ids(gaz),
        );
        for (fact, [country, admin1, admin2]) in facts.iter_mut().zip(ids) {
            fact.country = country;
            fact.admin1 = admin1;
            fact.admin2 = admin2;
        }
        Self { facts }
    }

    /// Distance in km between two places, by the equirectangular approximation (good to a
    /// few per cent at the tens of kilometres it is asked about).
    pub fn km_apart(&self, a: PlaceId, b: PlaceId) -> f64 {
        let (a, b) = (&self[a], &self[b]);
        let dlon = (a.lon - b.lon).abs();
        let dlon = dlon.min(360.0 - dlon) * f64::midpoint(a.lat, b.lat).to_radians().cos();
        111.195 * dlon.hypot(a.lat - b.lat)
    }

    /// Whether place `inner` may lie in area `outer`, as far as the gazetteer can tell: `outer`
    /// (a country, admin-1 or county) holds it; or `inner` is a natural feature, a region or a
    /// continent (whose extent the gazetteer does not know), a site filed by country only in
    /// `outer`'s country, or a border site filed under no country; or `outer` is a region of
    /// unknown extent in `inner`'s country (or in none).
    pub fn may_lie_in(&self, gaz: &Gazetteer, outer: PlaceId, inner: PlaceId) -> bool {
        let (o, i) = (&self[outer], &self[inner]);
        outer == inner
            || gaz.contains(outer, inner)
            || matches!(
                i.kind,
                PlaceKind::Physical | PlaceKind::Region | PlaceKind::Continent
            )
            || i.country == o.country && !i.has_admin1()
            || !i.has_country()
            || !matches!(
                o.kind,
                PlaceKind::Country | PlaceKind::Admin1 | PlaceKind::Admin2
            ) && (!o.has_country() || o.country == i.country)
    }
}

/// Numbers each distinct country code, (country, admin-1) pair and (country, admin-1, admin-2)
/// triple from 1 in order of first appearance; 0 for an empty code.
///
/// Most places share their code strings with other places (the gazetteer's arena interns
/// them), so codes are first looked up by arena span (with the country's number), and hashed
/// as text only the first time a span is seen. Equal spans hold equal strings, so the
/// numbering is the same as by text alone.
fn region_ids(gaz: &Gazetteer) -> Vec<[u32; 3]> {
    type Span = (u32, u32);
    // Country numbers by two-byte code; `u32::MAX` marks a code that shows as empty. Codes
    // that show as the same text are the same bytes (or both empty, normalised to [0, 0]).
    let mut by_code = vec![0u32; 1 << 16];
    let mut countries = 0u32;
    let mut admin1s: FxHashMap<([u8; 2], &str), u32> = FxHashMap::default();
    let mut admin2s: FxHashMap<([u8; 2], &str, &str), u32> = FxHashMap::default();
    let mut seen1: FxHashMap<(u32, Span), u32> = FxHashMap::default();
    let mut seen2: FxHashMap<(u32, Span, Span), u32> = FxHashMap::default();
    (0..gaz.len() as u32)
        .map(|i| {
            let (code, admin1, admin2) = gaz.region_spans(PlaceId(i));
            let slot = &mut by_code[usize::from(u16::from_le_bytes(code))];
            if *slot == 0 {
                *slot = if Gazetteer::country_code_str(&code).is_empty() {
                    u32::MAX
                } else {
                    countries += 1;
                    countries
                };
            }
            let (country_id, code) = if *slot == u32::MAX {
                (0, [0, 0])
            } else {
                (*slot, code)
            };
            let mut ids = [country_id, 0, 0];
            if admin1.1 > 0 {
                ids[1] = *seen1.entry((country_id, admin1)).or_insert_with(|| {
                    let n = admin1s.len() as u32 + 1;
                    *admin1s.entry((code, gaz.span_str(admin1))).or_insert(n)
                });
            }
            if admin2.1 > 0 {
                ids[2] = *seen2
                    .entry((country_id, admin1, admin2))
                    .or_insert_with(|| {
                        let n = admin2s.len() as u32 + 1;
                        *admin2s
                            .entry((code, gaz.span_str(admin1), gaz.span_str(admin2)))
                            .or_insert(n)
                    });
            }
            ids
        })
        .collect()
}

impl Index<PlaceId> for Facts {
    type Output = Fact;

    fn index(&self, id: PlaceId) -> &Fact {
        &self.facts[id.0 as usize]
    }
}
