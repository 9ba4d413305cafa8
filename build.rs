//! Parses the bundled gazetteer sources and builds their name index once, at compile time,
//! so the program loads a ready index instead of normalising 750k names at every start.
//!
//! The gazetteer module is compiled into this script as it is (it needs only `crate::error`
//! and `crate::GAZETTEER_SNAPSHOT`, which is empty here, so the script builds from sources).

#![allow(dead_code, unused_imports, clippy::all, clippy::pedantic)]

#[path = "src/error.rs"]
mod error;
#[path = "src/gazetteer/mod.rs"]
mod gazetteer;

use std::path::PathBuf;

/// No snapshot while building the snapshot.
static GAZETTEER_SNAPSHOT: &[u8] = &[];

fn main() {
    for path in [
        "build.rs",
        "src/error.rs",
        "src/gazetteer",
        "data/gazetteer/places.tsv.zst",
        "data/supplement.tsv",
        "data/demonyms.tsv",
        "data/lexicon",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let gazetteer = gazetteer::Gazetteer::bundled().unwrap_or_else(|e| panic!("gazetteer: {e}"));
    std::fs::write(out.join("gazetteer.snap"), gazetteer.snapshot())
        .unwrap_or_else(|e| panic!("writing the gazetteer snapshot: {e}"));
}
