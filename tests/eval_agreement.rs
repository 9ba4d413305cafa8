//! `placemap eval` agrees with the reference scorer `score.py` (kept outside the repo in
//! `../shared/eval/`; the comparison runs when it is there, e.g. in CI, and is skipped with a
//! message otherwise) and with itself across its two entry points.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const GOLD_FILES: &[&str] = &["data/demo/gold.jsonl", "tests/fixtures/gold/extra.jsonl"];

/// Metrics both scorers report (`score.py --json` names).
const METRICS: &[&str] = &[
    "gold_docs",
    "pred_docs_matched",
    "gold_toponyms",
    "pred_toponyms",
    "rec_exact_p",
    "rec_exact_r",
    "rec_exact_f1",
    "rec_overlap_p",
    "rec_overlap_r",
    "rec_overlap_f1",
    "res_n",
    "gold_with_coords",
    "res_acc161",
    "res_median_km",
    "res_mean_km",
    "res_auc",
    "res_geonames_id_n",
    "res_geonames_id_acc",
    "e2e_acc161",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn placemap(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_placemap"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run placemap");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
    assert_eq!(out.status.code(), Some(0), "placemap {args:?}:\n{stderr}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn score_py() -> Option<PathBuf> {
    let p = root().join("../shared/eval/score.py");
    if !p.exists() {
        eprintln!(
            "skipping score.py comparison: {} not found (it sits beside the repo in CI)",
            p.display()
        );
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipping score.py comparison: python3 not available");
        return None;
    }
    Some(p)
}

fn python_scores(script: &Path, gold: &Path, pred: &Path, extra: &[&str]) -> Value {
    let out = Command::new("python3")
        .arg(script)
        .arg(gold)
        .arg(pred)
        .arg("--json")
        .args(extra)
        .output()
        .expect("run score.py");
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("score.py --json output")
}

fn assert_agree(what: &str, a: &Value, b: &Value) {
    for m in METRICS {
        let (x, y) = (&a[*m], &b[*m]);
        match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => {
                let tol = 1e-9 * x.abs().max(y.abs()).max(1.0);
                assert!((x - y).abs() <= tol, "{what}: {m} differs: {x} vs {y}");
            }
            _ => assert!(
                x.is_null() && y.is_null(),
                "{what}: {m} differs: {x} vs {y}"
            ),
        }
    }
}

/// Writes `placemap extract GOLD -o pred.jsonl` (end to end) and the gold-span predictions.
fn predictions(dir: &Path, gold: &str) -> (PathBuf, PathBuf) {
    let e2e = dir.join("pred-e2e.jsonl");
    let spans = dir.join("pred-spans.jsonl");
    placemap(&["extract", "-q", gold, "-o", e2e.to_str().expect("utf-8")]);
    placemap(&[
        "extract",
        "-q",
        "--spans-from",
        gold,
        gold,
        "-o",
        spans.to_str().expect("utf-8"),
    ]);
    (e2e, spans)
}

fn rust_scores(gold: &str, pred: &Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "eval",
        gold,
        "--predictions",
        pred.to_str().expect("utf-8"),
        "--json",
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(placemap(&args).trim()).expect("eval --json output")
}

const SETTINGS: &[&[&str]] = &[
    &[],
    &["--gold-kinds", "^required$"],
    &["--match", "exact"],
    &["--gold-kinds", "optional"],
];

#[test]
fn eval_agrees_with_score_py() {
    let Some(script) = score_py() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    for gold in GOLD_FILES {
        let (e2e, spans) = predictions(tmp.path(), gold);
        for (label, pred) in [("end to end", &e2e), ("gold spans", &spans)] {
            for extra in SETTINGS {
                let r = rust_scores(gold, pred, extra);
                let p = python_scores(&script, &root().join(gold), pred, extra);
                assert_agree(&format!("{gold} {label} {extra:?}"), &r, &p);
                eprintln!(
                    "{gold} {label} {extra:?}: overlap F1 {:.4}, acc@161 {}, e2e acc@161 {} (agree)",
                    r["rec_overlap_f1"], r["res_acc161"], r["e2e_acc161"]
                );
            }
        }
    }
}

#[test]
fn eval_command_matches_scoring_its_own_extract_output() {
    // `placemap eval GOLD` (extracting internally) and `placemap extract GOLD | eval --predictions`
    // must give the same numbers: the JSONL loader and the gold loader see the same documents.
    let tmp = tempfile::tempdir().expect("tempdir");
    for gold in GOLD_FILES {
        let (e2e, spans) = predictions(tmp.path(), gold);
        // `eval --json` prints one JSON object per line; the place scores are on the line with
        // `end_to_end` (other lines, e.g. actor/date scores, are not compared here).
        let internal: Value = placemap(&["eval", gold, "--json"])
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("eval --json line"))
            .find(|v| v.get("end_to_end").is_some())
            .expect("an eval --json line with end_to_end");
        assert_agree(
            &format!("{gold} end to end"),
            &internal["end_to_end"],
            &rust_scores(gold, &e2e, &[]),
        );
        assert_agree(
            &format!("{gold} gold spans"),
            &internal["gold_spans"],
            &rust_scores(gold, &spans, &[]),
        );
    }
}

#[test]
fn gold_scored_against_itself_is_perfect() {
    for gold in GOLD_FILES {
        let s = rust_scores(gold, &root().join(gold), &[]);
        for m in [
            "rec_exact_p",
            "rec_exact_r",
            "rec_exact_f1",
            "rec_overlap_f1",
            "res_acc161",
            "e2e_acc161",
        ] {
            assert_eq!(s[m].as_f64(), Some(1.0), "{gold}: {m} = {}", s[m]);
        }
        assert_eq!(s["res_median_km"].as_f64(), Some(0.0));
        assert_eq!(s["res_auc"].as_f64(), Some(0.0));
        if let Some(script) = score_py() {
            let p = python_scores(&script, &root().join(gold), &root().join(gold), &[]);
            assert_agree(&format!("{gold} vs itself"), &s, &p);
        }
    }
}

#[test]
fn empty_predictions_score_zero() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pred = tmp.path().join("empty.jsonl");
    std::fs::write(&pred, "").expect("write");
    for gold in GOLD_FILES {
        let s = rust_scores(gold, &pred, &[]);
        assert_eq!(s["pred_toponyms"].as_u64(), Some(0));
        assert_eq!(s["rec_overlap_r"].as_f64(), Some(0.0));
        assert_eq!(s["e2e_acc161"].as_f64(), Some(0.0));
        assert!(s["res_acc161"].is_null());
        if let Some(script) = score_py() {
            assert_agree(
                &format!("{gold} empty"),
                &s,
                &python_scores(&script, &root().join(gold), &pred, &[]),
            );
        }
    }
}
