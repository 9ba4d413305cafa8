//! Sessions: the user's corrections to place mentions, saved beside the corpus as
//! `NAME.placemap.json` and reapplied whenever the corpus is opened again.
//!
//! A correction is keyed by document id, code-point offsets and the mention's surface text —
//! not by toponym index — so it survives re-extraction with a newer extractor or gazetteer.
//! Places are stored by their stable gazetteer key (`geonames:…`), not by internal id.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Atlas;
use crate::extract::{Candidate, MentionKind, Resolution, Toponym};
use crate::gazetteer::PlaceId;
use crate::{Error, Result};

/// Session file format version.
pub const SESSION_VERSION: u32 = 1;

/// What a mention should be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Target {
    /// This place (stable gazetteer key, and its name for people reading the file).
    Place {
        /// [`crate::gazetteer::Place::key`].
        key: String,
        /// The place's name.
        name: String,
    },
    /// Not a place at all: the mention is removed.
    NotAPlace,
}

/// How far a correction reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only this mention.
    Mention,
    /// Every mention with the same surface text in the same document.
    Document,
    /// Every mention with the same surface text in the corpus.
    Corpus,
}

impl Scope {
    /// All scopes, narrowest first.
    pub const ALL: [Self; 3] = [Self::Mention, Self::Document, Self::Corpus];

    /// A label for menus.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mention => "this mention",
            Self::Document => "this name in this document",
            Self::Corpus => "this name in the whole corpus",
        }
    }
}

/// One correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Document id ([`crate::corpus::Document::id`]).
    pub doc_id: String,
    /// Code-point offset of the mention.
    pub start: usize,
    /// Code-point offset after the mention.
    pub end: usize,
    /// The mention's text.
    pub surface: String,
    /// Reach.
    pub scope: Scope,
    /// The new reading.
    pub target: Target,
}

/// A session: corrections, in the order they were made (later ones win).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Always `placemap-session`.
    pub format: String,
    /// [`SESSION_VERSION`].
    pub version: u32,
    /// The corrections.
    pub corrections: Vec<Correction>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            format: "placemap-session".to_owned(),
            version: SESSION_VERSION,
            corrections: Vec::new(),
        }
    }
}

fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim()) || a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Session {
    /// The session file for a corpus path: `PATH.placemap.json` beside the file or folder.
    pub fn path_for(corpus: &Path) -> PathBuf {
        let name = corpus
            .file_name()
            .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
        corpus.with_file_name(format!("{name}.placemap.json"))
    }

    /// Loads a session file; `Ok(None)` when there is none.
    pub fn load(path: &Path) -> Result<Option<Self>> {
        let raw = match std::fs::read_to_string(path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(path, e)),
        };
        let s: Self = serde_json::from_str(&raw).map_err(|source| Error::Json {
            context: path.display().to_string(),
            source,
        })?;
        if s.format != "placemap-session" || s.version > SESSION_VERSION {
            return Err(Error::data(
                path,
                0,
                format!("not a placemap session v{SESSION_VERSION} file"),
            ));
        }
        Ok(Some(s))
    }

    /// Writes the session atomically: a temporary file in the same folder, then a rename.
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let json = serde_json::to_vec_pretty(self).map_err(|source| Error::Json {
            context: path.display().to_string(),
            source,
        })?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        tmp.write_all(&json)
            .and_then(|()| tmp.write_all(b"\n"))
            .map_err(|e| Error::io(tmp.path(), e))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(tmp.path(), e))?;
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
        Ok(())
    }

    /// The correction for a mention, as the user makes it.
    pub fn correction_for(
        atlas: &Atlas,
        m: super::MentionRef,
        scope: Scope,
        target: Target,
    ) -> Correction {
        let ad = &atlas.docs()[m.doc as usize];
        let t = atlas.toponym(m);
        Correction {
            doc_id: ad.doc.id.clone(),
            start: char_offset(&ad.doc.text, t.start),
            end: char_offset(&ad.doc.text, t.end),
            surface: ad.doc.text.get(t.start..t.end).unwrap_or("").to_owned(),
            scope,
            target,
        }
    }

    /// Applies every correction to an atlas (and reindexes it). Returns the mentions changed.
    pub fn apply_all(&self, atlas: &mut Atlas) -> usize {
        let n = self.corrections.iter().map(|c| apply_one(atlas, c)).sum();
        atlas.reindex();
        n
    }
}

/// Applies one correction (call [`Atlas::reindex`] afterwards). Returns the mentions changed.
pub fn apply_one(atlas: &mut Atlas, c: &Correction) -> usize {
    let place: Option<PlaceId> = match &c.target {
        Target::Place { key, .. } => {
            if let Some(p) = atlas.gazetteer().by_key(key) {
                Some(p)
            } else {
                log::warn!(
                    "correction for {:?} in {}: place {key} is not in the gazetteer",
                    c.surface,
                    c.doc_id
                );
                return 0;
            }
        }
        Target::NotAPlace => None,
    };
    let mut changed = 0;
    for ad in atlas.docs_mut() {
        if c.scope != Scope::Corpus && ad.doc.id != c.doc_id {
            continue;
        }
        let text = &ad.doc.text;
        let hit = |t: &Toponym| {
            let surface = text.get(t.start..t.end).unwrap_or("");
            match c.scope {
                Scope::Mention => surface == c.surface && char_offset(text, t.start) == c.start,
                Scope::Document | Scope::Corpus => same_name(surface, &c.surface),
            }
        };
        let before = ad.extraction.toponyms.len();
        match place {
            None => ad.extraction.toponyms.retain(|t| !hit(t)),
            Some(p) => {
                for t in ad.extraction.toponyms.iter_mut().filter(|t| hit(t)) {
                    t.place = Some(p);
                    t.confidence = 1.0;
                    t.resolution = Resolution::Corrected;
                    t.kind = MentionKind::Place;
                    if !t.candidates.iter().any(|k| k.place == p) {
                        t.candidates.insert(
                            0,
                            Candidate {
                                place: p,
                                score: 1.0,
                            },
                        );
                    }
                    changed += 1;
                }
            }
        }
        changed += before - ad.extraction.toponyms.len();
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::MentionRef;
    use crate::corpus::Document;
    use crate::extract::DocExtraction;
    use crate::gazetteer::Gazetteer;

    fn atlas() -> Atlas {
        let g = Gazetteer::bundled_shared().expect("gazetteer");
        let lebanon = g.search("Lebanon", 1)[0];
        let mut a = Atlas::new(g);
        for (id, text) in [
            ("d1", "Él visitó Lebanon. Later Lebanon again."),
            ("d2", "Aid left Lebanon."),
        ] {
            let doc = Document::from_text(id, text);
            let toponyms = doc
                .text
                .match_indices("Lebanon")
                .map(|(s, w)| Toponym {
                    start: s,
                    end: s + w.len(),
                    kind: MentionKind::Place,
                    place: Some(lebanon),
                    confidence: 0.6,
                    candidates: vec![],
                    embedded: false,
                    resolution: Resolution::Gazetteer,
                })
                .collect();
            a.push(
                doc,
                DocExtraction {
                    toponyms,
                    ..DocExtraction::default()
                },
            );
        }
        a
    }

    fn pennsylvania_target(a: &Atlas) -> Target {
        let g = a.gazetteer();
        let p = g.search("Pennsylvania", 1)[0];
        Target::Place {
            key: g.place(p).key(),
            name: g.place(p).name.to_owned(),
        }
    }

    #[test]
    fn scopes_reach_mention_document_corpus() {
        for (scope, expect_changed) in [
            (Scope::Mention, 1),
            (Scope::Document, 2),
            (Scope::Corpus, 3),
        ] {
            let mut a = atlas();
            let target = pennsylvania_target(&a);
            let c = Session::correction_for(&a, MentionRef { doc: 0, toponym: 0 }, scope, target);
            // Code-point offsets: "Él" has a two-byte É.
            assert_eq!((c.start, c.end, c.surface.as_str()), (10, 17, "Lebanon"));
            let s = Session {
                corrections: vec![c],
                ..Session::default()
            };
            assert_eq!(s.apply_all(&mut a), expect_changed, "{scope:?}");
        }
    }

    #[test]
    fn not_a_place_removes_and_session_round_trips_atomically() {
        let mut a = atlas();
        let c = Session::correction_for(
            &a,
            MentionRef { doc: 0, toponym: 1 },
            Scope::Mention,
            Target::NotAPlace,
        );
        let s = Session {
            corrections: vec![c],
            ..Session::default()
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let path = Session::path_for(&dir.path().join("corpus"));
        assert!(path.ends_with("corpus.placemap.json"));
        assert_eq!(Session::load(&path).expect("load"), None);
        s.save(&path).expect("save");
        let back = Session::load(&path).expect("load").expect("some");
        assert_eq!(back, s);
        assert_eq!(back.apply_all(&mut a), 1);
        assert_eq!(a.docs()[0].extraction.toponyms.len(), 1);
        // Only the session file is left: no temporary files.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn correction_survives_reextraction_with_shifted_indices() {
        let mut a = atlas();
        let c = Session::correction_for(
            &a,
            MentionRef { doc: 0, toponym: 1 },
            Scope::Mention,
            pennsylvania_target(&a),
        );
        // A re-extraction that found an extra mention earlier in the document.
        let extra = Toponym {
            start: 0,
            end: 2,
            ..a.docs()[0].extraction.toponyms[0].clone()
        };
        a.docs_mut()[0].extraction.toponyms.insert(0, extra);
        let s = Session {
            corrections: vec![c],
            ..Session::default()
        };
        assert_eq!(s.apply_all(&mut a), 1);
        assert_eq!(
            a.docs()[0].extraction.toponyms[2].resolution,
            Resolution::Corrected
        );
    }
}
