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
    /// Reads the facts of every place (in parallel; a few milliseconds for the bundled data).
    pub fn build(gaz: &Gazetteer) -> Self {
        let views: Vec<(Fact, &str, &str, &str)> = (0..gaz.len() as u32)
            .into_par_iter()
            .map(|i| {
                let id = PlaceId(i);
                let p = gaz.place(id);
                let fact = Fact {
                    lat: p.lat,
                    lon: p.lon,
                    cos_lat: p.lat.to_radians().cos().abs(),
                    prior: gaz.prior(id),
                    population: p.population,
                    kind: p.kind,
                    origin: p.origin,
                    capital: p.is_capital(),
                    country: 0,
                    admin1: 0,
                    admin2: 0,
                };
                (fact, p.country, p.admin1, p.admin2)
            })
            .collect();
        let mut countries: FxHashMap<&str, u32> = FxHashMap::default();
        let mut admin1s: FxHashMap<(&str, &str), u32> = FxHashMap::default();
        let mut admin2s: FxHashMap<(&str, &str, &str), u32> = FxHashMap::default();
        let facts = views
            .iter()
            .map(|&(mut fact, country, admin1, admin2)| {
                if !country.is_empty() {
                    let n = countries.len() as u32 + 1;
                    fact.country = *countries.entry(country).or_insert(n);
                }
                if !admin1.is_empty() {
                    let n = admin1s.len() as u32 + 1;
                    fact.admin1 = *admin1s.entry((country, admin1)).or_insert(n);
                }
                if !admin2.is_empty() {
                    let n = admin2s.len() as u32 + 1;
                    fact.admin2 = *admin2s.entry((country, admin1, admin2)).or_insert(n);
                }
                fact
            })
            .collect();
        Self { facts }
    }
}

impl Index<PlaceId> for Facts {
    type Output = Fact;

    fn index(&self, id: PlaceId) -> &Fact {
        &self.facts[id.0 as usize]
    }
}
