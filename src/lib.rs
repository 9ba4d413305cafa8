//! Placemap: find *where* a pile of documents happens.
//!
//! The library is GUI-free: it loads a corpus ([`corpus`]), resolves place mentions against a
//! bundled offline gazetteer ([`gazetteer`], [`extract`]), finds actors and dates, aggregates the
//! result into an [`atlas::Atlas`] the explorer draws and filters, writes it out ([`export`]) and
//! scores it against gold data ([`eval`]). Only [`app`] (feature `gui`) draws.

pub mod atlas;
pub mod corpus;
pub mod entity_eval;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod text;

#[cfg(feature = "gui")]
pub mod app;

pub use error::{Error, Result};

/// The bundled gazetteer, parsed and indexed at compile time by `build.rs` (see
/// `gazetteer::snapshot`).
static GAZETTEER_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.snap"));
