//! Streaming ingest: discover files, read them (small files in parallel, JSONL/CSV line by
//! line), extract in parallel batches, and hand results over in input order — with progress
//! and cancellation. Memory stays bounded by the batch size whatever the corpus size.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::corpus::{self, Document, Format, LoadOptions, Problem};
use crate::extract::{DocExtraction, Extractor};

/// Options for [`ingest`].
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Corpus loading options.
    pub load: LoadOptions,
    /// Documents per parallel batch.
    pub batch_docs: usize,
    /// Bytes of text per parallel batch.
    pub batch_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            load: LoadOptions::default(),
            batch_docs: 2048,
            batch_bytes: 16 << 20,
        }
    }
}

/// Progress report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of input files processed so far (approximate for streamed files).
    pub bytes_done: u64,
    /// Total bytes of the input files.
    pub bytes_total: u64,
    /// Documents extracted so far.
    pub docs_done: usize,
    /// Files finished.
    pub files_done: usize,
    /// Files in total.
    pub files_total: usize,
}

/// How many small files are read together in parallel.
const FILE_CHUNK: usize = 64;

/// Loads and extracts everything under `paths`. `on_doc` receives documents in input order;
/// `on_progress` after each batch. Returns the problems met. Stops early (returning what was
/// done) when `cancel` is set.
pub fn ingest(
    paths: &[PathBuf],
    extractor: &Extractor,
    opts: &IngestOptions,
    cancel: &AtomicBool,
    on_progress: &mut dyn FnMut(Progress),
    on_doc: &mut dyn FnMut(Document, DocExtraction),
) -> Vec<Problem> {
    ingest_map(
        paths,
        extractor,
        opts,
        cancel,
        on_progress,
        &|_, ex| ex,
        on_doc,
    )
}

/// [`ingest`] with a per-document step run in parallel with extraction: `map` turns each
/// document's extraction into what `on_item` receives (in input order). The CLI serialises
/// output there, so that writing does not hold up the extraction threads.
pub fn ingest_map<T: Send>(
    paths: &[PathBuf],
    extractor: &Extractor,
    opts: &IngestOptions,
    cancel: &AtomicBool,
    on_progress: &mut dyn FnMut(Progress),
    map: &(dyn Fn(&Document, DocExtraction) -> T + Sync),
    on_item: &mut dyn FnMut(Document, T),
) -> Vec<Problem> {
    let discovery = corpus::discover(paths);
    let mut problems = discovery.problems;
    let sizes: Vec<u64> = discovery
        .files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let mut progress = Progress {
        bytes_total: sizes.iter().sum(),
        files_total: discovery.files.len(),
        ..Progress::default()
    };
    on_progress(progress);

    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0usize;
    // The previous batch's results are handed to `on_item` on this thread while the pool
    // extracts the next batch, so that the extraction threads do not wait for the output.
    let mut out = Delivery {
        pending: None,
        failed: Vec::new(),
    };
    let deliver = |out: &mut Delivery<T>, on_item: &mut dyn FnMut(Document, T)| {
        if let Some((docs, results)) = out.pending.take() {
            for (d, (r, problem)) in docs.into_iter().zip(results) {
                out.failed.extend(problem);
                if let Some(r) = r {
                    on_item(d, r);
                }
            }
        }
    };
    let flush = |batch: &mut Vec<Document>,
                 progress: &mut Progress,
                 out: &mut Delivery<T>,
                 on_item: &mut dyn FnMut(Document, T)| {
        let docs = std::mem::take(batch);
        let mut results: Vec<Isolated<T>> = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| {
                results = docs
                    .par_iter()
                    .map(|d| isolated(d, || map(d, extractor.extract(d)), map))
                    .collect();
            });
            deliver(out, on_item);
        });
        progress.docs_done += docs.len();
        out.pending = Some((docs, results));
    };

    let mut i = 0;
    while i < discovery.files.len() {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let (path, format) = &discovery.files[i];
        if matches!(format, Format::Jsonl | Format::Csv) {
            let file_size = sizes[i];
            let start_bytes = progress.bytes_done;
            let mut streamed = 0u64;
            let mut cancelled = false;
            let mut accept = |doc: Document| {
                if cancelled {
                    return;
                }
                streamed += doc.text.len() as u64;
                batch_bytes += doc.text.len();
                batch.push(doc);
                if batch.len() >= opts.batch_docs || batch_bytes >= opts.batch_bytes {
                    flush(&mut batch, &mut progress, &mut out, on_item);
                    batch_bytes = 0;
                    progress.bytes_done = start_bytes + streamed.min(file_size);
                    on_progress(progress);
                    cancelled = cancel.load(Ordering::Relaxed);
                }
            };
            // The file is read and parsed on its own thread while batches are extracted.
            let file_problems = std::thread::scope(|scope| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<Document>(opts.batch_docs.max(1));
                let reader = std::thread::Builder::new()
                    .name("placemap-read".into())
                    .spawn_scoped(scope, move || {
                        let mut open = true;
                        corpus::read_file_streaming(path, *format, &opts.load, &mut |doc| {
                            // once the receiver is gone (cancelled), the rest is only parsed
                            open = open && tx.send(doc).is_ok();
                        })
                    });
                if let Ok(reader) = reader {
                    for doc in &rx {
                        accept(doc);
                    }
                    drop(rx);
                    reader
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                } else {
                    drop(rx);
                    corpus::read_file_streaming(path, *format, &opts.load, &mut accept)
                }
            });
            problems.extend(file_problems);
            if cancelled {
                break;
            }
            progress.bytes_done = start_bytes + file_size;
            progress.files_done += 1;
            i += 1;
            continue;
        }
        // A run of small text/HTML files: read in parallel.
        let mut j = i;
        while j < discovery.files.len()
            && j - i < FILE_CHUNK
            && !matches!(discovery.files[j].1, Format::Jsonl | Format::Csv)
        {
            j += 1;
        }
        let loads: Vec<corpus::FileLoad> = discovery.files[i..j]
            .par_iter()
            .map(|(p, f)| corpus::read_file(p, *f, &opts.load))
            .collect();
        for (k, load) in loads.into_iter().enumerate() {
            problems.extend(load.problems);
            for doc in load.documents {
                batch_bytes += doc.text.len();
                batch.push(doc);
            }
            progress.bytes_done += sizes[i + k];
            progress.files_done += 1;
            if batch.len() >= opts.batch_docs || batch_bytes >= opts.batch_bytes {
                flush(&mut batch, &mut progress, &mut out, on_item);
                batch_bytes = 0;
                on_progress(progress);
            }
        }
        i = j;
    }
    if !batch.is_empty() && !cancel.load(Ordering::Relaxed) {
        flush(&mut batch, &mut progress, &mut out, on_item);
    }
    // What was extracted is delivered, cancelled or not.
    deliver(&mut out, on_item);
    on_progress(progress);
    problems.extend(out.failed);
    problems
}

/// Results waiting to be handed on (the previous batch's), and the documents whose extraction
/// failed: reported, while the rest of the corpus goes on.
struct Delivery<T> {
    pending: Option<(Vec<Document>, Vec<Isolated<T>>)>,
    failed: Vec<Problem>,
}

/// One document's result, and the problem met making it.
type Isolated<T> = (Option<T>, Option<Problem>);

/// Runs `work` for `doc`, so that an internal error (a panic) in one document costs only that
/// document's places, actors and dates: it is delivered with an empty extraction and reported,
/// and the rest of the corpus goes on. Only when even the empty result cannot be made is the
/// document left out.
fn isolated<T>(
    doc: &Document,
    work: impl FnOnce() -> T,
    map: &(dyn Fn(&Document, DocExtraction) -> T + Sync),
) -> Isolated<T> {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(item) => (Some(item), None),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".to_owned());
            let item = catch_unwind(AssertUnwindSafe(|| map(doc, DocExtraction::default()))).ok();
            let kept = if item.is_some() {
                "written without places, actors or dates"
            } else {
                "left out"
            };
            let problem = Problem {
                path: doc.path.clone(),
                line: doc.line,
                message: format!(
                    "internal error extracting document {}: {why}; the document is {kept} \
                     (please report this)",
                    doc.id
                ),
                skipped: true,
            };
            (item, Some(problem))
        }
    }
}
