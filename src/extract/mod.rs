//! Extraction: place mentions (recognised and resolved), demonyms, actors and dates.
//!
//! ```no_run
//! use placemap::{corpus::Document, extract::Extractor, gazetteer::Gazetteer};
//! let gaz = Gazetteer::bundled_shared()?;
//! let extractor = Extractor::new(gaz);
//! let doc = Document::from_text("d1", "Mediators met in Cairo as trucks waited at Kerem Shalom.");
//! let result = extractor.extract(&doc);
//! for t in &result.toponyms {
//!     println!("{} -> {:?}", &doc.text[t.start..t.end], t.place);
//! }
//! # Ok::<(), placemap::Error>(())
//! ```

pub mod actors;
pub mod dates;
mod facts;
mod recognize;
mod resolve;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::corpus::{DocDate, Document};
use crate::gazetteer::{Gazetteer, PlaceId};

pub use recognize::{Span, SpanKind};

/// What a place mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A place name ("Rafah", "the Kerem Shalom crossing").
    Place,
    /// A demonym or adjective linked to its place ("Israeli", "Gazans").
    Demonym,
}

/// How a mention was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Ranked among gazetteer candidates.
    Gazetteer,
    /// Not in the gazetteer, marked as a place by context ("X refugee camp", "Y Street"), and
    /// placed with low confidence where the text puts it ("Firdous Square in Baghdad") or else
    /// at the document's focus place.
    Anchored,
    /// Not in the gazetteer and not placed.
    Unresolved,
    /// Set by a user correction.
    Corrected,
}

/// A scored alternative for a mention.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The place.
    pub place: PlaceId,
    /// Its probability-like score in 0..=1 (scores of one mention's candidates sum to ≤ 1).
    pub score: f32,
}

/// One place mention in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Toponym {
    /// Byte offset of the mention in the document text.
    pub start: usize,
    /// Byte offset after the mention.
    pub end: usize,
    /// Place or demonym.
    pub kind: MentionKind,
    /// The chosen place (None when unresolved).
    pub place: Option<PlaceId>,
    /// Confidence in the chosen place, 0..=1.
    pub confidence: f32,
    /// The best candidates, best first (at least three when the gazetteer has them).
    pub candidates: Vec<Candidate>,
    /// The name sits inside an organisation or person name ("Israel Defense Forces").
    pub embedded: bool,
    /// How it was resolved.
    pub resolution: Resolution,
}

impl Toponym {
    /// Is this mention worth a review? Close top-two candidates, low confidence, unresolved.
    pub fn needs_review(&self) -> bool {
        if self.place.is_none() || self.confidence < 0.5 {
            return true;
        }
        matches!(self.candidates.as_slice(), [a, b, ..] if b.score > 0.0 && a.score - b.score < 0.15)
    }
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocExtraction {
    /// Place and demonym mentions, sorted by start.
    pub toponyms: Vec<Toponym>,
    /// Actor mentions, sorted by start.
    pub actors: Vec<actors::ActorMention>,
    /// Event dates in the text, sorted by start.
    pub dates: Vec<dates::DateMention>,
    /// The document date: metadata first, else a dateline.
    pub date: Option<DocDate>,
}

/// Options for extraction.
// Independent on/off switches, one per CLI flag.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
pub struct ExtractOptions {
    /// Report demonyms ("Israeli") as mentions.
    pub demonyms: bool,
    /// Report place names embedded in organisation names ("Gaza" in "Gaza Health Ministry").
    pub embedded: bool,
    /// Report context-marked names that are not in the gazetteer ("X Street", "Y camp").
    pub unresolved: bool,
    /// Extract actors.
    pub actors: bool,
    /// Extract event dates.
    pub dates: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            demonyms: true,
            embedded: true,
            unresolved: true,
            actors: true,
            dates: true,
        }
    }
}

/// The extraction pipeline. Cheap to clone and share across threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    gazetteer: Arc<Gazetteer>,
    actors: Arc<actors::ActorDictionary>,
    options: ExtractOptions,
    /// Per-place facts for the inner loops, read out of `gazetteer` once.
    facts: Arc<facts::Facts>,
}

impl Extractor {
    /// An extractor over a gazetteer, with the bundled actor dictionary and default options.
    pub fn new(gazetteer: Arc<Gazetteer>) -> Self {
        Self::with(
            gazetteer,
            Arc::new(actors::ActorDictionary::bundled()),
            ExtractOptions::default(),
        )
    }

    /// An extractor with an explicit actor dictionary and options.
    pub fn with(
        gazetteer: Arc<Gazetteer>,
        actors: Arc<actors::ActorDictionary>,
        options: ExtractOptions,
    ) -> Self {
        Self {
            facts: Arc::new(facts::Facts::build(&gazetteer)),
            gazetteer,
            actors,
            options,
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// The actor dictionary.
    pub fn actor_dictionary(&self) -> &Arc<actors::ActorDictionary> {
        &self.actors
    }

    /// The options.
    pub fn options(&self) -> &ExtractOptions {
        &self.options
    }

    /// Finds and resolves everything in one document.
    pub fn extract(&self, doc: &Document) -> DocExtraction {
        let mut spans = recognize::recognize(&self.gazetteer, &self.facts, doc, &self.options);
        if !self.options.actors {
            let toponyms = resolve::resolve(&self.gazetteer, &self.facts, &doc.text, spans);
            return self.finish(doc, toponyms);
        }
        // Places are not actors: a place span inside a person's name ("Israel Katz", "Hassan
        // Rashad") is dropped; places inside organisation names stay (embedded). The actor scan
        // is done once: its people filter the places, the resolved places then filter it.
        let scan = actors::scan(&self.actors, &self.gazetteer, &doc.text);
        let people = scan.person_spans();
        if !people.is_empty() {
            spans.retain(|s| !people.iter().any(|p| p.start <= s.start && s.end <= p.end));
        }
        // Nor is a village read inside a group's name ("al-Shabab fighters"); a town of some
        // size, an area or a curated site stays ("Gaza Humanitarian Foundation", "Jenin
        // Brigade", "the White House").
        let groups = scan.group_spans();
        if !groups.is_empty() {
            spans.retain(|s| {
                !groups.iter().any(|g| g.start <= s.start && s.end <= g.end)
                    || s.cands.iter().any(|c| {
                        let f = &self.facts[c.place];
                        // (Landmarks named like the body they house stay: "spoke from the
                        // White House".)
                        f.kind.is_area()
                            || f.population >= 10_000
                            || f.origin != crate::gazetteer::Origin::GeoNames
                    })
            });
        }
        let toponyms = resolve::resolve(&self.gazetteer, &self.facts, &doc.text, spans);
        // As in `finish`, with the scan reused.
        let date = doc.date.or_else(|| dates::dateline_date(&doc.text));
        let dates = if self.options.dates {
            dates::find_dates(&doc.text, date.map(|d| d.date))
        } else {
            Vec::new()
        };
        let actors = scan.resolve(&self.gazetteer, &doc.text, &toponyms);
        DocExtraction {
            toponyms,
            actors,
            dates,
            date,
        }
    }

    /// Resolves given spans (byte ranges) instead of recognising them: the setting in which
    /// gold-span resolution accuracy is reported.
    pub fn resolve_spans(&self, doc: &Document, spans: &[(usize, usize)]) -> DocExtraction {
        let mut spans = recognize::spans_for(&self.gazetteer, &self.facts, &doc.text, spans);
        let found = recognize::recognize(&self.gazetteer, &self.facts, doc, &self.options);
        recognize::adopt_context(&mut spans, &found);
        let toponyms = resolve::resolve(&self.gazetteer, &self.facts, &doc.text, spans);
        self.finish(doc, toponyms)
    }

    fn finish(&self, doc: &Document, toponyms: Vec<Toponym>) -> DocExtraction {
        let date = doc.date.or_else(|| dates::dateline_date(&doc.text));
        let dates = if self.options.dates {
            dates::find_dates(&doc.text, date.map(|d| d.date))
        } else {
            Vec::new()
        };
        let actors = if self.options.actors {
            actors::find_actors(&self.actors, &self.gazetteer, &doc.text, &toponyms)
        } else {
            Vec::new()
        };
        DocExtraction {
            toponyms,
            actors,
            dates,
            date,
        }
    }
}
