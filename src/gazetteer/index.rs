//! A compact name index: unique keys in one string arena, postings in one vector, and
//! open-addressing hash tables stored as plain arrays, so that `build.rs` can write the built
//! index into a snapshot the program loads without rebuilding it.

use std::hash::Hasher as _;

use rustc_hash::{FxHashMap, FxHasher};

use super::Posting;
use super::snapshot::{Reader, Writer};
use crate::error::{Error, Result};

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
    /// Open addressing over key hashes: `(hash >> 32) << 32 | (key index + 1)`, 0 when empty;
    /// the slot is the hash's low bits. A plain array, so it is saved and loaded as it is.
    table: Vec<u64>,
    /// First-word hashes (0 when empty, see [`nonzero`]) with the longest key's word count.
    first_hashes: Vec<u64>,
    first_words: Vec<u8>,
    /// A filter in front of `table`, small enough to stay in cache: most look-ups of absent
    /// keys end there instead of in a cache miss in the large table.
    key_filter: HashFilter,
}

/// A bit per value of a hash's high 32 bits, folded to the filter's size (8 bits per entry):
/// a clear bit says that no entry has those bits, so the table need not be read. Not saved in
/// snapshots: built from the tables when an index is built or read.
#[derive(Debug, Default)]
struct HashFilter {
    bits: Vec<u64>,
}

impl HashFilter {
    /// A filter over these hashes (or table entries: only their high 32 bits count), `n` of
    /// them.
    fn new(hashes: impl Iterator<Item = u64>, n: usize) -> Self {
        let mut f = Self {
            bits: vec![0; (n * 8).next_power_of_two().max(64) / 64],
        };
        for h in hashes {
            let i = f.bit(h);
            f.bits[i >> 6] |= 1 << (i & 63);
        }
        f
    }

    fn bit(&self, hash: u64) -> usize {
        (hash >> 32) as usize & (self.bits.len() * 64 - 1)
    }

    /// False only when no entry has `hash`'s high 32 bits.
    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let i = self.bit(hash);
        self.bits[i >> 6] & (1 << (i & 63)) != 0
    }
}

/// Hash-table capacity for `n` entries: a power of two, at most half full.
fn capacity(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

/// Hashes are stored in slots where 0 means empty.
fn nonzero(h: u64) -> u64 {
    h.max(1)
}

impl NameIndex {
    /// Builds the index from chunks of entries: one pass assigns each row its key (hash
    /// table, no sort), a counting pass lays postings out per key in input order.
    pub fn build(chunks: Vec<Entries>) -> Self {
        let mut arena = String::with_capacity(chunks.iter().map(|c| c.arena.len()).sum());
        let mut rows = Vec::with_capacity(chunks.iter().map(|c| c.rows.len()).sum());
        for c in chunks {
            let base = arena.len() as u32;
            arena.push_str(&c.arena);
            rows.extend(c.rows.into_iter().map(|(h, s, l, p)| (h, s + base, l, p)));
        }
        let mut idx = Self {
            keys: Vec::with_capacity(rows.len() * 2 / 3),
            table: vec![0; capacity(rows.len())],
            ..Self::default()
        };
        // Pass 1: key index of every row.
        let mut row_key = Vec::with_capacity(rows.len());
        let mut key_hashes = Vec::with_capacity(rows.len() * 2 / 3);
        for &(h, s, l, _) in &rows {
            let key = &arena[s as usize..(s + l) as usize];
            let k = match idx.find(&arena, h, key) {
                Ok(k) => k,
                Err(slot) => {
                    let k = idx.keys.len() as u32;
                    idx.keys.push((s, l));
                    key_hashes.push(h);
                    idx.table[slot] = (h >> 32) << 32 | u64::from(k + 1);
                    k
                }
            };
            row_key.push(k);
        }
        // The build table was sized for every row; the kept one for the unique keys.
        idx.table = vec![0; capacity(idx.keys.len())];
        let mask = idx.table.len() - 1;
        for (k, &h) in key_hashes.iter().enumerate() {
            let mut slot = h as usize & mask;
            while idx.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            idx.table[slot] = (h >> 32) << 32 | (k as u64 + 1);
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
        let mut first_words: FxHashMap<u64, u8> = FxHashMap::default();
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
            let key = &arena[s as usize..(s + l) as usize];
            let words = key.split(' ').count().min(255) as u8;
            let first = key.split(' ').next().unwrap_or(key);
            let e = first_words.entry(nonzero(key_hash(first))).or_insert(0);
            *e = (*e).max(words);
        }
        idx.starts.push(idx.postings.len() as u32);
        // Keep each key once, in key order.
        idx.arena = String::with_capacity(idx.keys.iter().map(|&(_, l)| l as usize).sum());
        for (s, l) in &mut idx.keys {
            let start = idx.arena.len() as u32;
            idx.arena.push_str(&arena[*s as usize..(*s + *l) as usize]);
            *s = start;
        }
        idx.first_hashes = vec![0; capacity(first_words.len())];
        idx.first_words = vec![0; idx.first_hashes.len()];
        let mask = idx.first_hashes.len() - 1;
        for (h, n) in first_words {
            let mut slot = h as usize & mask;
            while idx.first_hashes[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            idx.first_hashes[slot] = h;
            idx.first_words[slot] = n;
        }
        idx.build_filters();
        idx
    }

    /// Builds the look-up filter from the table.
    fn build_filters(&mut self) {
        self.key_filter = HashFilter::new(
            self.table.iter().copied().filter(|&e| e != 0),
            self.keys.len(),
        );
    }

    /// The key index of `key` (hash `h`), or the empty slot where it would go.
    fn find(&self, arena: &str, hash: u64, key: &str) -> Result<u32, usize> {
        if self.table.is_empty() {
            return Err(0);
        }
        let mask = self.table.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.table[slot];
            if entry == 0 {
                return Err(slot);
            }
            if entry >> 32 == hash >> 32 {
                let index = (entry as u32).wrapping_sub(1);
                let (start, len) = self.keys[index as usize];
                if &arena[start as usize..(start + len) as usize] == key {
                    return Ok(index);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Appends the index to a snapshot section.
    pub fn write(&self, w: &mut Writer) {
        // Keys lie end to end in key order (see `build`): their ends are enough.
        w.bytes(self.arena.as_bytes());
        w.u32s(self.keys.iter().map(|&(s, l)| s + l));
        w.u32s(self.starts.iter().copied());
        w.u32s(self.postings.iter().map(|p| p.place.0));
        w.bytes(&self.postings.iter().map(|p| p.flags).collect::<Vec<_>>());
        w.u64s(&self.table);
        w.u64s(&self.first_hashes);
        w.bytes(&self.first_words);
    }

    /// Reads what [`Self::write`] wrote, checking that every offset is in range.
    pub fn read(r: &mut Reader<'_>) -> Result<Self> {
        let arena = r.string()?;
        let ends = r.u32s()?;
        let starts = r.u32s()?;
        let places = r.u32s()?;
        let flags = r.bytes()?;
        let table = r.u64s()?;
        let first_hashes = r.u64s()?;
        let first_words = r.bytes()?.to_vec();
        let mut keys = Vec::with_capacity(ends.len());
        let mut start = 0;
        for end in ends {
            keys.push((start, end.wrapping_sub(start)));
            start = end;
        }
        let bad =
            |what: &str| Error::data("gazetteer snapshot", 0, format!("bad name index: {what}"));
        if places.len() != flags.len()
            || starts.len() != keys.len() + 1
            || starts.last().is_some_and(|&s| s as usize != places.len())
            || starts.windows(2).any(|w| w[0] > w[1])
        {
            return Err(bad("postings"));
        }
        if keys.iter().any(|&(s, l)| {
            s.checked_add(l).is_none_or(|end| {
                !arena.is_char_boundary(s as usize) || !arena.is_char_boundary(end as usize)
            })
        }) {
            return Err(bad("keys"));
        }
        if !table.len().is_power_of_two()
            || table
                .iter()
                .any(|&e| e != 0 && (e as u32).wrapping_sub(1) as usize >= keys.len())
            || first_hashes.len() != first_words.len()
            || !(first_hashes.is_empty() || first_hashes.len().is_power_of_two())
        {
            return Err(bad("tables"));
        }
        let mut idx = Self {
            arena,
            keys,
            starts,
            postings: places
                .into_iter()
                .zip(flags)
                .map(|(p, &flags)| Posting {
                    place: super::PlaceId(p),
                    flags,
                })
                .collect(),
            table,
            first_hashes,
            first_words,
            ..Self::default()
        };
        idx.build_filters();
        Ok(idx)
    }

    /// The largest place id in any posting (to check against the record count).
    pub fn max_place(&self) -> Option<u32> {
        self.postings.iter().map(|p| p.place.0).max()
    }

    fn key(&self, i: u32) -> &str {
        let (s, l) = self.keys[i as usize];
        &self.arena[s as usize..(s + l) as usize]
    }

    /// Postings of a key (empty when absent).
    pub fn get(&self, key: &str) -> &[Posting] {
        let hash = key_hash(key);
        if !self.key_filter.may_contain(hash) {
            return &[];
        }
        self.find(&self.arena, hash, key).map_or(&[], |i| {
            &self.postings[self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize]
        })
    }

    /// Longest key (in words) starting with this first word (0 when none); may overestimate on
    /// hash collisions, never underestimates.
    pub fn max_words_from(&self, first_word: &str) -> usize {
        if self.first_hashes.is_empty() {
            return 0;
        }
        let h = nonzero(key_hash(first_word));
        let mask = self.first_hashes.len() - 1;
        let mut slot = h as usize & mask;
        loop {
            match self.first_hashes[slot] {
                0 => return 0,
                e if e == h => return usize::from(self.first_words[slot]),
                _ => slot = (slot + 1) & mask,
            }
        }
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
