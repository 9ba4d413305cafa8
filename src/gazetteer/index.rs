//! A compact name index: unique keys in one string arena, postings in one vector, and
//! open-addressing hash tables stored as plain little-endian arrays, so that `build.rs` can
//! write the built index into a snapshot the program uses in place, without rebuilding or
//! copying it.

use std::borrow::Cow;
use std::hash::Hasher as _;

use rustc_hash::{FxHashMap, FxHasher};

use super::Posting;
use super::snapshot::{Reader, Writer, u64_at};
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

/// Little-endian values of `W` bytes each, owned (an index built at run time) or borrowed
/// from the snapshot embedded in the binary (read in place: nothing to decode or copy at
/// start-up). Reads are bounds-checked and need no alignment.
#[derive(Debug, Clone)]
struct Le<const W: usize>(Cow<'static, [u8]>);

impl<const W: usize> Default for Le<W> {
    fn default() -> Self {
        Self(Cow::Borrowed(&[]))
    }
}

impl<const W: usize> Le<W> {
    fn len(&self) -> usize {
        self.0.len() / W
    }

    fn is_empty(&self) -> bool {
        self.0.len() < W
    }

    /// Writes the values as [`Writer::u32s`] does: count, then the bytes.
    fn write(&self, w: &mut Writer) {
        w.len(self.len());
        w.buf.extend_from_slice(&self.0[..self.len() * W]);
    }

    /// Reads what [`Self::write`] wrote, in place.
    fn read(r: &mut Reader<'static>) -> Result<Self> {
        let n = r.len()?;
        let bytes = r.take(n.checked_mul(W).ok_or_else(|| bad("length"))?)?;
        Ok(Self(Cow::Borrowed(bytes)))
    }
}

impl Le<8> {
    fn from_values(v: &[u64]) -> Self {
        Self(Cow::Owned(v.iter().flat_map(|x| x.to_le_bytes()).collect()))
    }

    /// Value `i` (panics past the end).
    #[inline]
    fn get(&self, i: usize) -> u64 {
        u64_at(&self.0, i * 8)
    }

    /// Value `i`, None past the end.
    #[inline]
    fn try_get(&self, i: usize) -> Option<u64> {
        let b = self.0.get(i * 8..i * 8 + 8)?;
        Some(u64_at(b, 0))
    }
}

fn bad(what: &str) -> Error {
    Error::data("gazetteer snapshot", 0, format!("bad name index: {what}"))
}

/// The index.
///
/// Look-ups never panic on a damaged snapshot: every offset read from the tables is checked
/// where it is used (a bad one reads as "absent"), so loading need not scan them.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Unique keys end to end, in key order.
    arena: Cow<'static, str>,
    /// Per key, where it ends in `arena` (low 32 bits) and where its postings end (high 32
    /// bits); key `i` and its postings start where those of key `i - 1` end. One array, so
    /// that a look-up reads one place for both.
    ends: Le<8>,
    postings: Vec<Posting>,
    /// Open addressing over key hashes: `(hash >> 32) << 32 | (key index + 1)`, 0 when empty;
    /// the slot is the hash's low bits. A plain array, so it is saved and loaded as it is.
    table: Le<8>,
    /// First words: the low 56 bits of the word's hash with, in the high 8 bits, the longest
    /// key's word count (never 0, so 0 marks an empty slot). One read per probe.
    first_words: Le<8>,
    /// A filter in front of `table`, small enough to stay in cache: most look-ups of absent
    /// keys end there instead of in a cache miss in the large table.
    key_filter: HashFilter,
}

/// A bit per value of a hash's high 32 bits, folded to the filter's size (8 bits per entry):
/// a clear bit says that no entry has those bits, so the table need not be read. Saved in
/// snapshots.
#[derive(Debug, Default)]
struct HashFilter {
    bits: Le<8>,
    /// `bits.len() * 64 - 1` (0 when empty).
    mask: usize,
}

impl HashFilter {
    /// A filter over these hashes (or table entries: only their high 32 bits count), `n` of
    /// them.
    fn new(hashes: impl Iterator<Item = u64>, n: usize) -> Self {
        let mut bits = vec![0u64; (n * 8).next_power_of_two().max(64) / 64];
        let mask = bits.len() * 64 - 1;
        for h in hashes {
            let i = (h >> 32) as usize & mask;
            bits[i >> 6] |= 1 << (i & 63);
        }
        Self::with_bits(Le::<8>::from_values(&bits))
    }

    fn with_bits(bits: Le<8>) -> Self {
        let mask = (bits.len() * 64).saturating_sub(1);
        Self { bits, mask }
    }

    /// False only when no entry has `hash`'s high 32 bits.
    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let i = (hash >> 32) as usize & self.mask;
        self.bits.get(i >> 6) & (1 << (i & 63)) != 0
    }
}

/// Hash-table capacity for `n` entries: a power of two, at most half full.
fn capacity(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

/// The hash bits a first-word slot keeps.
const FIRST_HASH_BITS: u64 = (1 << 56) - 1;

/// Linear probing over a table of `len` slots (a power of two, or 0): the key index of `key`
/// (hash `hash`), or the empty slot where it would go. `key_of` gives a key index's key
/// (None when a damaged table names no key: it then does not match).
#[inline]
fn probe<'k>(
    len: usize,
    entry: impl Fn(usize) -> u64,
    key_of: impl Fn(u32) -> Option<&'k str>,
    hash: u64,
    key: &str,
) -> Result<u32, usize> {
    if len == 0 {
        return Err(0);
    }
    let mask = len - 1;
    let mut slot = hash as usize & mask;
    // A damaged table may have no empty slot: stop after one round.
    for _ in 0..len {
        let entry = entry(slot);
        if entry == 0 {
            return Err(slot);
        }
        if entry >> 32 == hash >> 32 {
            let index = (entry as u32).wrapping_sub(1);
            if key_of(index) == Some(key) {
                return Ok(index);
            }
        }
        slot = (slot + 1) & mask;
    }
    Err(slot)
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
        let mut keys: Vec<(u32, u32)> = Vec::with_capacity(rows.len() * 2 / 3);
        let mut table: Vec<u64> = vec![0; capacity(rows.len())];
        // Pass 1: key index of every row.
        let mut row_key = Vec::with_capacity(rows.len());
        let mut key_hashes = Vec::with_capacity(rows.len() * 2 / 3);
        for &(h, s, l, _) in &rows {
            let key = &arena[s as usize..(s + l) as usize];
            let found = probe(
                table.len(),
                |slot| table[slot],
                |k| {
                    let (s, l) = *keys.get(k as usize)?;
                    arena.get(s as usize..(s + l) as usize)
                },
                h,
                key,
            );
            let k = match found {
                Ok(k) => k,
                Err(slot) => {
                    let k = keys.len() as u32;
                    keys.push((s, l));
                    key_hashes.push(h);
                    table[slot] = (h >> 32) << 32 | u64::from(k + 1);
                    k
                }
            };
            row_key.push(k);
        }
        // The build table was sized for every row; the kept one for the unique keys.
        let mut table = vec![0u64; capacity(keys.len())];
        let mask = table.len() - 1;
        for (k, &h) in key_hashes.iter().enumerate() {
            let mut slot = h as usize & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = (h >> 32) << 32 | (k as u64 + 1);
        }
        // Pass 2: count, prefix sums, place (input order is kept within a key, so a place's
        // readings of one key are adjacent).
        let mut counts = vec![0u32; keys.len() + 1];
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
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut postings: Vec<Posting> = Vec::with_capacity(rows.len());
        for k in 0..keys.len() {
            let group_start = postings.len();
            starts.push(group_start as u32);
            for &p in &placed[counts[k] as usize..counts[k + 1] as usize] {
                match postings[group_start..]
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
                    None => postings.push(p),
                }
            }
            let (s, l) = keys[k];
            let key = &arena[s as usize..(s + l) as usize];
            let words = key.split(' ').count().min(255) as u8;
            let first = key.split(' ').next().unwrap_or(key);
            let e = first_words
                .entry(key_hash(first) & FIRST_HASH_BITS)
                .or_insert(0);
            *e = (*e).max(words);
        }
        starts.push(postings.len() as u32);
        // Keep each key once, in key order.
        let mut kept = String::with_capacity(keys.iter().map(|&(_, l)| l as usize).sum());
        let mut ends = Vec::with_capacity(keys.len());
        for (&(s, l), &post_end) in keys.iter().zip(&starts[1..]) {
            kept.push_str(&arena[s as usize..(s + l) as usize]);
            ends.push(u64::from(post_end) << 32 | kept.len() as u64);
        }
        let mut first_slots = vec![0u64; capacity(first_words.len())];
        let mask = first_slots.len() - 1;
        for (h, n) in first_words {
            let mut slot = h as usize & mask;
            while first_slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            // a key has at least one word: the slot is never 0
            first_slots[slot] = h | u64::from(n.max(1)) << 56;
        }
        let key_filter = HashFilter::new(table.iter().copied().filter(|&e| e != 0), keys.len());
        Self {
            arena: Cow::Owned(kept),
            ends: Le::<8>::from_values(&ends),
            postings,
            table: Le::<8>::from_values(&table),
            first_words: Le::<8>::from_values(&first_slots),
            key_filter,
        }
    }

    /// Appends the index to a snapshot section.
    pub fn write(&self, w: &mut Writer) {
        w.bytes(self.arena.as_bytes());
        self.ends.write(w);
        w.u32s(self.postings.iter().map(|p| p.place.0));
        w.bytes(&self.postings.iter().map(|p| p.flags).collect::<Vec<_>>());
        self.table.write(w);
        self.first_words.write(w);
        self.key_filter.bits.write(w);
    }

    /// Reads what [`Self::write`] wrote. The large arrays are borrowed in place from a
    /// snapshot that lives as long as the program; only their sizes are checked here
    /// (look-ups check offsets where they use them).
    pub fn read(r: &mut Reader<'static>) -> Result<Self> {
        let arena = Cow::Borrowed(std::str::from_utf8(r.bytes()?).map_err(|_| bad("keys"))?);
        let ends = Le::<8>::read(r)?;
        let places = r.u32s()?;
        let flags = r.bytes()?;
        let table = Le::<8>::read(r)?;
        let first_words = Le::<8>::read(r)?;
        let filter = Le::<8>::read(r)?;
        if places.len() != flags.len() {
            return Err(bad("postings"));
        }
        if !(table.is_empty() || table.len().is_power_of_two())
            || !(first_words.is_empty() || first_words.len().is_power_of_two())
            || !(filter.is_empty() || filter.len().is_power_of_two())
        {
            return Err(bad("tables"));
        }
        Ok(Self {
            arena,
            ends,
            postings: places
                .into_iter()
                .zip(flags)
                .map(|(p, &flags)| Posting {
                    place: super::PlaceId(p),
                    flags,
                })
                .collect(),
            table,
            first_words,
            key_filter: HashFilter::with_bits(filter),
        })
    }

    /// The largest place id in any posting (to check against the record count).
    pub fn max_place(&self) -> Option<u32> {
        self.postings.iter().map(|p| p.place.0).max()
    }

    /// Where key `i` and its postings start and end, as `(key start, postings start)` and
    /// `(key end, postings end)` (None past the end).
    #[inline]
    fn bounds(&self, i: u32) -> Option<((usize, usize), (usize, usize))> {
        let i = i as usize;
        let split = |e: u64| ((e as u32) as usize, (e >> 32) as usize);
        let start = if i == 0 { 0 } else { self.ends.try_get(i - 1)? };
        Some((split(start), split(self.ends.try_get(i)?)))
    }

    /// Key `i` (None past the end or on a damaged snapshot).
    #[inline]
    fn key(&self, i: u32) -> Option<&str> {
        let ((start, _), (end, _)) = self.bounds(i)?;
        self.arena.get(start..end)
    }

    /// Postings of key `i` (empty on a damaged snapshot).
    #[inline]
    fn postings_of(&self, i: u32) -> &[Posting] {
        self.bounds(i)
            .and_then(|((_, start), (_, end))| self.postings.get(start..end))
            .unwrap_or(&[])
    }

    /// Postings of a key (empty when absent).
    pub fn get(&self, key: &str) -> &[Posting] {
        let hash = key_hash(key);
        if !self.key_filter.may_contain(hash) {
            return &[];
        }
        probe(
            self.table.len(),
            |slot| self.table.get(slot),
            |k| self.key(k),
            hash,
            key,
        )
        .map_or(&[], |i| self.postings_of(i))
    }

    /// Longest key (in words) starting with this first word (0 when none); may overestimate on
    /// hash collisions, never underestimates.
    pub fn max_words_from(&self, first_word: &str) -> usize {
        let len = self.first_words.len();
        if len == 0 {
            return 0;
        }
        let h = key_hash(first_word) & FIRST_HASH_BITS;
        let mask = len - 1;
        let mut slot = h as usize & mask;
        // A damaged table may have no empty slot: stop after one round.
        for _ in 0..len {
            match self.first_words.get(slot) {
                0 => return 0,
                e if e & FIRST_HASH_BITS == h => return (e >> 56) as usize,
                _ => slot = (slot + 1) & mask,
            }
        }
        0
    }

    /// Number of unique keys.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Keys starting with a prefix, with their postings (a linear scan, for search boxes).
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [Posting])> + 'a {
        (0..self.len() as u32).filter_map(move |i| {
            let k = self.key(i)?;
            k.starts_with(prefix).then(|| (k, self.postings_of(i)))
        })
    }
}
