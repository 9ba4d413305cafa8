//! Import off the UI thread: a named worker runs [`ingest`] and streams documents, progress and
//! problems back over a channel, waking the UI; the UI drains it for a bounded time per frame.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crate::atlas::{IngestOptions, Progress, ingest};
use crate::corpus::{Document, Problem};
use crate::extract::{DocExtraction, Extractor};

/// What the worker sends.
pub enum Msg {
    /// Progress so far.
    Progress(Progress),
    /// One analysed document.
    Doc(Box<(Document, DocExtraction)>),
    /// Finished (or cancelled): the problems met.
    Done(Vec<Problem>),
}

/// A running import.
pub struct ImportJob {
    rx: Receiver<Msg>,
    cancel: Arc<AtomicBool>,
    /// Latest progress.
    pub progress: Progress,
    /// Set once the worker has finished.
    pub done: bool,
    /// Set when the user cancelled.
    pub cancelled: bool,
}

/// What one drain produced.
#[derive(Default)]
pub struct Drained {
    /// New documents.
    pub docs: Vec<(Document, DocExtraction)>,
    /// Problems, when the job finished.
    pub problems: Option<Vec<Problem>>,
}

impl ImportJob {
    /// Starts importing `paths` on a named thread; `waker` (once set) is repainted on news.
    pub fn start(
        paths: Vec<PathBuf>,
        extractor: Extractor,
        waker: Arc<OnceLock<egui::Context>>,
    ) -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::Builder::new()
            .name("placemap-import".into())
            .spawn(move || {
                let wake = || {
                    if let Some(ctx) = waker.get() {
                        ctx.request_repaint();
                    }
                };
                let docs_tx = tx.clone();
                let mut last_wake = Instant::now();
                let problems = ingest(
                    &paths,
                    &extractor,
                    &IngestOptions::default(),
                    &flag,
                    &mut |p| {
                        let _ = tx.send(Msg::Progress(p));
                        wake();
                    },
                    &mut |doc, ex| {
                        let _ = docs_tx.send(Msg::Doc(Box::new((doc, ex))));
                        if last_wake.elapsed() > Duration::from_millis(50) {
                            wake();
                            last_wake = Instant::now();
                        }
                    },
                );
                let _ = tx.send(Msg::Done(problems));
                wake();
            })?;
        Ok(Self {
            rx,
            cancel,
            progress: Progress::default(),
            done: false,
            cancelled: false,
        })
    }

    /// Asks the worker to stop.
    pub fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancelled = true;
    }

    /// Takes what has arrived, for at most `budget` (or until finished when `block`).
    pub fn drain(&mut self, budget: Duration, block: bool) -> Drained {
        let t0 = Instant::now();
        let mut out = Drained::default();
        while !self.done {
            let msg = if block {
                let Ok(m) = self.rx.recv_timeout(Duration::from_secs(120)) else {
                    self.done = true;
                    break;
                };
                m
            } else {
                match self.rx.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        self.done = true;
                        break;
                    }
                }
            };
            match msg {
                Msg::Progress(p) => self.progress = p,
                Msg::Doc(d) => out.docs.push(*d),
                Msg::Done(problems) => {
                    self.done = true;
                    out.problems = Some(problems);
                }
            }
            if !block && t0.elapsed() > budget {
                break;
            }
        }
        out
    }
}
