//! A flat little-endian encoding of the loaded gazetteer, written at compile time by
//! `build.rs` (which compiles this module tree on its own) and read back at start-up, so the
//! bundled name index is never rebuilt at run time.
//!
//! The snapshot is a sequence of sections, stored as they are; sections decode in parallel.

use crate::error::{Error, Result};

const LABEL: &str = "gazetteer snapshot";
/// Leading bytes of a snapshot.
pub const MAGIC: &[u8; 8] = b"PLMPSNAP";

/// Appends plain values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn f64(&mut self, v: f64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.buf.extend_from_slice(b);
    }

    pub fn u32s(&mut self, v: impl ExactSizeIterator<Item = u32>) {
        self.len(v.len());
        for x in v {
            self.u32(x);
        }
    }
}

/// The little-endian `u32` at byte `at` of `b` (panics past the end).
pub fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

/// The little-endian `u64` at byte `at` of `b` (panics past the end).
pub fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Reads what a [`Writer`] wrote; every read is bounds-checked.
pub struct Reader<'a> {
    data: &'a [u8],
}

fn truncated() -> Error {
    Error::data(LABEL, 0, "truncated or corrupt")
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.data.len() {
            return Err(truncated());
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.take(N)?.try_into().map_err(|_| truncated())
    }

    pub fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }

    pub fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_le_bytes)
    }

    pub fn len(&mut self) -> Result<usize> {
        usize::try_from(self.u64()?).map_err(|_| truncated())
    }

    pub fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }

    pub fn string(&mut self) -> Result<String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| truncated())
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>> {
        self.array_of(u32::from_le_bytes)
    }

    /// A length-prefixed array of fixed-width little-endian values.
    fn array_of<const N: usize, T>(&mut self, decode: fn([u8; N]) -> T) -> Result<Vec<T>> {
        let n = self.len()?;
        let raw = self.take(n.checked_mul(N).ok_or_else(truncated)?)?;
        Ok(raw
            .chunks_exact(N)
            .map(|c| {
                let mut a = [0u8; N];
                a.copy_from_slice(c);
                decode(a)
            })
            .collect())
    }
}

/// Joins sections into one snapshot: magic, format version, then each section as it is.
///
/// Sections are stored uncompressed: the snapshot is embedded in the binary, and reading
/// them in place at start-up is much faster than decoding zstd frames (the binary is larger,
/// the repository is not: the snapshot is built from the committed data by `build.rs`).
pub fn pack(version: u32, sections: &[Vec<u8>]) -> Vec<u8> {
    let mut w = Writer::default();
    w.buf.extend_from_slice(MAGIC);
    w.u32(version);
    w.len(sections.len());
    for s in sections {
        w.bytes(s);
    }
    w.buf
}

/// Splits a snapshot into its sections, checking the magic and the format version.
pub fn unpack(data: &[u8], version: u32) -> Result<Vec<&[u8]>> {
    let mut r = Reader::new(data);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Error::data(LABEL, 0, "not a gazetteer snapshot"));
    }
    let found = r.u32()?;
    if found != version {
        return Err(Error::Format {
            found: found.to_string(),
            expected: version,
        });
    }
    let n = r.len()?;
    (0..n).map(|_| r.bytes()).collect()
}
