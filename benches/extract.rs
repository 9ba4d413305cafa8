//! Criterion benches: gazetteer lookup and per-document extraction.
fn main() {}
