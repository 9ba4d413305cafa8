//! A compact name index: unique keys in one string arena, postings in one vector, and a
//! hash → key map. Built in parallel from per-record entries with a sort, so loading the
//! bundled gazetteer (≈750k names) takes a fraction of a second.

use std::hash::Hasher as _;

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
    /// Builds the index from chunks of entries: one pass assigns each row its key (hash map,
    /// no sort), a counting pass lays postings out per key in input order.
    pub fn build(chunks: Vec<Entries>) -> Self {
        let mut arena = String::with_capacity(chunks.iter().map(|c| c.arena.len()).sum());
        let mut rows = Vec::with_capacity(chunks.iter().map(|c| c.rows.len()).sum());
        for c in chunks {
            let base = arena.len() as u32;
            arena.push_str(&c.arena);
            rows.extend(c.rows.into_iter().map(|(h, s, l, p)| (h, s + base, l, p)));
        }
        let key_of = |s: u32, l: u32| &arena[s as usize..(s + l) as usize];
        let mut idx = Self {
            keys: Vec::with_capacity(rows.len() * 2 / 3),
            map: FxHashMap::with_capacity_and_hasher(rows.len() * 2 / 3, Default::default()),
            ..Self::default()
        };
        // Pass 1: key index of every row.
        let mut row_key = Vec::with_capacity(rows.len());
        for &(h, s, l, _) in &rows {
            let k = match idx.map.get(&h) {
                Some(&k)
                    if key_of(idx.keys[k as usize].0, idx.keys[k as usize].1) == key_of(s, l) =>
                {
                    k
                }
                Some(_) => {
                    // a 64-bit hash collision: rare, kept in a side table
                    let key = key_of(s, l);
                    if let Some(&k) = idx.collisions.get(key) {
                        k
                    } else {
                        let k = idx.keys.len() as u32;
                        idx.keys.push((s, l));
                        idx.collisions.insert(key.into(), k);
                        k
                    }
                }
                None => {
                    let k = idx.keys.len() as u32;
                    idx.keys.push((s, l));
                    idx.map.insert(h, k);
                    k
                }
            };
            row_key.push(k);
        }
        // Pass 2: count, prefix sums, place (input order is kept within a key, so a place's
        // readings of one key are adjacent).
        let mut counts = vec![0u32; idx.keys.len() + 1];
        for &k in &row_key {
            counts[k as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut slots = counts.clone();
        let mut placed = vec![
            Posting {
                place: super::PlaceId(0),
                flags: 0
            };
            rows.len()
        ];
        for (&(_, _, _, p), &k) in rows.iter().zip(&row_key) {
            placed[slots[k as usize] as usize] = p;
            slots[k as usize] += 1;
        }
        // Pass 3: merge a place's repeated readings of one key.
        idx.starts = Vec::with_capacity(idx.keys.len() + 1);
        idx.postings = Vec::with_capacity(rows.len());
        for k in 0..idx.keys.len() {
            let group_start = idx.postings.len();
            idx.starts.push(group_start as u32);
            for &p in &placed[counts[k] as usize..counts[k + 1] as usize] {
                match idx.postings[group_start..]
                    .iter_mut()
                    .find(|q| q.place == p.place)
                {
                    Some(q) => {
                        // primary wins; acronym/qualifier-only restrictions hold only if every
                        // reading has them
                        let primary = (q.flags | p.flags) & Posting::PRIMARY;
                        let restrict = q.flags & p.flags & !Posting::PRIMARY;
                        q.flags = primary | restrict;
                    }
                    None => idx.postings.push(p),
                }
            }
            let (s, l) = idx.keys[k];
            let key = key_of(s, l);
            let words = key.split(' ').count().min(255) as u8;
            let first = key.split(' ').next().unwrap_or(key);
            let e = idx.first_words.entry(key_hash(first)).or_insert(0);
            *e = (*e).max(words);
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
