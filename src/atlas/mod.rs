//! The atlas: a corpus with its extractions, aggregated by place — the model the explorer draws
//! and filters, and the streaming ingest that fills it (used by the CLI and the app alike).

pub mod filter;
mod ingest;
pub mod session;

use std::fmt::Write as _;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::corpus::{Document, Problem};
use crate::extract::{DocExtraction, MentionKind};
use crate::gazetteer::{Gazetteer, PlaceId};

pub use ingest::{IngestOptions, Progress, ingest, ingest_map};

/// A document with what was extracted from it.
#[derive(Clone, Debug)]
pub struct AnalyzedDoc {
    /// The document.
    pub doc: Document,
    /// Its extraction.
    pub extraction: DocExtraction,
}

/// Refers to one toponym: document index and toponym index within it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionRef {
    /// Index into [`Atlas::docs`].
    pub doc: u32,
    /// Index into that document's toponyms.
    pub toponym: u32,
}

/// Per-place totals.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceSummary {
    /// The place.
    pub place: PlaceId,
    /// Mentions (names and demonyms).
    pub mentions: usize,
    /// Documents mentioning it.
    pub documents: usize,
    /// Lowest confidence among its mentions.
    pub min_confidence: f32,
    /// Mentions that need review.
    pub needs_review: usize,
}

/// A corpus with its extractions.
#[derive(Debug)]
pub struct Atlas {
    gazetteer: Arc<Gazetteer>,
    docs: Vec<AnalyzedDoc>,
    problems: Vec<Problem>,
    by_place: FxHashMap<PlaceId, Vec<MentionRef>>,
}

impl Atlas {
    /// An empty atlas over a gazetteer.
    pub fn new(gazetteer: Arc<Gazetteer>) -> Self {
        Self {
            gazetteer,
            docs: Vec::new(),
            problems: Vec::new(),
            by_place: FxHashMap::default(),
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Arc<Gazetteer> {
        &self.gazetteer
    }

    /// Adds an analysed document.
    pub fn push(&mut self, doc: Document, extraction: DocExtraction) {
        let d = self.docs.len() as u32;
        for (t, top) in extraction.toponyms.iter().enumerate() {
            if let Some(p) = top.place {
                self.by_place.entry(p).or_default().push(MentionRef {
                    doc: d,
                    toponym: t as u32,
                });
            }
        }
        self.docs.push(AnalyzedDoc { doc, extraction });
    }

    /// Records load problems.
    pub fn add_problems(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.problems.extend(problems);
    }

    /// Documents, in load order.
    pub fn docs(&self) -> &[AnalyzedDoc] {
        &self.docs
    }

    /// Mutable documents (for corrections); call [`Self::reindex`] afterwards.
    pub fn docs_mut(&mut self) -> &mut [AnalyzedDoc] {
        &mut self.docs
    }

    /// Rebuilds the place index after edits.
    pub fn reindex(&mut self) {
        self.by_place.clear();
        for (d, ad) in self.docs.iter().enumerate() {
            for (t, top) in ad.extraction.toponyms.iter().enumerate() {
                if let Some(p) = top.place {
                    self.by_place.entry(p).or_default().push(MentionRef {
                        doc: d as u32,
                        toponym: t as u32,
                    });
                }
            }
        }
    }

    /// Problems met while loading.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Every mention of a place, in document order.
    pub fn mentions_of(&self, place: PlaceId) -> &[MentionRef] {
        self.by_place.get(&place).map_or(&[], Vec::as_slice)
    }

    /// The toponym a reference points at.
    pub fn toponym(&self, m: MentionRef) -> &crate::extract::Toponym {
        &self.docs[m.doc as usize].extraction.toponyms[m.toponym as usize]
    }

    /// Totals per place over the mentions `keep` accepts, most mentioned first (ties by name).
    pub fn place_summaries(
        &self,
        keep: impl Fn(&AnalyzedDoc, &crate::extract::Toponym) -> bool,
    ) -> Vec<PlaceSummary> {
        let mut out: Vec<PlaceSummary> = Vec::with_capacity(self.by_place.len());
        for (&place, refs) in &self.by_place {
            let mut s = PlaceSummary {
                place,
                mentions: 0,
                documents: 0,
                min_confidence: 1.0,
                needs_review: 0,
            };
            let mut last_doc = u32::MAX;
            for &m in refs {
                let ad = &self.docs[m.doc as usize];
                let t = &ad.extraction.toponyms[m.toponym as usize];
                if !keep(ad, t) {
                    continue;
                }
                s.mentions += 1;
                if m.doc != last_doc {
                    s.documents += 1;
                    last_doc = m.doc;
                }
                s.min_confidence = s.min_confidence.min(t.confidence);
                s.needs_review += usize::from(t.needs_review());
            }
            if s.mentions > 0 {
                out.push(s);
            }
        }
        out.sort_by(|a, b| {
            b.mentions.cmp(&a.mentions).then_with(|| {
                self.gazetteer
                    .place(a.place)
                    .name
                    .cmp(self.gazetteer.place(b.place).name)
            })
        });
        out
    }

    /// A plain-text summary: the most mentioned places (names, not demonyms).
    pub fn summary(&self, top: usize) -> String {
        let places = self.place_summaries(|_, t| t.kind == MentionKind::Place);
        let mentions: usize = self.docs.iter().map(|d| d.extraction.toponyms.len()).sum();
        let mut out = format!(
            "{} documents, {} place mentions, {} distinct places\n",
            self.docs.len(),
            mentions,
            places.len()
        );
        for s in places.iter().take(top) {
            let p = self.gazetteer.place(s.place);
            let _ = writeln!(
                out,
                "{:>5} × {:<40} {:>9.4} {:>10.4}  in {} docs",
                s.mentions,
                self.gazetteer.describe(s.place),
                p.lat,
                p.lon,
                s.documents
            );
        }
        out
    }
}
