#!/usr/bin/env bash
# The project's one test command (the README's, and what .ci/run calls).
# Installs what the tests need, then: formatting check, the GUI-free core on its own
# (`--no-default-features`, proving the core never needs egui), and the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# The UI tests (tests/ui.rs, egui_kittest) run without a display or GPU, so no system
# packages are needed here; scripts/gui-deps.sh installs what a real window and
# scripts/screenshot.sh need.

export CARGO_TERM_COLOR=never
if [[ "${CI:-}" == true ]]; then
    # A clean clone builds once: incremental caches only cost disk there.
    export CARGO_INCREMENTAL=0
fi
echo "== cargo fmt --check"
cargo fmt --check

echo "== core without GUI: cargo check --no-default-features --all-targets"
cargo check --no-default-features --all-targets

echo "== core tests without GUI: cargo test --no-default-features"
cargo test --no-default-features

echo "== all tests with the GUI: cargo test"
cargo test

if [[ "${CI:-}" == true ]]; then
    echo "== disk used by the build: $(du -sh target | cut -f1)"
fi
