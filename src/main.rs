//! The `placemap` command: the explorer (no arguments) and the batch CLI.

use std::fmt::Write as _;
use std::io::{BufWriter, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use placemap::atlas::{Atlas, IngestOptions, Progress, ingest, ingest_map};
use placemap::corpus::LoadOptions;
use placemap::eval::{self, MatchMode, PredToponym};
use placemap::export::{self, GeoJsonBuilder};
use placemap::extract::{ExtractOptions, Extractor, actors::ActorDictionary};
use placemap::gazetteer::Gazetteer;
use rustc_hash::FxHashMap;

/// Extraction allocates and frees many small vectors and strings per document on every
/// thread; mimalloc's thread-local free lists serve them with less work than glibc malloc and
/// return fewer pages to the kernel only to fault them in again.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Placemap: where does a pile of documents happen?
///
/// Finds place mentions (and actors and dates) in news articles and reports, resolves them
/// against a bundled offline gazetteer, and shows them on a map. With no command it opens the
/// explorer on the bundled demo corpus (or on PATHs given with `open`).
#[derive(Parser, Debug)]
#[command(name = "placemap", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Log more (-v: info, -vv: debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Open the explorer on files and folders.
    Open {
        /// Files or folders (.txt .md .html .jsonl .csv).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Extract places, actors and dates; write JSONL (default), `GeoJSON` or CSV.
    Extract(ExtractArgs),
    /// Score extraction against gold JSONL (the shared/eval format), end to end and with gold spans.
    Eval(EvalArgs),
    /// Look things up in the gazetteer.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
    /// Measure end-to-end extraction throughput (MB/s, docs/s) on files, in memory.
    Bench(BenchArgs),
    /// Print a summary of the places in a corpus (the bundled demo corpus by default).
    Summary {
        /// Files or folders.
        paths: Vec<PathBuf>,
        /// How many places to list.
        #[arg(long, default_value_t = 25)]
        top: usize,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Render explorer frames headless and report the frame time.
    #[cfg(feature = "gui")]
    BenchUi {
        /// Synthetic places.
        #[arg(long, default_value_t = 20_000)]
        places: usize,
        /// Synthetic mentions.
        #[arg(long, default_value_t = 200_000)]
        mentions: usize,
        /// Frames to render.
        #[arg(long, default_value_t = 60)]
        frames: usize,
    },
}

#[derive(clap::Args, Debug, Clone, Default)]
struct DataArgs {
    /// Extra places (TSV with name/lat/lon header, or `GeoJSON` points); repeatable.
    #[arg(long = "places", value_name = "FILE")]
    places: Vec<PathBuf>,
    /// Extra actors (TSV in the data/actors.tsv format); repeatable.
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// CSV column holding the text (auto-detected by default).
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
}

#[derive(clap::Args, Debug)]
struct ExtractArgs {
    /// Files or folders (.txt .md .html .jsonl .csv); folders are read recursively.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Resolve the gold spans of this JSONL file instead of recognising spans (gold-span setting).
    #[arg(long, value_name = "GOLD")]
    spans_from: Option<PathBuf>,
    #[command(flatten)]
    flags: ExtractFlags,
    /// Don't show a progress bar.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    data: DataArgs,
}

/// What extraction reports (shared by `extract` and `eval`).
#[derive(clap::Args, Debug, Clone, Copy, Default)]
struct ExtractFlags {
    /// Leave demonyms ("Israeli") out.
    #[arg(long)]
    no_demonyms: bool,
    /// Leave out place names embedded in organisation names ("Israel Defense Forces").
    #[arg(long)]
    no_embedded: bool,
    /// Leave out context-marked names that are not in the gazetteer.
    #[arg(long)]
    no_unresolved: bool,
}

impl ExtractFlags {
    fn options(self) -> ExtractOptions {
        ExtractOptions {
            demonyms: !self.no_demonyms,
            embedded: !self.no_embedded,
            unresolved: !self.no_unresolved,
            ..ExtractOptions::default()
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Jsonl,
    Geojson,
    Csv,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// Gold JSONL files.
    #[arg(required = true)]
    gold: Vec<PathBuf>,
    /// Only gold toponyms whose kind matches this regex count (e.g. '^required$').
    #[arg(long, value_name = "REGEX")]
    gold_kinds: Option<String>,
    /// Span match for pairing toponyms in resolution metrics.
    #[arg(long = "match", value_enum, default_value_t = MatchArg::Overlap)]
    match_mode: MatchArg,
    /// Score predictions from a file instead of running extraction (single gold file).
    #[arg(long, value_name = "PRED")]
    predictions: Option<PathBuf>,
    /// Print one JSON object per file and setting.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    flags: ExtractFlags,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum MatchArg {
    Overlap,
    Exact,
}

#[derive(Subcommand, Debug)]
enum GazetteerCommand {
    /// Print the candidates for a name, best first.
    Lookup {
        /// The name ("Khan Younis", "Washington").
        name: String,
        /// How many candidates.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print size and load time.
    Stats {
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(clap::Args, Debug)]
struct BenchArgs {
    /// Files or folders to read (default: the bundled demo corpus).
    paths: Vec<PathBuf>,
    /// Repeat the documents until there are at least this many MB of text.
    #[arg(long, default_value_t = 50.0)]
    min_mb: f64,
    /// Timed runs (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
}

/// When the process started: the explorer logs its startup time from here.
static LAUNCHED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

fn main() -> ExitCode {
    let _ = LAUNCHED.set(Instant::now());
    let cli = Cli::parse();
    // walkers warns once per map tile that fails to download (when the network drops, one
    // line for every tile in view after each pan): keep those out of the terminal unless
    // debugging.
    let level = match cli.verbose {
        0 => "warn,walkers=error",
        1 => "info,walkers=error",
        _ => "debug",
    };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level)).init();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// Exit code 2: finished, but something was skipped.
fn partial(problems: usize) -> ExitCode {
    if problems > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches")
}

fn load_gazetteer(data: &DataArgs) -> Result<Arc<Gazetteer>> {
    let mut b = Gazetteer::builder();
    for p in &data.places {
        b = b.user_places(p);
    }
    Ok(Arc::new(b.build().context("loading the gazetteer")?))
}

fn make_extractor(data: &DataArgs, options: ExtractOptions) -> Result<Extractor> {
    // The actor automaton is built while the gazetteer loads.
    let (gaz, actors) = std::thread::scope(|scope| {
        let actors = std::thread::Builder::new()
            .name("placemap-actors".into())
            .spawn_scoped(scope, ActorDictionary::bundled);
        let gaz = load_gazetteer(data);
        let actors = match actors {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => ActorDictionary::bundled(),
        };
        (gaz, actors)
    });
    let gaz = gaz?;
    let mut actors = actors;
    for p in &data.actors {
        actors
            .extend_from_file(p)
            .with_context(|| format!("loading actors from {}", p.display()))?;
    }
    Ok(Extractor::with(gaz, Arc::new(actors), options))
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => open(&[demo_dir()], &DataArgs::default()),
        Some(Command::Open { paths, data }) => {
            let paths = if paths.is_empty() {
                vec![demo_dir()]
            } else {
                paths
            };
            open(&paths, &data)
        }
        Some(Command::Extract(args)) => extract(&args),
        Some(Command::Eval(args)) => eval_cmd(&args),
        Some(Command::Gazetteer { command }) => gazetteer_cmd(command),
        Some(Command::Bench(args)) => bench(&args),
        Some(Command::Summary { paths, top, data }) => {
            let paths = if paths.is_empty() {
                vec![demo_dir()]
            } else {
                paths
            };
            summary(&paths, top, &data)
        }
        #[cfg(feature = "gui")]
        Some(Command::BenchUi {
            places,
            mentions,
            frames,
        }) => {
            let report = placemap::app::bench_ui(places, mentions, frames)?;
            write_stdout(&report)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write_stdout(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(feature = "gui")]
fn open(paths: &[PathBuf], data: &DataArgs) -> Result<ExitCode> {
    // The window opens at once; the gazetteer loads behind a progress bar.
    let data = data.clone();
    let launched = LAUNCHED.get().copied().unwrap_or_else(Instant::now);
    placemap::app::run(
        move || make_extractor(&data, ExtractOptions::default()),
        paths.to_vec(),
        launched,
    )?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "gui"))]
fn open(paths: &[PathBuf], data: &DataArgs) -> Result<ExitCode> {
    eprintln!(
        "(built without the `gui` feature: printing a summary instead of opening the explorer)"
    );
    summary(paths, 25, data)
}

fn summary(paths: &[PathBuf], top: usize, data: &DataArgs) -> Result<ExitCode> {
    let extractor = make_extractor(data, ExtractOptions::default())?;
    let mut atlas = Atlas::new(extractor.gazetteer().clone());
    let opts = IngestOptions {
        load: LoadOptions {
            text_column: data.text_column.clone(),
        },
        ..IngestOptions::default()
    };
    let cancel = AtomicBool::new(false);
    let problems = ingest(
        paths,
        &extractor,
        &opts,
        &cancel,
        &mut |_| {},
        &mut |d, e| atlas.push(d, e),
    );
    for p in &problems {
        eprintln!("{p}");
    }
    let skipped = problems.iter().filter(|p| p.skipped).count();
    atlas.add_problems(problems);
    write_stdout(&atlas.summary(top))?;
    Ok(partial(skipped))
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new(0);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {bytes}/{total_bytes} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb
}

/// One document's output: rendered bytes (JSONL, CSV), or the extraction itself (`GeoJSON`,
/// which is built over the whole corpus).
enum Rendered {
    Bytes(Result<Vec<u8>>),
    Extraction(placemap::extract::DocExtraction),
}

fn extract(args: &ExtractArgs) -> Result<ExitCode> {
    let options = args.flags.options();
    let extractor = make_extractor(&args.data, options)?;
    let gaz = extractor.gazetteer().clone();
    let sink: Box<dyn std::io::Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    if args.format == Format::Csv {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(export::CSV_HEADER)?;
        w.flush()?;
    }
    let mut geojson = GeoJsonBuilder::default();
    let mut write_error: Option<anyhow::Error> = None;

    // JSONL and CSV records are rendered on the extraction threads (in parallel); only the
    // bytes are written here, in input order.
    let render =
        |doc: &placemap::corpus::Document, ex: placemap::extract::DocExtraction| -> Rendered {
            let bytes = |f: &dyn Fn(&mut Vec<u8>) -> Result<()>| {
                let mut buf = Vec::new();
                f(&mut buf).map(|()| buf)
            };
            match args.format {
                Format::Jsonl => Rendered::Bytes(bytes(&|buf| {
                    export::push_jsonl_line(buf, &gaz, doc, &ex)?;
                    Ok(())
                })),
                Format::Csv => Rendered::Bytes(bytes(&|buf| {
                    let mut w = csv::WriterBuilder::new()
                        .has_headers(false)
                        .from_writer(buf);
                    export::write_csv_rows(&mut w, &gaz, doc, &ex)?;
                    w.flush()?;
                    Ok(())
                })),
                Format::Geojson => Rendered::Extraction(ex),
            }
        };
    let mut emit = |doc: &placemap::corpus::Document, rendered: Rendered| {
        if write_error.is_some() {
            return;
        }
        let r: Result<()> = match rendered {
            Rendered::Bytes(bytes) => bytes.and_then(|b| Ok(out.write_all(&b)?)),
            Rendered::Extraction(ex) => {
                geojson.add(doc, &ex);
                Ok(())
            }
        };
        if let Err(e) = r {
            write_error = Some(e);
        }
    };

    let problems = if let Some(gold_path) = &args.spans_from {
        let gold = eval::load_gold(gold_path)?;
        for g in &gold {
            let doc = g.document();
            let ex = extractor.resolve_spans(&doc, &g.byte_spans());
            emit(&doc, render(&doc, ex));
        }
        Vec::new()
    } else {
        let pb = progress_bar(args.quiet);
        let opts = IngestOptions {
            load: LoadOptions {
                text_column: args.data.text_column.clone(),
            },
            ..IngestOptions::default()
        };
        let cancel = AtomicBool::new(false);
        let problems = ingest_map(
            &args.paths,
            &extractor,
            &opts,
            &cancel,
            &mut |p: Progress| {
                pb.set_length(p.bytes_total);
                pb.set_position(p.bytes_done);
                pb.set_message(format!("{} docs", p.docs_done));
            },
            &render,
            &mut |d, r| emit(&d, r),
        );
        pb.finish_and_clear();
        problems
    };
    if let Some(e) = write_error {
        return Err(e.context("writing output"));
    }
    if args.format == Format::Geojson {
        serde_json::to_writer(&mut out, &geojson.finish(&gaz))?;
        out.write_all(b"\n")?;
    }
    out.flush().context("writing output")?;
    for p in &problems {
        eprintln!("{p}");
    }
    let skipped = problems.iter().filter(|p| p.skipped).count();
    if skipped > 0 {
        eprintln!("{skipped} item(s) skipped; everything else was extracted");
    }
    Ok(partial(skipped))
}

fn eval_cmd(args: &EvalArgs) -> Result<ExitCode> {
    let kinds = args
        .gold_kinds
        .as_deref()
        .map(regex::Regex::new)
        .transpose()
        .context("--gold-kinds")?;
    let mode = match args.match_mode {
        MatchArg::Overlap => MatchMode::Overlap,
        MatchArg::Exact => MatchMode::Exact,
    };
    if let Some(pred_path) = &args.predictions {
        if args.gold.len() != 1 {
            bail!("--predictions takes exactly one gold file");
        }
        let gold = eval::load_gold(&args.gold[0])?;
        let preds = eval::load_predictions(pred_path)?;
        let s = eval::score(&gold, &preds, kinds.as_ref(), mode);
        if args.json {
            write_stdout(&format!("{}\n", serde_json::to_string(&s)?))?;
        } else {
            write_stdout(&eval::format_scores(&s))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let options = args.flags.options();
    let extractor = make_extractor(&args.data, options)?;
    let gaz = extractor.gazetteer().clone();
    for path in &args.gold {
        let gold = eval::load_gold(path)?;
        let t0 = Instant::now();
        let e2e: FxHashMap<String, Vec<PredToponym>> = {
            use rayon::prelude::*;
            gold.par_iter()
                .map(|g| {
                    let doc = g.document();
                    let ex = extractor.extract(&doc);
                    (g.id.clone(), eval::predictions_from(&gaz, &doc, &ex))
                })
                .collect()
        };
        let e2e_time = t0.elapsed();
        let spans: FxHashMap<String, Vec<PredToponym>> = {
            use rayon::prelude::*;
            gold.par_iter()
                .map(|g| {
                    let doc = g.document();
                    let ex = extractor.resolve_spans(&doc, &g.byte_spans());
                    (g.id.clone(), eval::predictions_from(&gaz, &doc, &ex))
                })
                .collect()
        };
        let s_e2e = eval::score(&gold, &e2e, kinds.as_ref(), mode);
        let s_spans = eval::score(&gold, &spans, kinds.as_ref(), mode);
        if args.json {
            let line = serde_json::json!({"file": path, "end_to_end": s_e2e, "gold_spans": s_spans, "seconds": e2e_time.as_secs_f64()});
            write_stdout(&format!("{line}\n"))?;
        } else {
            let mb = gold.iter().map(|g| g.text.len()).sum::<usize>() as f64 / 1e6;
            let mut out = format!(
                "== {} ({} docs, {:.2} MB, extracted in {:.0} ms)\n",
                path.display(),
                gold.len(),
                mb,
                e2e_time.as_secs_f64() * 1000.0
            );
            out += "-- end to end\n";
            out += &eval::format_scores(&s_e2e);
            out += "-- gold spans (resolution only)\n";
            out += &eval::format_scores(&s_spans);
            write_stdout(&out)?;
        }
        // Actors and dates (issue 4), when the gold annotates them.
        if gold.iter().any(|g| g.actors.is_some() || g.dates.is_some()) {
            use rayon::prelude::*;
            let extractions: Vec<_> = gold
                .par_iter()
                .map(|g| extractor.extract(&g.document()))
                .collect();
            let ent = placemap::entity_eval::score_entities(&gold, &extractions);
            if args.json {
                write_stdout(&format!(
                    "{}\n",
                    serde_json::json!({"file": path, "entities": ent})
                ))?;
            } else {
                write_stdout(&format!(
                    "-- actors and dates\n{}",
                    placemap::entity_eval::format(&ent)
                ))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn gazetteer_cmd(command: GazetteerCommand) -> Result<ExitCode> {
    match command {
        GazetteerCommand::Lookup { name, limit, data } => {
            let gaz = load_gazetteer(&data)?;
            let ids = gaz.search(&name, limit);
            if ids.is_empty() {
                write_stdout(&format!("no place named {name:?}\n"))?;
                return Ok(ExitCode::from(1));
            }
            let mut out = String::new();
            for id in ids {
                let p = gaz.place(id);
                let _ = writeln!(
                    out,
                    "{:<28} {:<9} {:<8} {:<2} pop {:>10}  {:>9.4} {:>10.4}  {}  [{}]",
                    p.name,
                    p.kind,
                    p.feature,
                    p.country,
                    p.population,
                    p.lat,
                    p.lon,
                    p.key(),
                    gaz.describe(id)
                );
            }
            write_stdout(&out)?;
        }
        GazetteerCommand::Stats { data } => {
            let t0 = Instant::now();
            let gaz = load_gazetteer(&data)?;
            let wall = t0.elapsed();
            let t = gaz.timings();
            write_stdout(&format!(
                "places: {}\nname keys: {}\nload: {:.0} ms (parse {:.0} ms, index {:.0} ms); wall {:.0} ms\n",
                gaz.len(),
                gaz.key_count(),
                t.total.as_secs_f64() * 1000.0,
                t.parse.as_secs_f64() * 1000.0,
                t.index.as_secs_f64() * 1000.0,
                wall.as_secs_f64() * 1000.0
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bench(args: &BenchArgs) -> Result<ExitCode> {
    let t_start = Instant::now();
    let extractor = make_extractor(&DataArgs::default(), ExtractOptions::default())?;
    let load_ms = t_start.elapsed().as_secs_f64() * 1000.0;
    let paths = if args.paths.is_empty() {
        vec![demo_dir()]
    } else {
        args.paths.clone()
    };
    let mut docs = Vec::new();
    let disc = placemap::corpus::discover(&paths);
    for (p, f) in &disc.files {
        docs.extend(placemap::corpus::read_file(p, *f, &LoadOptions::default()).documents);
    }
    if docs.is_empty() {
        bail!("no documents to benchmark");
    }
    let unit: usize = docs.iter().map(|d| d.text.len()).sum();
    let copies = ((args.min_mb * 1e6) / unit as f64).ceil().max(1.0) as usize;
    let corpus: Vec<&placemap::corpus::Document> = (0..copies).flat_map(|_| docs.iter()).collect();
    let bytes = unit * copies;
    let mut times = Vec::new();
    let mut mentions = 0;
    for _ in 0..args.runs.max(1) {
        use rayon::prelude::*;
        let t0 = Instant::now();
        mentions = corpus
            .par_iter()
            .map(|d| extractor.extract(d).toponyms.len())
            .sum::<usize>();
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let mbps = bytes as f64 / 1e6 / median;
    let docs_per_s = corpus.len() as f64 / median;
    write_stdout(&format!(
        "gazetteer load: {load_ms:.0} ms\ncorpus: {} docs, {:.1} MB ({} copies of {} docs), {} threads\nextract: median {:.3} s over {} runs -> {:.1} MB/s, {:.0} docs/s, {} mentions\n\
         peers on this kind of machine (shared/eval/README.md): geotext ~1.0 MB/s, flashgeotext ~0.9-1.2 MB/s, spaCy sm ~0.013 MB/s; Mordecai 3: 60-110 docs/s on an RTX 4090\n\
         ratio vs geotext (1.0 MB/s): {:.0}x\n",
        corpus.len(),
        bytes as f64 / 1e6,
        copies,
        docs.len(),
        rayon::current_num_threads(),
        median,
        times.len(),
        mbps,
        docs_per_s,
        mentions,
        mbps / 1.0
    ))?;
    Ok(ExitCode::SUCCESS)
}
