//! Actor and date scores against gold JSONL (`actors`: names, `dates`: `{"text","date"}`).
//!
//! - Actors, per document: the found actors are the distinct canonical names (with every surface
//!   text they were found under). A gold name is found when it is contained in a found name or
//!   surface text (the lenient match of `shared/eval/README.md`); a found actor is correct when
//!   some gold name is contained in it. Precision = correct found / found, recall = found gold /
//!   gold.
//! - Dates, per document: gold dates are paired one-to-one, in order, with found mentions whose
//!   text contains the gold text or is contained in it (a found mention with the same value is
//!   preferred). Accuracy = exact values / paired, recall = exact values / gold, precision =
//!   exact values / found.

use serde::Serialize;

use crate::eval::GoldDoc;
use crate::extract::DocExtraction;

/// Actor and date scores over a gold set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EntityScores {
    /// Documents with actor annotations.
    pub actor_docs: usize,
    /// Gold actor names.
    pub actor_gold: usize,
    /// Distinct found actors (per document).
    pub actor_found: usize,
    /// Gold names matched by a found actor.
    pub actor_gold_matched: usize,
    /// Found actors that match a gold name.
    pub actor_found_correct: usize,
    /// Actor precision.
    pub actor_precision: f64,
    /// Actor recall.
    pub actor_recall: f64,
    /// Actor F1.
    pub actor_f1: f64,
    /// Documents with date annotations.
    pub date_docs: usize,
    /// Gold dates.
    pub date_gold: usize,
    /// Found date mentions.
    pub date_found: usize,
    /// Gold dates paired with a found mention by text.
    pub date_paired: usize,
    /// Paired gold dates whose value is exactly right.
    pub date_exact: usize,
    /// `date_exact / date_paired`.
    pub date_accuracy: f64,
    /// `date_exact / date_gold`.
    pub date_recall: f64,
    /// `date_exact / date_found`.
    pub date_precision: f64,
    /// Gold actors not found, as `doc_id: name`.
    pub missed_actors: Vec<String>,
    /// Found actors not in the gold, as `doc_id: name`.
    pub spurious_actors: Vec<String>,
    /// Gold dates not found with their value, as `doc_id: text = gold (found …)`.
    pub wrong_dates: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores the extractions (same order as `gold`) against the gold actors and dates.
pub fn score_entities(gold: &[GoldDoc], extractions: &[DocExtraction]) -> EntityScores {
    let mut s = EntityScores::default();
    for (g, ex) in gold.iter().zip(extractions) {
        if let Some(actors) = &g.actors {
            s.actor_docs += 1;
            score_actors(&mut s, g, actors, ex);
        }
        if let Some(dates) = &g.dates {
            s.date_docs += 1;
            score_dates(&mut s, g, dates, ex);
        }
    }
    s.actor_precision = ratio(s.actor_found_correct, s.actor_found);
    s.actor_recall = ratio(s.actor_gold_matched, s.actor_gold);
    let (p, r) = (s.actor_precision, s.actor_recall);
    s.actor_f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    s.date_accuracy = ratio(s.date_exact, s.date_paired);
    s.date_recall = ratio(s.date_exact, s.date_gold);
    s.date_precision = ratio(s.date_exact, s.date_found);
    s
}

fn score_actors(s: &mut EntityScores, g: &GoldDoc, gold: &[String], ex: &DocExtraction) {
    // Distinct found actors: canonical name → surface texts.
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    for m in &ex.actors {
        let surface = g.text.get(m.start..m.end).unwrap_or_default().to_owned();
        match found.iter_mut().find(|(n, _)| *n == m.name) {
            Some((_, texts)) => {
                if !texts.contains(&surface) {
                    texts.push(surface);
                }
            }
            None => found.push((m.name.clone(), vec![surface])),
        }
    }
    let matches = |gold_name: &str, (name, texts): &(String, Vec<String>)| {
        name.contains(gold_name) || texts.iter().any(|t| t.contains(gold_name))
    };
    s.actor_gold += gold.len();
    s.actor_found += found.len();
    for name in gold {
        if found.iter().any(|f| matches(name, f)) {
            s.actor_gold_matched += 1;
        } else {
            s.missed_actors.push(format!("{}: {name}", g.id));
        }
    }
    for f in &found {
        if gold.iter().any(|name| matches(name, f)) {
            s.actor_found_correct += 1;
        } else {
            s.spurious_actors
                .push(format!("{}: {} [{}]", g.id, f.0, f.1.join(" | ")));
        }
    }
}

fn score_dates(
    s: &mut EntityScores,
    g: &GoldDoc,
    gold: &[crate::eval::GoldDate],
    ex: &DocExtraction,
) {
    s.date_gold += gold.len();
    s.date_found += ex.dates.len();
    let texts: Vec<&str> = ex
        .dates
        .iter()
        .map(|d| g.text.get(d.start..d.end).unwrap_or_default())
        .collect();
    let mut used = vec![false; ex.dates.len()];
    for gd in gold {
        let gl = gd.text.to_lowercase();
        let pairs = |i: usize| {
            let t = texts[i].to_lowercase();
            !used[i] && (t.contains(&gl) || gl.contains(&t))
        };
        let pick = (0..ex.dates.len())
            .find(|&i| pairs(i) && ex.dates[i].value == gd.date)
            .or_else(|| (0..ex.dates.len()).find(|&i| pairs(i)));
        match pick {
            Some(i) => {
                used[i] = true;
                s.date_paired += 1;
                if ex.dates[i].value == gd.date {
                    s.date_exact += 1;
                } else {
                    s.wrong_dates.push(format!(
                        "{}: {:?} = {} (found {:?} = {})",
                        g.id, gd.text, gd.date, texts[i], ex.dates[i].value
                    ));
                }
            }
            None => s
                .wrong_dates
                .push(format!("{}: {:?} = {} (not found)", g.id, gd.text, gd.date)),
        }
    }
}

/// A short text report (scores, then up to `max_errors` misses of each kind).
pub fn format_entity_scores(s: &EntityScores, max_errors: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "actors: P {:.3} R {:.3} F1 {:.3}  (gold {}, found {}, gold matched {}, found correct {}; {} docs)",
        s.actor_precision,
        s.actor_recall,
        s.actor_f1,
        s.actor_gold,
        s.actor_found,
        s.actor_gold_matched,
        s.actor_found_correct,
        s.actor_docs
    );
    let _ = writeln!(
        out,
        "dates: value exact {:.3} of paired, recall {:.3}, precision {:.3}  (gold {}, found {}, paired {}, exact {}; {} docs)",
        s.date_accuracy,
        s.date_recall,
        s.date_precision,
        s.date_gold,
        s.date_found,
        s.date_paired,
        s.date_exact,
        s.date_docs
    );
    for (label, list) in [
        ("missed actor", &s.missed_actors),
        ("spurious actor", &s.spurious_actors),
        ("date", &s.wrong_dates),
    ] {
        for e in list.iter().take(max_errors) {
            let _ = writeln!(out, "  {label}: {e}");
        }
        if list.len() > max_errors {
            let _ = writeln!(out, "  … {} more ({label})", list.len() - max_errors);
        }
    }
    out
}

/// The scores as text with the first 15 errors of each kind (for `placemap eval`).
pub fn format(s: &EntityScores) -> String {
    format_entity_scores(s, 15)
}
