//! The cross-filter: one set of criteria (text, date range, actors, place kinds, confidence,
//! source) applied to an [`Atlas`], giving what every view of the explorer shows — which
//! documents pass, per-place counts for the pins, the timeline histogram and the facet counts.
//!
//! Facet counts follow the usual convention: each facet (date, actor, source) is counted over
//! the documents that pass every *other* criterion, so picking one value does not hide the rest.

use std::collections::BTreeSet;

use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{AnalyzedDoc, Atlas, MentionRef};
use crate::extract::{MentionKind, Resolution, Toponym};
use crate::gazetteer::{Gazetteer, PlaceId, PlaceKind};

/// Which date a document is filtered and binned by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateBasis {
    /// The publication date.
    #[default]
    Document,
    /// The event dates found in the text.
    Event,
}

/// The place-kind classes the filter offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KindClass {
    /// Countries and territories.
    Country,
    /// Subdivisions, macro-regions, continents.
    Region,
    /// Cities, towns, neighbourhoods, camps.
    City,
    /// Crossings, ports, hospitals and other facilities.
    Facility,
    /// Seas, rivers, deserts, islands.
    Physical,
    /// Demonyms ("Israeli", "Gazans") linked to their place.
    Demonym,
}

impl KindClass {
    /// All classes, in display order.
    pub const ALL: [Self; 6] = [
        Self::City,
        Self::Country,
        Self::Region,
        Self::Facility,
        Self::Physical,
        Self::Demonym,
    ];

    /// The class of a place kind.
    pub fn of_place(kind: PlaceKind) -> Self {
        match kind {
            PlaceKind::Country => Self::Country,
            PlaceKind::Admin1 | PlaceKind::Admin2 | PlaceKind::Region | PlaceKind::Continent => {
                Self::Region
            }
            PlaceKind::City | PlaceKind::Locality => Self::City,
            PlaceKind::Facility => Self::Facility,
            PlaceKind::Physical => Self::Physical,
        }
    }

    /// The class of a mention (demonyms are their own class).
    pub fn of_mention(gaz: &Gazetteer, t: &Toponym) -> Option<Self> {
        if t.kind == MentionKind::Demonym {
            return Some(Self::Demonym);
        }
        t.place.map(|p| Self::of_place(gaz.kind(p)))
    }

    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Country => "countries",
            Self::Region => "regions",
            Self::City => "cities & localities",
            Self::Facility => "facilities",
            Self::Physical => "physical features",
            Self::Demonym => "demonyms",
        }
    }
}

/// The filter criteria. The default shows everything except demonyms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Documents whose title or text contains this (ASCII case-insensitive); empty: all.
    pub text: String,
    /// First day (inclusive).
    pub date_from: Option<NaiveDate>,
    /// Last day (inclusive).
    pub date_to: Option<NaiveDate>,
    /// Which date the range applies to.
    pub date_basis: DateBasis,
    /// Documents mentioning any of these actors (canonical names); empty: all.
    pub actors: BTreeSet<String>,
    /// Mention classes hidden.
    pub hidden_kinds: BTreeSet<KindClass>,
    /// Mentions below this confidence are hidden.
    pub min_confidence: f32,
    /// Documents from these sources; empty: all.
    pub sources: BTreeSet<String>,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            text: String::new(),
            date_from: None,
            date_to: None,
            date_basis: DateBasis::Document,
            actors: BTreeSet::new(),
            hidden_kinds: BTreeSet::from([KindClass::Demonym]),
            min_confidence: 0.0,
            sources: BTreeSet::new(),
        }
    }
}

/// Per-place totals under a filter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceCount {
    /// The place.
    pub place: PlaceId,
    /// Mentions that pass.
    pub mentions: u32,
    /// Documents with a mention that passes.
    pub docs: u32,
    /// Lowest confidence among them.
    pub min_confidence: f32,
    /// How many of them need review.
    pub needs_review: u32,
    last_doc: u32,
}

/// What passes a filter.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Per document (same order as [`Atlas::docs`]): does it pass?
    pub doc_pass: Vec<bool>,
    /// Documents that pass.
    pub docs: usize,
    /// Mentions that pass (with a place).
    pub mentions: usize,
    /// Places with passing mentions, most mentioned first (ties: lowest id).
    pub places: Vec<PlaceCount>,
    /// Index of each place in [`Self::places`].
    pub place_index: FxHashMap<PlaceId, usize>,
    /// Documents per day, over documents passing every criterion except the date range.
    pub timeline: Vec<(NaiveDate, u32)>,
    /// Documents per actor over documents passing every criterion except the actor facet; most first.
    pub actor_counts: Vec<(String, u32)>,
    /// The type of each actor in [`Self::actor_counts`] (for grouping the facet).
    pub actor_types: FxHashMap<String, crate::extract::actors::ActorType>,
    /// Documents per source over documents passing every criterion except the source facet.
    pub source_counts: Vec<(String, u32)>,
}

impl View {
    /// The totals of a place, when it has passing mentions.
    pub fn place(&self, p: PlaceId) -> Option<&PlaceCount> {
        self.place_index.get(&p).map(|&i| &self.places[i])
    }
}

/// The source label of a document: its `source` field, else its folder name.
pub fn source_of(doc: &crate::corpus::Document) -> &str {
    if let Some(s) = doc.source.as_deref().filter(|s| !s.is_empty()) {
        return s;
    }
    doc.path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("(unknown)")
}

impl Filter {
    /// Does a mention pass the mention-level criteria (kind, confidence)?
    pub fn mention_passes(&self, gaz: &Gazetteer, t: &Toponym) -> bool {
        self.passes(gaz, t, self.hidden_mask())
    }

    /// Hidden kind classes as a mask indexed by `KindClass as usize`.
    fn hidden_mask(&self) -> [bool; KindClass::ALL.len()] {
        let mut hidden = [false; KindClass::ALL.len()];
        for k in &self.hidden_kinds {
            hidden[*k as usize] = true;
        }
        hidden
    }

    /// [`Self::mention_passes`] with the hidden classes already as a mask.
    fn passes(&self, gaz: &Gazetteer, t: &Toponym, hidden: [bool; KindClass::ALL.len()]) -> bool {
        !(t.confidence < self.min_confidence && t.resolution != Resolution::Corrected)
            && KindClass::of_mention(gaz, t).is_none_or(|k| !hidden[k as usize])
    }

    fn date_ok(&self, ad: &AnalyzedDoc) -> bool {
        if self.date_from.is_none() && self.date_to.is_none() {
            return true;
        }
        let lo = self.date_from.unwrap_or(NaiveDate::MIN);
        let hi = self.date_to.unwrap_or(NaiveDate::MAX);
        match self.date_basis {
            DateBasis::Document => ad
                .extraction
                .date
                .is_some_and(|d| d.date >= lo && d.date <= hi),
            DateBasis::Event => ad
                .extraction
                .dates
                .iter()
                .any(|d| d.to >= lo && d.from <= hi),
        }
    }

    fn actor_ok(&self, ad: &AnalyzedDoc) -> bool {
        self.actors.is_empty()
            || ad
                .extraction
                .actors
                .iter()
                .any(|a| self.actors.contains(&a.name))
    }

    fn source_ok(&self, ad: &AnalyzedDoc) -> bool {
        self.sources.is_empty() || self.sources.contains(source_of(&ad.doc))
    }

    /// Applies the filter to an atlas.
    pub fn apply(&self, atlas: &Atlas) -> View {
        let gaz = atlas.gazetteer();
        let needle = self.text.trim();
        let matcher = if needle.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([needle])
                .ok()
        };
        let docs = atlas.docs();
        let mut view = View {
            doc_pass: vec![false; docs.len()],
            ..View::default()
        };
        let mut timeline: FxHashMap<NaiveDate, u32> = FxHashMap::default();
        let mut actors: FxHashMap<&str, u32> = FxHashMap::default();
        let mut sources: FxHashMap<&str, u32> = FxHashMap::default();
        // Dense per-place slots: no hashing in the per-mention loop.
        let mut slot_of: Vec<u32> = vec![u32::MAX; gaz.len()];
        let mut places: Vec<PlaceCount> = Vec::new();
        let hidden = self.hidden_mask();
        let mut seen_actor: Vec<&str> = Vec::new();
        let mut actor_types: FxHashMap<&str, crate::extract::actors::ActorType> =
            FxHashMap::default();
        let mut seen_days: Vec<NaiveDate> = Vec::new();

        for (d, ad) in docs.iter().enumerate() {
            let text_ok = matcher.as_ref().is_none_or(|m| {
                m.is_match(&ad.doc.text) || ad.doc.title.as_deref().is_some_and(|t| m.is_match(t))
            });
            if !text_ok {
                continue;
            }
            let (date_ok, actor_ok, source_ok) =
                (self.date_ok(ad), self.actor_ok(ad), self.source_ok(ad));
            if actor_ok && source_ok {
                seen_days.clear();
                match self.date_basis {
                    DateBasis::Document => seen_days.extend(ad.extraction.date.map(|d| d.date)),
                    DateBasis::Event => {
                        seen_days.extend(ad.extraction.dates.iter().map(|d| d.from));
                    }
                }
                seen_days.sort_unstable();
                seen_days.dedup();
                for &day in &seen_days {
                    *timeline.entry(day).or_default() += 1;
                }
            }
            if date_ok && source_ok {
                seen_actor.clear();
                seen_actor.extend(ad.extraction.actors.iter().map(|a| {
                    actor_types.entry(a.name.as_str()).or_insert(a.kind);
                    a.name.as_str()
                }));
                seen_actor.sort_unstable();
                seen_actor.dedup();
                for &a in &seen_actor {
                    *actors.entry(a).or_default() += 1;
                }
            }
            if date_ok && actor_ok {
                *sources.entry(source_of(&ad.doc)).or_default() += 1;
            }
            if !(date_ok && actor_ok && source_ok) {
                continue;
            }
            view.doc_pass[d] = true;
            view.docs += 1;
            for t in &ad.extraction.toponyms {
                let Some(p) = t.place else { continue };
                if !self.passes(gaz, t, hidden) {
                    continue;
                }
                view.mentions += 1;
                let Some(slot) = slot_of.get_mut(p.0 as usize) else {
                    continue;
                };
                if *slot == u32::MAX {
                    *slot = places.len() as u32;
                    places.push(PlaceCount {
                        place: p,
                        mentions: 0,
                        docs: 0,
                        min_confidence: 1.0,
                        needs_review: 0,
                        last_doc: u32::MAX,
                    });
                }
                let c = &mut places[*slot as usize];
                c.mentions += 1;
                if c.last_doc != d as u32 {
                    c.docs += 1;
                    c.last_doc = d as u32;
                }
                c.min_confidence = c.min_confidence.min(t.confidence);
                c.needs_review +=
                    u32::from(t.needs_review() && t.resolution != Resolution::Corrected);
            }
        }
        view.places = places;
        view.places
            .sort_unstable_by(|a, b| b.mentions.cmp(&a.mentions).then(a.place.cmp(&b.place)));
        view.place_index = view
            .places
            .iter()
            .enumerate()
            .map(|(i, c)| (c.place, i))
            .collect();
        view.timeline = timeline.into_iter().collect();
        view.timeline.sort_unstable();
        view.actor_counts = actors.into_iter().map(|(a, n)| (a.to_owned(), n)).collect();
        view.actor_types = view
            .actor_counts
            .iter()
            .filter_map(|(a, _)| actor_types.get(a.as_str()).map(|&t| (a.clone(), t)))
            .collect();
        view.actor_counts
            .sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        view.source_counts = sources
            .into_iter()
            .map(|(a, n)| (a.to_owned(), n))
            .collect();
        view.source_counts
            .sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        view
    }

    /// The passing mentions of one place, sorted by document date (undated last), then
    /// document order, then position.
    pub fn passages(&self, atlas: &Atlas, view: &View, place: PlaceId) -> Vec<MentionRef> {
        let gaz = atlas.gazetteer();
        let mut out: Vec<MentionRef> = atlas
            .mentions_of(place)
            .iter()
            .copied()
            .filter(|m| view.doc_pass.get(m.doc as usize).copied().unwrap_or(false))
            .filter(|&m| self.mention_passes(gaz, atlas.toponym(m)))
            .collect();
        let key = |m: &MentionRef| {
            let date = atlas.docs()[m.doc as usize].extraction.date.map(|d| d.date);
            (date.is_none(), date, m.doc, m.toponym)
        };
        out.sort_by_key(key);
        out
    }
}

/// How ambiguous a mention is, lower first: unresolved names, then a small margin between the
/// top two candidates or a low confidence, whichever is smaller.
pub fn ambiguity(t: &Toponym) -> f32 {
    if t.place.is_none() {
        return -1.0;
    }
    let margin = match t.candidates.as_slice() {
        [a, b, ..] if b.score > 0.0 => a.score - b.score,
        _ => 1.0,
    };
    margin.min(t.confidence)
}

/// The review queue: mentions in passing documents that need review (and have not been
/// corrected), most ambiguous first.
pub fn review_queue(atlas: &Atlas, view: &View) -> Vec<MentionRef> {
    let mut out: Vec<(f32, MentionRef)> = Vec::new();
    for (d, ad) in atlas.docs().iter().enumerate() {
        if !view.doc_pass.get(d).copied().unwrap_or(false) {
            continue;
        }
        for (i, t) in ad.extraction.toponyms.iter().enumerate() {
            if t.needs_review() && t.resolution != Resolution::Corrected {
                out.push((
                    ambiguity(t),
                    MentionRef {
                        doc: d as u32,
                        toponym: i as u32,
                    },
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    out.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, OnceLock};
    use std::time::Instant;

    use super::*;
    use crate::corpus::{DateSource, DocDate, Document};
    use crate::extract::actors::{ActorMention, ActorType};
    use crate::extract::{Candidate, DocExtraction};

    fn gaz() -> Arc<Gazetteer> {
        static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
        G.get_or_init(|| Gazetteer::bundled_shared().expect("bundled gazetteer"))
            .clone()
    }

    fn top(
        gaz: &Gazetteer,
        start: usize,
        name: &str,
        confidence: f32,
        kind: MentionKind,
    ) -> Toponym {
        let place = gaz.search(name, 1).first().copied();
        Toponym {
            start,
            end: start + name.len(),
            kind,
            place,
            confidence,
            candidates: place
                .map(|p| {
                    vec![Candidate {
                        place: p,
                        score: confidence,
                    }]
                })
                .unwrap_or_default(),
            embedded: false,
            resolution: Resolution::Gazetteer,
        }
    }

    fn doc(id: &str, day: u32, source: &str, text: &str) -> Document {
        let mut d = Document::from_text(id, text);
        d.date = NaiveDate::from_ymd_opt(2025, 10, day).map(|date| DocDate {
            date,
            source: DateSource::Metadata,
        });
        d.source = Some(source.to_owned());
        d
    }

    fn actor(name: &str) -> ActorMention {
        ActorMention {
            start: 0,
            end: 1,
            actor_id: None,
            name: name.to_owned(),
            kind: ActorType::Organisation,
            affiliation: None,
        }
    }

    /// Three documents: Rafah (Oct 1, wire A, Hamas), Rafah + Doha (Oct 5, wire B, UN), Israeli (Oct 9, wire A).
    #[allow(clippy::type_complexity)]
    fn atlas() -> Atlas {
        let g = gaz();
        let mut a = Atlas::new(g.clone());
        let specs: [(&str, u32, &str, &str, Vec<Toponym>, Vec<ActorMention>); 3] = [
            (
                "a",
                1,
                "wire A",
                "Shelling near Rafah.",
                vec![top(&g, 14, "Rafah", 0.9, MentionKind::Place)],
                vec![actor("Hamas")],
            ),
            (
                "b",
                5,
                "wire B",
                "Rafah and Doha talks.",
                vec![
                    top(&g, 0, "Rafah", 0.4, MentionKind::Place),
                    top(&g, 10, "Doha", 0.95, MentionKind::Place),
                ],
                vec![actor("United Nations")],
            ),
            (
                "c",
                9,
                "wire A",
                "Israeli officials.",
                vec![top(&g, 0, "Israel", 0.9, MentionKind::Demonym)],
                vec![],
            ),
        ];
        for (id, day, src, text, toponyms, actors) in specs {
            let d = doc(id, day, src, text);
            let date = d.date;
            a.push(
                d,
                DocExtraction {
                    toponyms,
                    actors,
                    dates: Vec::new(),
                    date,
                },
            );
        }
        a
    }

    fn count(v: &View, name: &str) -> u32 {
        let g = gaz();
        let p = g.search(name, 1)[0];
        v.place(p).map_or(0, |c| c.mentions)
    }

    #[test]
    fn default_hides_demonyms_and_counts_places() {
        let a = atlas();
        let v = Filter::default().apply(&a);
        assert_eq!(v.docs, 3);
        assert_eq!(count(&v, "Rafah"), 2);
        assert_eq!(count(&v, "Doha"), 1);
        assert_eq!(count(&v, "Israel"), 0);
        assert_eq!(v.mentions, 3);
        let mut f = Filter::default();
        f.hidden_kinds.clear();
        assert_eq!(count(&f.apply(&a), "Israel"), 1);
    }

    #[test]
    fn text_date_actor_source_and_confidence_cross_filter() {
        let a = atlas();
        let f = Filter {
            text: "doha".into(),
            ..Filter::default()
        };
        let v = f.apply(&a);
        assert_eq!((v.docs, count(&v, "Rafah")), (1, 1));

        let f = Filter {
            date_from: NaiveDate::from_ymd_opt(2025, 10, 2),
            ..Filter::default()
        };
        let v = f.apply(&a);
        assert_eq!(count(&v, "Rafah"), 1);
        // The timeline ignores the date range itself.
        assert_eq!(v.timeline.len(), 3);

        let f = Filter {
            actors: BTreeSet::from(["Hamas".to_owned()]),
            ..Filter::default()
        };
        let v = f.apply(&a);
        assert_eq!((v.docs, count(&v, "Rafah"), count(&v, "Doha")), (1, 1, 0));
        // The actor facet still counts the other actors.
        assert_eq!(
            v.actor_counts,
            vec![("Hamas".to_owned(), 1), ("United Nations".to_owned(), 1)]
        );

        let f = Filter {
            sources: BTreeSet::from(["wire B".to_owned()]),
            ..Filter::default()
        };
        assert_eq!(count(&f.apply(&a), "Rafah"), 1);

        let f = Filter {
            min_confidence: 0.5,
            ..Filter::default()
        };
        let v = f.apply(&a);
        assert_eq!((count(&v, "Rafah"), count(&v, "Doha")), (1, 1));
    }

    #[test]
    fn passages_sorted_by_date_and_review_queue_by_ambiguity() {
        let a = atlas();
        let f = Filter::default();
        let v = f.apply(&a);
        let rafah = gaz().search("Rafah", 1)[0];
        let ps = f.passages(&a, &v, rafah);
        assert_eq!(ps.iter().map(|m| m.doc).collect::<Vec<_>>(), vec![0, 1]);
        let q = review_queue(&a, &v);
        assert_eq!(q.first(), Some(&MentionRef { doc: 1, toponym: 0 }));
    }

    #[test]
    fn filter_200k_mentions_under_50ms() {
        let g = gaz();
        let ids: Vec<PlaceId> = g.places().take(2000).map(|p| p.id).collect();
        let mut a = Atlas::new(g.clone());
        for d in 0..10_000u32 {
            let toponyms = (0..20u32)
                .map(|i| Toponym {
                    start: i as usize,
                    end: i as usize + 1,
                    kind: MentionKind::Place,
                    place: Some(ids[((d * 7 + i * 13) as usize) % ids.len()]),
                    confidence: (i as f32) / 20.0,
                    candidates: Vec::new(),
                    embedded: false,
                    resolution: Resolution::Gazetteer,
                })
                .collect();
            let date = NaiveDate::from_ymd_opt(2025, 1 + d % 12, 1 + d % 28).map(|date| DocDate {
                date,
                source: DateSource::Metadata,
            });
            let mut doc = Document::from_text(format!("d{d}"), "some text about places");
            doc.date = date;
            a.push(
                doc,
                DocExtraction {
                    toponyms,
                    actors: vec![actor(if d % 2 == 0 { "X" } else { "Y" })],
                    dates: Vec::new(),
                    date,
                },
            );
        }
        let f = Filter {
            text: "about".into(),
            min_confidence: 0.3,
            date_from: NaiveDate::from_ymd_opt(2025, 3, 1),
            ..Filter::default()
        };
        let _ = f.apply(&a);
        let t0 = Instant::now();
        let v = f.apply(&a);
        let ms = t0.elapsed().as_secs_f64() * 1000.0;
        log::info!("filter over 200k mentions: {ms:.1} ms");
        assert!(v.mentions > 100_000, "{}", v.mentions);
        // The target is 50 ms in release; unoptimised test builds on a loaded machine get slack.
        let limit = if cfg!(debug_assertions) { 1500.0 } else { 50.0 };
        assert!(ms < limit, "filter took {ms:.1} ms");
    }
}
