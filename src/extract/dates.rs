//! Dates: the document date from a dateline, and event dates in running text.
//!
//! Event dates are found by a handful of rules (explicit dates, month names with a preposition
//! or a modifier, weekdays, relative expressions) and normalised against the document date: a
//! year missing from the text is the one that puts the date nearest the document date (days), or
//! the most recent past occurrence unless the sentence speaks of the future (months, weekdays).
//!
//! ```
//! use chrono::NaiveDate;
//! use placemap::extract::dates::find_dates;
//! let doc = NaiveDate::from_ymd_opt(2025, 11, 17);
//! let found = find_dates("Mediators who met in Cairo two days ago said", doc);
//! assert_eq!(found[0].value, "2025-11-15");
//! ```

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::corpus::{DateSource, DocDate};

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
    /// An interval between two days.
    Interval,
}

/// An event date in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offset in the document text.
    pub start: usize,
    /// Byte offset after the mention.
    pub end: usize,
    /// ISO value: `2025-10-10`, `2025-10`, `2018` (for an interval, the value of its anchor).
    pub value: String,
    /// Precision.
    pub granularity: Granularity,
    /// First day covered.
    pub from: NaiveDate,
    /// Last day covered.
    pub to: NaiveDate,
}

const MONTH_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
// Abbreviations: with a period, or without one where a number follows ("Nov 3").
const MONTH_ANY: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?";
const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const NUMBER_WORDS: &str =
    "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3}";

/// The first two branches of the `Relative` rule.
const RELATIVE_UNITS: &str = r"(?-u:\b)(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate) )?(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) (?P<unit>year|month)(?-u:\b)";
const RELATIVE_DAYS: &str = r"(?-u:\b)(?P<day>[Yy]esterday|[Tt]oday|[Tt]omorrow)(?-u:\b)";

/// Which rule found a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Month day, year / day month year.
    FullDate,
    /// Weekday (Month day).
    WeekdayParen,
    /// Month day / day Month, no year.
    MonthDay,
    /// Month year.
    MonthYear,
    /// early/mid/late Month [year].
    ModMonth,
    /// early/mid/late year.
    ModYear,
    /// [last|next|this] Month, with context.
    Month,
    /// A bare year.
    Year,
    /// A weekday.
    Weekday,
    /// last/next/this year/month/week; yesterday/today/tomorrow; N units ago.
    Relative,
}

/// What a rule's match always contains: a month name (each begins with one of
/// `MONTH_PREFIXES`), a weekday (each ends in "day"), a year starting "19" or "20".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Nothing,
    Month,
    MonthAndWeekday,
    Weekday,
    Century,
}

/// The first three letters of every month name in `MONTH_FULL` and `MONTH_ANY`.
const MONTH_PREFIXES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

struct Rules {
    list: Vec<(Rule, Regex)>,
    /// Per rule of `list`: what a text must contain for it to match.
    needs: Vec<Need>,
    /// A SIMD searcher for `MONTH_PREFIXES` (None where the CPU has none: every text is then
    /// taken to hold a month name).
    month_prefixes: Option<aho_corasick::packed::Searcher>,
    /// The `Relative` rule without its "N units ago" branch: the same matches in a text
    /// without "ago", found much faster (the branch starts with "a" or a digit, which defeats
    /// the literal prefilter).
    relative_without_ago: Regex,
    future: Regex,
    dateline: Regex,
}

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a failure is a programming error caught by tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad date pattern {pattern}: {e}"))
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let m_any = MONTH_ANY;
    let m_full = MONTH_FULL;
    let list = vec![
        (
            Rule::FullDate,
            re(&format!(
                r"(?-u:\b)(?P<m>{m_any}) ?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,? (?P<y>[0-9]{{4}})(?-u:\b)"
            )),
        ),
        (
            Rule::FullDate,
            re(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}}) (?P<m>{m_full}),? (?P<y>[0-9]{{4}})(?-u:\b)"
            )),
        ),
        (
            Rule::WeekdayParen,
            re(&format!(
                r"(?-u:\b)(?:{WEEKDAYS}) ?\((?P<m>{m_any}) ?(?P<d>[0-9]{{1,2}})\)"
            )),
        ),
        (
            Rule::MonthDay,
            re(&format!(
                r"(?-u:\b)(?P<m>{m_any}) ?(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)"
            )),
        ),
        (
            Rule::MonthDay,
            re(&format!(
                r"(?-u:\b)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{m_full})(?-u:\b)"
            )),
        ),
        (
            Rule::MonthYear,
            re(&format!(
                r"(?-u:\b)(?P<m>{m_any}),? (?P<y>[0-9]{{4}})(?-u:\b)"
            )),
        ),
        (
            Rule::ModMonth,
            re(&format!(
                r"(?-u:\b)(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Ee]nd of)[- ](?P<m>{m_full})(?:,? (?P<y>[0-9]{{4}}))?(?-u:\b)"
            )),
        ),
        (
            Rule::ModYear,
            re(r"(?-u:\b)(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ](?P<y>(?:19|20)[0-9][0-9])(?-u:\b)"),
        ),
        (
            Rule::Month,
            re(&format!(
                r"(?-u:\b)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his) )?(?P<m>{m_full})(?-u:\b)"
            )),
        ),
        (
            Rule::Year,
            re(r"(?-u:\b)(?P<y>19[5-9][0-9]|20[0-4][0-9])(?-u:\b)"),
        ),
        (
            Rule::Weekday,
            re(&format!(r"(?-u:\b)(?P<w>{WEEKDAYS})(?-u:\b)")),
        ),
        (
            Rule::Relative,
            re(&format!(
                "{RELATIVE_UNITS}|{RELATIVE_DAYS}|(?-u:\\b)(?P<n>{NUMBER_WORDS}) (?P<unit2>day|week|month|year)s? ago(?-u:\\b)"
            )),
        ),
    ];
    let relative_without_ago = re(&format!("{RELATIVE_UNITS}|{RELATIVE_DAYS}"));
    let future = re(
        r"(?-u:\b)(?:will|shall|would|due to|expected to|scheduled|set to|plans? to|planned|prepares?|continues|upcoming|next|is to|are to)(?-u:\b)|'ll(?-u:\b)",
    );
    let dateline = re(&format!(
        r"^\s*[A-Z][A-Z .'\-]+(?:, [A-Z][\w.' \-]*)*, (?P<m>{MONTH_ANY}) ?(?P<d>[0-9]{{1,2}})(?:, (?P<y>[0-9]{{4}}))?\s*(?:\([^)]{{0,40}}\)\s*)?[—–\-]"
    ));
    let needs = list
        .iter()
        .map(|(rule, _)| match rule {
            Rule::FullDate | Rule::MonthDay | Rule::MonthYear | Rule::ModMonth | Rule::Month => {
                Need::Month
            }
            Rule::WeekdayParen => Need::MonthAndWeekday,
            Rule::Weekday => Need::Weekday,
            Rule::ModYear | Rule::Year => Need::Century,
            Rule::Relative => Need::Nothing,
        })
        .collect();
    let month_prefixes = aho_corasick::packed::Searcher::new(MONTH_PREFIXES);
    Rules {
        list,
        needs,
        month_prefixes,
        relative_without_ago,
        future,
        dateline,
    }
});

fn month_number(name: &str) -> Option<u32> {
    let n = match name.get(..3)? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn number(word: &str) -> Option<u32> {
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return word.parse().ok(),
    };
    Some(n)
}

fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first = month_start(y, m)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn day_mention(d: NaiveDate) -> (String, Granularity, NaiveDate, NaiveDate) {
    (d.format("%Y-%m-%d").to_string(), Granularity::Day, d, d)
}

fn month_mention(y: i32, m: u32) -> Option<(String, Granularity, NaiveDate, NaiveDate)> {
    Some((
        format!("{y:04}-{m:02}"),
        Granularity::Month,
        month_start(y, m)?,
        month_end(y, m)?,
    ))
}

fn year_mention(y: i32) -> Option<(String, Granularity, NaiveDate, NaiveDate)> {
    Some((
        format!("{y:04}"),
        Granularity::Year,
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y, 12, 31)?,
    ))
}

/// The text of the sentence before `at` (at most 300 bytes back).
fn sentence_before(text: &str, at: usize) -> &str {
    let mut lo = at.saturating_sub(300);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let window = &text[lo..at];
    let cut = window
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | '”'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &window[cut..]
}

/// Does the sentence around a mention speak of the future?
fn future_tense(text: &str, start: usize) -> bool {
    let before = sentence_before(text, start);
    if before.ends_with("since ") || before.ends_with("Since ") {
        return false;
    }
    RULES.future.is_match(before)
}

/// The day `month`/`day` nearest `doc` (the year before, of, or after the document's).
fn nearest_day(doc: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (doc.year() - 1..=doc.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - doc).num_days().abs())
}

fn preceded_by_context(text: &str, start: usize) -> bool {
    const WORDS: &[&str] = &[
        "in", "since", "by", "until", "till", "through", "from", "during", "of", "before", "after",
        "between", "and", "to", "or", "early", "late", "mid", "In", "Since", "By", "Until", "From",
        "During", "Before", "After",
    ];
    let before = text[..start].trim_end_matches(' ');
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    WORDS.contains(&&before[word_start..])
}

/// Normalises one candidate; None when it cannot be (or is not a date).
fn normalise(
    rule: Rule,
    caps: &regex::Captures<'_>,
    text: &str,
    doc: Option<NaiveDate>,
) -> Option<(String, Granularity, NaiveDate, NaiveDate)> {
    let whole = caps.get(0)?;
    let get = |name: &str| caps.name(name).map(|m| m.as_str());
    let month = get("m").and_then(month_number);
    let year = get("y").and_then(|y| y.parse::<i32>().ok());
    match rule {
        Rule::FullDate => {
            let d = NaiveDate::from_ymd_opt(year?, month?, get("d")?.parse().ok()?)?;
            Some(day_mention(d))
        }
        Rule::WeekdayParen | Rule::MonthDay => {
            let m = month?;
            let d = nearest_day(doc?, m, get("d")?.parse().ok()?)?;
            Some(day_mention(d))
        }
        Rule::MonthYear => {
            let m = month?;
            let y = year?;
            if !(1900..=2100).contains(&y) {
                return None;
            }
            month_mention(y, m)
        }
        Rule::ModMonth => {
            let m = month?;
            let y = match year {
                Some(y) => y,
                None => past_or_future_month(text, whole.start(), doc?, m),
            };
            month_mention(y, m)
        }
        Rule::ModYear => year_mention(year?),
        Rule::Month => {
            let m = month?;
            let doc = doc?;
            let rel = get("rel").map(str::to_ascii_lowercase);
            let y = match rel.as_deref() {
                Some("last") => {
                    if m < doc.month() {
                        doc.year()
                    } else {
                        doc.year() - 1
                    }
                }
                Some("next") => {
                    if m > doc.month() {
                        doc.year()
                    } else {
                        doc.year() + 1
                    }
                }
                Some(_) => doc.year(),
                None => {
                    // A bare month needs a preposition before it ("in May", "since April").
                    if !preceded_by_context(text, whole.start()) {
                        return None;
                    }
                    past_or_future_month(text, whole.start(), doc, m)
                }
            };
            month_mention(y, m)
        }
        Rule::Year => {
            let y = year?;
            let before = text[..whole.start()].chars().next_back();
            let after = text[whole.end()..].chars().next();
            // Not part of a larger number, an amount or an identifier.
            if matches!(before, Some('$' | '£' | '€' | ',' | '.' | '-' | '/' | '#'))
                || matches!(after, Some('%' | ',' | '-' | '/') if !text[whole.end()..].starts_with(", "))
            {
                return None;
            }
            year_mention(y)
        }
        Rule::Weekday => {
            let doc = doc?;
            let w = weekday(get("w")?)?;
            let here = doc.weekday();
            if w == here {
                return Some(day_mention(doc));
            }
            let back = (here.num_days_from_monday() + 7 - w.num_days_from_monday()) % 7;
            let d = if future_tense(text, whole.start()) {
                doc.checked_add_days(Days::new(u64::from(7 - back)))?
            } else {
                doc.checked_sub_days(Days::new(u64::from(back)))?
            };
            Some(day_mention(d))
        }
        Rule::Relative => relative(caps, doc?),
    }
}

fn past_or_future_month(text: &str, start: usize, doc: NaiveDate, m: u32) -> i32 {
    if future_tense(text, start) {
        if m >= doc.month() {
            doc.year()
        } else {
            doc.year() + 1
        }
    } else if m <= doc.month() {
        doc.year()
    } else {
        doc.year() - 1
    }
}

fn relative(
    caps: &regex::Captures<'_>,
    doc: NaiveDate,
) -> Option<(String, Granularity, NaiveDate, NaiveDate)> {
    let get = |name: &str| caps.name(name).map(|m| m.as_str().to_ascii_lowercase());
    if let Some(day) = get("day") {
        let d = match day.as_str() {
            "yesterday" => doc.pred_opt()?,
            "tomorrow" => doc.succ_opt()?,
            _ => doc,
        };
        return Some(day_mention(d));
    }
    if let (Some(n), Some(unit)) = (get("n"), get("unit2")) {
        let n = number(&n)?;
        return match unit.as_str() {
            "day" => Some(day_mention(doc.checked_sub_days(Days::new(u64::from(n)))?)),
            "week" => Some(day_mention(
                doc.checked_sub_days(Days::new(u64::from(7 * n)))?,
            )),
            "month" => {
                let d = doc.checked_sub_months(Months::new(n))?;
                month_mention(d.year(), d.month())
            }
            _ => year_mention(doc.year() - n as i32),
        };
    }
    let shift: i32 = match get("rel")?.as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    if get("unit")? == "year" {
        return year_mention(doc.year() + shift);
    }
    let first = month_start(doc.year(), doc.month())?;
    let d = match shift {
        -1 => first.checked_sub_months(Months::new(1))?,
        1 => first.checked_add_months(Months::new(1))?,
        _ => first,
    };
    month_mention(d.year(), d.month())
}

/// Can the dateline pattern match `head`? It opens with white space (`\s` is Unicode white
/// space, as `trim_start`), a capital and one more capital, space, dot, apostrophe or hyphen:
/// most texts fail that at once, without running the regex.
fn may_open_dateline(head: &str) -> bool {
    matches!(
        head.trim_start().as_bytes(),
        [b'A'..=b'Z', b'A'..=b'Z' | b' ' | b'.' | b'\'' | b'-', ..]
    )
}

/// The date of a dateline ("CAIRO, Oct. 9, 2025 (Reuters) —"), when the text starts with one
/// that names its year. A dateline without a year gives None: the day alone cannot date a
/// document (see [`dateline_day`] to complete a known year).
pub fn dateline_date(text: &str) -> Option<DocDate> {
    let head = text.get(..text.len().min(200)).unwrap_or(text);
    if !may_open_dateline(head) {
        return None;
    }
    let caps = RULES.dateline.captures(head)?;
    let y: i32 = caps.name("y")?.as_str().parse().ok()?;
    let m = month_number(caps.name("m")?.as_str())?;
    let d: u32 = caps.name("d")?.as_str().parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    Some(DocDate {
        date,
        source: DateSource::Dateline,
    })
}

/// The day of a dateline ("GAZA CITY, Nov 3 (Reuters) -") in the year that puts it nearest
/// `near` (e.g. a file date or a date range the user gave).
pub fn dateline_day(text: &str, near: NaiveDate) -> Option<DocDate> {
    let head = text.get(..text.len().min(200)).unwrap_or(text);
    if !may_open_dateline(head) {
        return None;
    }
    let caps = RULES.dateline.captures(head)?;
    let m = month_number(caps.name("m")?.as_str())?;
    let d: u32 = caps.name("d")?.as_str().parse().ok()?;
    let date = match caps.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
        Some(y) => NaiveDate::from_ymd_opt(y, m, d)?,
        None => nearest_day(near, m, d)?,
    };
    Some(DocDate {
        date,
        source: DateSource::Dateline,
    })
}

/// Event dates in the text, normalised against the document date, sorted by start.
///
/// Without a document date only dates that carry their year are found.
pub fn find_dates(text: &str, doc_date: Option<NaiveDate>) -> Vec<DateMention> {
    let rules = &*RULES;
    // Without "ago" in the text the third branch of `Relative` never matches, and the rule
    // finds what its first two branches find.
    let has_ago = memchr::memmem::find(text.as_bytes(), b"ago").is_some();
    let regex_of = |i: usize| match &rules.list[i] {
        (Rule::Relative, _) if !has_ago => &rules.relative_without_ago,
        (_, regex) => regex,
    };
    // Rules that need a month name, a weekday or a year's first two digits find nothing in a
    // text without them: those scans are skipped.
    let has_month = match &rules.month_prefixes {
        Some(teddy) => teddy.find(text).is_some(),
        None => true,
    };
    let has_day = memchr::memmem::find(text.as_bytes(), b"day").is_some();
    let has_century = memchr::memmem::find(text.as_bytes(), b"19").is_some()
        || memchr::memmem::find(text.as_bytes(), b"20").is_some();
    let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, rule index)
    for i in 0..rules.list.len() {
        let possible = match rules.needs[i] {
            Need::Nothing => true,
            Need::Month => has_month,
            Need::MonthAndWeekday => has_month && has_day,
            Need::Weekday => has_day,
            Need::Century => has_century,
        };
        if !possible {
            continue;
        }
        for m in regex_of(i).find_iter(text) {
            cands.push((m.start(), m.end(), i));
        }
    }
    // Longest first at each start; earlier rules win ties.
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<DateMention> = Vec::new();
    let mut taken_until = 0;
    for (start, end, i) in cands {
        if start < taken_until {
            continue;
        }
        let rule = &rules.list[i].0;
        let Some(caps) = regex_of(i).captures_at(text, start) else {
            continue;
        };
        if caps.get(0).map(|m| (m.start(), m.end())) != Some((start, end)) {
            continue;
        }
        let Some((value, granularity, from, mut to)) = normalise(*rule, &caps, text, doc_date)
        else {
            continue;
        };
        let mut granularity = granularity;
        // "since October 10": from the date to the document date.
        if let Some(doc) = doc_date {
            let before = text[..start].trim_end_matches(' ');
            if (before.ends_with("since") || before.ends_with("Since")) && doc > to {
                to = doc;
                granularity = Granularity::Interval;
            }
        }
        taken_until = end;
        out.push(DateMention {
            start,
            end,
            value,
            granularity,
            from,
            to,
        });
    }
    out
}
