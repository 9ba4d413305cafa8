//! A compact name index: unique keys in one string arena, postings in one vector, and a
//! hash → key map. Built in parallel from per-record entries with a sort, so loading the
//! bundled gazetteer (≈750k names) takes a fraction of a second.

use std::hash::Hasher as _;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use super::Posting;

/// Hash of a key (also used for first words).
pub fn key_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// Entries produced for one chunk of records: a local key arena and `(hash, start, len, posting)`.
#[derive(Default)]
pub struct Entries {
    /// Key bytes.
    pub arena: String,
    /// One row per (key, place).
    pub rows: Vec<(u64, u32, u32, Posting)>,
}

impl Entries {
    /// Adds a key for a posting.
    pub fn push(&mut self, key: &str, posting: Posting) {
        let start = self.arena.len() as u32;
        self.arena.push_str(key);
        self.rows
            .push((key_hash(key), start, key.len() as u32, posting));
    }
}

/// The index.
#[derive(Debug, Default)]
pub struct NameIndex {
    arena: String,
    keys: Vec<(u32, u32)>,
    starts: Vec<u32>,
    postings: Vec<Posting>,
    map: FxHashMap<u64, u32>,
    collisions: FxHashMap<Box<str>, u32>,
    first_words: FxHashMap<u64, u8>,
}

impl NameIndex {
    /// Builds the index from chunks of entries.
    pub fn build(chunks: Vec<Entries>) -> Self {
        let mut arena = String::with_capacity(chunks.iter().map(|c| c.arena.len()).sum());
        let mut rows = Vec::with_capacity(chunks.iter().map(|c| c.rows.len()).sum());
        for c in chunks {
            let base = arena.len() as u32;
            arena.push_str(&c.arena);
            rows.extend(c.rows.into_iter().map(|(h, s, l, p)| (h, s + base, l, p)));
        }
        let key_of = |s: u32, l: u32| &arena[s as usize..(s + l) as usize];
        rows.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| key_of(a.1, a.2).cmp(key_of(b.1, b.2)))
                .then(a.3.place.cmp(&b.3.place))
        });
        let mut idx = Self {
            keys: Vec::with_capacity(rows.len() * 2 / 3),
            starts: Vec::with_capacity(rows.len() * 2 / 3 + 1),
            postings: Vec::with_capacity(rows.len()),
            map: FxHashMap::with_capacity_and_hasher(rows.len() * 2 / 3, Default::default()),
            ..Self::default()
        };
        let mut i = 0;
        while i < rows.len() {
            let (h, s, l, _) = rows[i];
            let key = key_of(s, l);
            let mut j = i;
            let key_index = idx.keys.len() as u32;
            idx.keys.push((s, l));
            idx.starts.push(idx.postings.len() as u32);
            while j < rows.len() && rows[j].0 == h && key_of(rows[j].1, rows[j].2) == key {
                let p = rows[j].3;
                let group_has_any = idx.postings.len() as u32 > idx.starts[key_index as usize];
                match idx.postings.last_mut() {
                    Some(last) if group_has_any && last.place == p.place => {
                        // Same place twice under one key: primary wins; acronym/qualifier-only
                        // restrictions hold only if every reading has them.
                        let primary = (last.flags | p.flags) & Posting::PRIMARY;
                        let restrict = last.flags & p.flags & !Posting::PRIMARY;
                        last.flags = primary | restrict;
                    }
                    _ => idx.postings.push(p),
                }
                j += 1;
            }
            if let Some(&other) = idx.map.get(&h) {
                let _ = other;
                idx.collisions.insert(key.into(), key_index);
            } else {
                idx.map.insert(h, key_index);
            }
            let words = key.split(' ').count().min(255) as u8;
            let first = key.split(' ').next().unwrap_or(key);
            let e = idx.first_words.entry(key_hash(first)).or_insert(0);
            *e = (*e).max(words);
            i = j;
        }
        idx.starts.push(idx.postings.len() as u32);
        idx.arena = arena;
        idx
    }

    fn key(&self, i: u32) -> &str {
        let (s, l) = self.keys[i as usize];
        &self.arena[s as usize..(s + l) as usize]
    }

    /// Postings of a key (empty when absent).
    pub fn get(&self, key: &str) -> &[Posting] {
        let found = match self.map.get(&key_hash(key)) {
            Some(&i) if self.key(i) == key => Some(i),
            _ => self.collisions.get(key).copied(),
        };
        found.map_or(&[], |i| {
            &self.postings[self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize]
        })
    }

    /// Longest key (in words) starting with this first word (0 when none); may overestimate on
    /// hash collisions, never underestimates.
    pub fn max_words_from(&self, first_word: &str) -> usize {
        self.first_words
            .get(&key_hash(first_word))
            .map_or(0, |&n| usize::from(n))
    }

    /// Number of unique keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Keys starting with a prefix, with their postings (a linear scan, for search boxes).
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [Posting])> + 'a {
        (0..self.keys.len() as u32).filter_map(move |i| {
            let k = self.key(i);
            k.starts_with(prefix).then(|| {
                (
                    k,
                    &self.postings
                        [self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize],
                )
            })
        })
    }
}
