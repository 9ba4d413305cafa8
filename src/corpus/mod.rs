//! Corpus loading: files and folders of `.txt`/`.md`, `.html`, `.jsonl` and `.csv` become
//! [`Document`]s split into passages. Bad input never stops the load: every file or line that
//! cannot be read becomes a [`Problem`] naming the file (and line), and the rest loads.

mod html;

use std::io::{BufRead as _, BufReader, Read as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use html::{HtmlDoc, parse_html};

/// Where a document's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A `date` field of a JSONL line or CSV row.
    Metadata,
    /// HTML `<meta property="article:published_time">` or similar.
    HtmlMeta,
    /// HTML JSON-LD `datePublished`.
    JsonLd,
    /// Markdown/text front matter `date:`.
    FrontMatter,
    /// A dateline in the text ("CAIRO, Oct. 9 —").
    Dateline,
}

/// A document's publication date and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    /// The date.
    pub date: NaiveDate,
    /// Its source.
    pub source: DateSource,
}

/// One document of the corpus.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// Identifier: the JSONL/CSV `id`, else `path` or `path:line`.
    pub id: String,
    /// Title, when one is known.
    pub title: Option<String>,
    /// Publication date, when one is known.
    pub date: Option<DocDate>,
    /// Publisher or source field, when given.
    pub source: Option<String>,
    /// URL, when given.
    pub url: Option<String>,
    /// The file it came from.
    pub path: PathBuf,
    /// 1-based line in that file (JSONL/CSV), when applicable.
    pub line: Option<usize>,
    /// The text all offsets refer to.
    pub text: String,
    /// Paragraphs (long ones cut at sentence ends), as byte ranges into `text`.
    pub passages: Vec<Range<usize>>,
}

impl Document {
    /// A document from plain text (passages computed).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let passages = split_passages(&text);
        Self {
            id: id.into(),
            text,
            passages,
            ..Self::default()
        }
    }

    /// The passage containing byte offset `at` (index into `passages`).
    pub fn passage_at(&self, at: usize) -> Option<usize> {
        let i = self.passages.partition_point(|p| p.end <= at);
        (i < self.passages.len() && self.passages[i].start <= at).then_some(i)
    }
}

/// Something that went wrong while loading; the rest of the corpus still loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, when the problem is one line of the file.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
    /// Was data skipped (as opposed to a warning about data that was still loaded)?
    pub skipped: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(
            f,
            ": {}{}",
            if self.skipped {
                "skipped: "
            } else {
                "warning: "
            },
            self.message
        )
    }
}

impl Problem {
    fn skipped(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line,
            message: message.into(),
            skipped: true,
        }
    }

    fn warning(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line,
            message: message.into(),
            skipped: false,
        }
    }
}

/// Options for reading files.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// CSV column holding the text (auto-detected when `None`).
    pub text_column: Option<String>,
}

/// File formats Placemap reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown (front matter supported).
    Text,
    /// HTML.
    Html,
    /// One JSON document per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl Format {
    /// The format for a path's extension; `None` for files a folder scan skips.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Self::Text,
            "html" | "htm" | "xhtml" => Self::Html,
            "jsonl" | "ndjson" => Self::Jsonl,
            "csv" => Self::Csv,
            _ => return None,
        })
    }
}

/// The files found under the given paths, plus problems met on the way.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, in a stable order.
    pub files: Vec<(PathBuf, Format)>,
    /// Paths that could not be read.
    pub problems: Vec<Problem>,
}

/// Walks files and folders (recursively, following links, detecting loops). Files named
/// directly are read whatever their extension (as text); in folders only known extensions are.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    let mut seen_dirs = std::collections::HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => out
                .problems
                .push(Problem::skipped(path, None, format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => walk(path, &mut seen_dirs, &mut out),
            Ok(_) => out.files.push((
                path.clone(),
                Format::from_path(path).unwrap_or(Format::Text),
            )),
        }
    }
    out
}

fn walk(dir: &Path, seen: &mut std::collections::HashSet<PathBuf>, out: &mut Discovery) {
    let canonical = match dir.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            out.problems.push(Problem::skipped(
                dir,
                None,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    if !seen.insert(canonical) {
        out.problems.push(Problem::warning(
            dir,
            None,
            "folder already visited (symlink loop?), not read again",
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.problems.push(Problem::skipped(
                dir,
                None,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => out.problems.push(Problem::skipped(
                dir,
                None,
                format!("cannot list folder entry: {e}"),
            )),
        }
    }
    paths.sort();
    for path in paths {
        match std::fs::metadata(&path) {
            Err(e) => out
                .problems
                .push(Problem::skipped(&path, None, format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => walk(&path, seen, out),
            Ok(_) => {
                let hidden = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                if let (Some(format), false) = (Format::from_path(&path), hidden) {
                    out.files.push((path, format));
                }
            }
        }
    }
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct FileLoad {
    /// Documents read.
    pub documents: Vec<Document>,
    /// Problems met.
    pub problems: Vec<Problem>,
}

/// Reads a whole file (all of its documents). For very large JSONL/CSV files prefer
/// [`read_file_streaming`].
pub fn read_file(path: &Path, format: Format, opts: &LoadOptions) -> FileLoad {
    let mut load = FileLoad::default();
    let problems = read_file_streaming(path, format, opts, &mut |d| load.documents.push(d));
    load.problems = problems;
    load
}

/// Reads a file and hands each document to `sink` as soon as it is parsed (JSONL and CSV are
/// streamed line by line, so memory stays flat whatever the file size).
pub fn read_file_streaming(
    path: &Path,
    format: Format,
    opts: &LoadOptions,
    sink: &mut dyn FnMut(Document),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return vec![Problem::skipped(path, None, format!("cannot open: {e}"))],
    };
    match format {
        Format::Jsonl => read_jsonl(path, file, sink, &mut problems),
        Format::Csv => read_csv(path, file, opts, sink, &mut problems),
        Format::Text | Format::Html => {
            let mut bytes = Vec::new();
            if let Err(e) = BufReader::new(file).read_to_end(&mut bytes) {
                return vec![Problem::skipped(path, None, format!("cannot read: {e}"))];
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                problems.push(Problem::warning(path, None, "empty file, no documents"));
                return problems;
            }
            if looks_binary(&bytes) {
                problems.push(Problem::skipped(path, None, "binary file, not text"));
                return problems;
            }
            let text = decode(path, bytes, None, &mut problems);
            let doc = if format == Format::Html {
                html_document(path, &text)
            } else {
                text_document(path, &text)
            };
            sink(doc);
        }
    }
    problems
}

/// True when the first 8 KiB hold a NUL byte or mostly control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len()
}

fn decode(path: &Path, bytes: Vec<u8>, line: Option<usize>, problems: &mut Vec<Problem>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(s),
        Err(e) => {
            problems.push(Problem::warning(
                path,
                line,
                format!(
                    "invalid UTF-8 at byte {}; decoded with replacement characters",
                    e.utf8_error().valid_up_to()
                ),
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn file_id(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A document from a text/Markdown file: front matter (`title:`, `date:`, `source:`, `url:`)
/// is metadata, the rest is the text.
pub fn text_document(path: &Path, raw: &str) -> Document {
    let raw = raw.replace("\r\n", "\n");
    let (meta, body) = split_front_matter(&raw);
    let body = body.trim_end();
    let mut doc = Document::from_text(file_id(path), body);
    path.clone_into(&mut doc.path);
    for (k, v) in meta {
        match k.as_str() {
            "title" => doc.title = Some(v),
            "date" | "published" | "pubdate" => {
                doc.date = parse_date(&v).map(|date| DocDate {
                    date,
                    source: DateSource::FrontMatter,
                });
            }
            "source" | "publisher" => doc.source = Some(v),
            "url" | "link" => doc.url = Some(v),
            _ => {}
        }
    }
    if doc.title.is_none() {
        doc.title = body
            .lines()
            .map(|l| l.trim().trim_start_matches('#').trim())
            .find(|l| !l.is_empty())
            .filter(|l| l.chars().count() <= 200)
            .map(str::to_owned);
    }
    doc
}

fn split_front_matter(raw: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = raw.strip_prefix("---\n") else {
        return (Vec::new(), raw);
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(str::len))
    else {
        return (Vec::new(), raw);
    };
    let meta = rest[..end]
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            Some((k.trim().to_ascii_lowercase(), v.to_owned()))
        })
        .collect();
    let body_start = (end + 5).min(rest.len());
    (meta, &rest[body_start..])
}

fn html_document(path: &Path, raw: &str) -> Document {
    let parsed = parse_html(raw);
    let mut doc = Document::from_text(file_id(path), parsed.text);
    path.clone_into(&mut doc.path);
    doc.title = parsed.title;
    doc.url = parsed.url;
    doc.date = parsed.date;
    doc
}

/// Fields a JSONL line may carry.
#[derive(Deserialize)]
struct JsonLine {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

fn read_jsonl(
    path: &Path,
    file: std::fs::File,
    sink: &mut dyn FnMut(Document),
    problems: &mut Vec<Problem>,
) {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let mut line_no = 0;
    let mut any = false;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                problems.push(Problem::skipped(
                    path,
                    Some(line_no + 1),
                    format!("read error: {e}; rest of file skipped"),
                ));
                break;
            }
        }
        line_no += 1;
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any = true;
        let line = decode(path, std::mem::take(&mut buf), Some(line_no), problems);
        match serde_json::from_str::<JsonLine>(&line) {
            Err(e) => problems.push(Problem::skipped(
                path,
                Some(line_no),
                format!("malformed JSON: {e}"),
            )),
            Ok(JsonLine { text: None, .. }) => {
                problems.push(Problem::skipped(path, Some(line_no), "no `text` field"));
            }
            Ok(j) => {
                let text = j.text.unwrap_or_default();
                let mut doc = Document::from_text(
                    match j.id {
                        Some(serde_json::Value::String(s)) => s,
                        Some(v) => v.to_string(),
                        None => format!("{}:{line_no}", file_id(path)),
                    },
                    text,
                );
                doc.title = j.title;
                doc.source = j.source;
                doc.url = j.url;
                doc.date = j.date.as_deref().and_then(parse_date).map(|date| DocDate {
                    date,
                    source: DateSource::Metadata,
                });
                path.clone_into(&mut doc.path);
                doc.line = Some(line_no);
                sink(doc);
            }
        }
    }
    if !any {
        problems.push(Problem::warning(path, None, "empty file, no documents"));
    }
}

const TEXT_COLUMNS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "story",
    "article_text",
    "maintext",
];

fn read_csv(
    path: &Path,
    file: std::fs::File,
    opts: &LoadOptions,
    sink: &mut dyn FnMut(Document),
    problems: &mut Vec<Problem>,
) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 20, file));
    let headers: Vec<String> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
            .collect(),
        Err(e) => {
            problems.push(Problem::skipped(
                path,
                Some(1),
                format!("cannot read CSV header: {e}"),
            ));
            return;
        }
    };
    if headers.iter().all(String::is_empty) {
        problems.push(Problem::warning(path, None, "empty file, no documents"));
        return;
    }
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let text_col = match &opts.text_column {
        Some(name) => headers.iter().position(|h| h.eq_ignore_ascii_case(name)),
        None => find(TEXT_COLUMNS),
    };
    let Some(text_col) = text_col else {
        let columns = headers.join(", ");
        let message = match &opts.text_column {
            Some(name) => format!("no column named {name:?} (columns: {columns})"),
            None => format!("no text column found (columns: {columns}); pass --text-column NAME"),
        };
        problems.push(Problem::skipped(path, Some(1), message));
        return;
    };
    let id_col = find(&["id", "doc_id", "document_id"]);
    let title_col = find(&["title", "headline"]);
    let date_col = find(&[
        "date",
        "published",
        "publish_date",
        "pubdate",
        "published_at",
        "timestamp",
    ]);
    let source_col = find(&["source", "publisher", "outlet", "site"]);
    let url_col = find(&["url", "link"]);
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Problem::skipped(
                    path,
                    Some(line),
                    format!("malformed CSV: {e}"),
                ));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .filter(|s| !s.trim().is_empty())
        };
        let Some(text) = field(Some(text_col)) else {
            problems.push(Problem::skipped(path, Some(line), "empty text field"));
            continue;
        };
        let mut doc = Document::from_text(
            field(id_col).unwrap_or_else(|| format!("{}:{line}", file_id(path))),
            text,
        );
        doc.title = field(title_col);
        doc.source = field(source_col);
        doc.url = field(url_col);
        doc.date = field(date_col)
            .as_deref()
            .and_then(parse_date)
            .map(|date| DocDate {
                date,
                source: DateSource::Metadata,
            });
        path.clone_into(&mut doc.path);
        doc.line = Some(line);
        sink(doc);
    }
}

/// Longest passage before it is cut at sentence ends (bytes).
const MAX_PASSAGE: usize = 1500;

/// Splits text into passages: lines/paragraphs, long ones cut at sentence ends.
pub fn split_passages(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim();
        if !content.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let s = start + lead;
            let e = s + content.len();
            cut_long(text, s, e, &mut out);
        }
        start = end;
    }
    out
}

fn cut_long(text: &str, mut s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    while e - s > MAX_PASSAGE {
        let window = &text[s..e];
        // last sentence end before MAX_PASSAGE, else first after, else hard cut at a char boundary
        let mut cut = None;
        for (i, _) in window.match_indices(". ") {
            if i + 2 > MAX_PASSAGE && cut.is_some() {
                break;
            }
            cut = Some(i + 2);
        }
        let cut = cut.unwrap_or_else(|| {
            let mut c = MAX_PASSAGE.min(window.len());
            while !window.is_char_boundary(c) {
                c -= 1;
            }
            c
        });
        out.push(s..s + cut - usize::from(window[..cut].ends_with(' ')));
        s += cut;
        while s < e && text[s..].starts_with(' ') {
            s += 1;
        }
    }
    if s < e {
        out.push(s..e);
    }
}

/// Parses the date forms documents carry: ISO (`2025-10-09`, with or without time),
/// `2025/10/09`, `9 October 2025`, `October 9, 2025`, `Oct. 9, 2025`, RFC 2822.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 {
        let head = &s[..10];
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(head, "%Y/%m/%d") {
            return Some(d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    let cleaned: String = s.replace(['.', ','], " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let month = |w: &str| month_number(w);
    let (mut day, mut mon, mut year) = (None, None, None);
    for w in &words {
        if let Some(m) = month(w) {
            mon = mon.or(Some(m));
        } else if let Ok(n) = w
            .trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
        {
            if n > 31 {
                year = year.or(Some(n as i32));
            } else {
                day = day.or(Some(n));
            }
        }
    }
    NaiveDate::from_ymd_opt(year?, mon?, day?)
}

/// Month number for an English month name or abbreviation ("Oct", "October", "Sept").
pub fn month_number(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_title() {
        let doc = text_document(
            Path::new("a.md"),
            "---\ntitle: Talks resume\ndate: 2025-10-09\n---\nCAIRO — Talks resumed.\n\nMore.\n",
        );
        assert_eq!(doc.title.as_deref(), Some("Talks resume"));
        assert_eq!(
            doc.date.map(|d| d.date.to_string()).as_deref(),
            Some("2025-10-09")
        );
        assert_eq!(doc.text, "CAIRO — Talks resumed.\n\nMore.");
        assert_eq!(doc.passages.len(), 2);
        assert_eq!(&doc.text[doc.passages[1].clone()], "More.");
    }

    #[test]
    fn long_passages_are_cut_at_sentences() {
        let sentence = "Aid trucks waited at the crossing for hours. ";
        let text = sentence.repeat(100);
        let passages = split_passages(&text);
        assert!(passages.len() > 2);
        assert!(
            passages
                .iter()
                .all(|p| p.len() <= MAX_PASSAGE + sentence.len())
        );
        assert!(passages.iter().all(|p| text[p.clone()].ends_with('.')));
    }

    #[test]
    fn dates() {
        let d = |s| parse_date(s).map(|d| d.to_string());
        assert_eq!(d("2025-10-09T12:00:00Z").as_deref(), Some("2025-10-09"));
        assert_eq!(d("October 9, 2025").as_deref(), Some("2025-10-09"));
        assert_eq!(d("9 Oct. 2025").as_deref(), Some("2025-10-09"));
        assert_eq!(
            d("Tue, 16 Dec 2025 10:00:00 +0000").as_deref(),
            Some("2025-12-16")
        );
        assert_eq!(d("soon"), None);
    }

    #[test]
    fn binary_sniffing() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0"));
        assert!(!looks_binary("Gaza City — Plain text.".as_bytes()));
    }
}
