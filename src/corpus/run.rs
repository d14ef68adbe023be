//! Running a compiled pack over a stream of documents: batches matched in
//! parallel (rayon), written in input order, with a summary that accounts
//! for every document.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::read::Failure;
use crate::compile::CompiledPack;
use crate::document::Document;
use crate::event::EventRecord;
use crate::matcher::Matcher;

/// Documents matched per parallel batch: large enough to keep every core
/// busy, small enough to bound memory.
pub const BATCH: usize = 512;

/// A batch also ends once its documents hold this many bytes of text:
/// the text of the batches in flight is most of a run's memory beyond the
/// pack's, so it is bounded by bytes, not by documents of any size. At
/// about 20,000 words a batch, a batch is still milliseconds of work.
pub const BATCH_BYTES: usize = 128 << 10;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub sentences: usize,
    pub events: usize,
    pub failures: usize,
    /// Sentences cut short at the sentence cap, and where the first was.
    pub cut_sentences: usize,
    pub first_cut: Option<String>,
    /// Documents a document discard phrase stopped, and sentences a
    /// sentence discard phrase kept from being coded.
    pub discarded_documents: usize,
    pub discarded_sentences: usize,
    pub elapsed: Duration,
}

impl Summary {
    /// A note on sentences cut at the sentence cap, if any were.
    pub fn cut_note(&self) -> Option<String> {
        self.first_cut.as_ref().map(|first| {
            format!(
                "note: {} sentence(s) ran past {} tokens without a boundary and were matched in pieces (first: {first}); see docs/LIMITS.md",
                self.cut_sentences,
                crate::text::MAX_SENTENCE_TOKENS
            )
        })
    }

    pub fn line(&self) -> String {
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        let discarded = if self.discarded_documents + self.discarded_sentences > 0 {
            format!(
                "; discarded: {} documents, {} sentences",
                self.discarded_documents, self.discarded_sentences
            )
        } else {
            String::new()
        };
        format!(
            "{} documents, {} sentences, {} events, {} failures in {:.2}s ({:.0} sentences/s){discarded}",
            self.documents,
            self.sentences,
            self.events,
            self.failures,
            self.elapsed.as_secs_f64(),
            self.sentences as f64 / seconds
        )
    }
}

/// What happens to each document's outcome, in input order.
pub trait Sink {
    fn events(&mut self, doc: &Document, events: &[EventRecord]) -> std::io::Result<()>;
    fn failure(&mut self, failure: &Failure) -> std::io::Result<()>;
    fn progress(&mut self, _summary: &Summary) {}
}

/// Matches every document on `jobs` threads; a document whose matching
/// panics (a bug) is reported as a failure instead of ending the run.
pub fn run(
    pack: &CompiledPack,
    documents: impl Iterator<Item = Result<Document, Failure>>,
    jobs: usize,
    sink: &mut dyn Sink,
) -> std::io::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    in_batches(
        documents,
        jobs,
        || Matcher::new(pack),
        |matcher, doc| matcher.match_document(doc),
        |step| {
            match step {
                Step::Done(doc, result) => {
                    summary.documents += 1;
                    summary.sentences += result.sentences;
                    summary.events += result.events.len();
                    if let Some(&first) = result.cut_sentences.first()
                        && summary.first_cut.is_none()
                    {
                        summary.first_cut = Some(format!("{}, sentence {first}", doc.id));
                    }
                    summary.cut_sentences += result.cut_sentences.len();
                    summary.discarded_documents += usize::from(result.discarded.is_some());
                    summary.discarded_sentences += result.discarded_sentences;
                    sink.events(doc, &result.events)?;
                }
                Step::Failed(failure) => {
                    summary.failures += 1;
                    sink.failure(failure)?;
                }
                Step::BatchEnd => {
                    summary.elapsed = started.elapsed();
                    sink.progress(&summary);
                }
            }
            Ok(())
        },
    )?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// One outcome of [`in_batches`], in input order.
pub enum Step<'a, T> {
    Done(&'a Document, T),
    Failed(&'a Failure),
    BatchEnd,
}

/// Batches matched at once, at most: while the workers match them, the
/// calling thread reads the next batch and writes the results of the
/// oldest, so the workers never wait for reading or writing, and memory
/// stays bounded.
pub const IN_FLIGHT: usize = 3;

/// The next batch: up to [`BATCH`] documents, ending early once they hold
/// [`BATCH_BYTES`] of text.
fn next_batch(
    documents: &mut impl Iterator<Item = Result<Document, Failure>>,
) -> Vec<Result<Document, Failure>> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < BATCH && bytes < BATCH_BYTES {
        let Some(item) = documents.next() else {
            break;
        };
        bytes += item.as_ref().map_or(0, |doc| doc.text.len());
        batch.push(item);
    }
    batch
}

/// The parallel core of a run: documents in batches of [`BATCH`], `work`
/// on `jobs` threads (each with its own `init` state, kept from batch to
/// batch), and `each` called on every outcome in input order. Reading the
/// documents and `each` (writing) happen on the calling thread while up to
/// [`IN_FLIGHT`] batches are matched. A panic in `work` (a bug) becomes a
/// failure of that document, and that thread's state is rebuilt.
pub fn in_batches<S: Send, T: Send>(
    documents: impl Iterator<Item = Result<Document, Failure>>,
    jobs: usize,
    init: impl Fn() -> S + Sync + Send,
    work: impl Fn(&mut S, &Document) -> T + Sync + Send,
    mut each: impl FnMut(Step<T>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    type Batch = Vec<Result<Document, Failure>>;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    // One state per worker thread for the whole run, so that a matcher's
    // buffers grow once per thread rather than once for every piece rayon
    // splits a batch into.
    let states: Vec<Mutex<Option<S>>> = (0..pool.current_num_threads())
        .map(|_| Mutex::new(None))
        .collect();
    let work_in_own_state = |_: &mut (), doc: &Document| {
        let index = rayon::current_thread_index().unwrap_or(0) % states.len();
        let mut state = states[index].lock().unwrap_or_else(|poisoned| {
            // A panic in `work` left this state half-updated: rebuild it.
            states[index].clear_poison();
            let mut state = poisoned.into_inner();
            *state = None;
            state
        });
        work(state.get_or_insert_with(&init), doc)
    };
    let match_batch = |batch: &Batch| match_batch(&pool, batch, &|| (), &work_in_own_state);
    let mut deliver = |batch: Batch, results: Vec<Result<T, Failure>>| -> std::io::Result<()> {
        for (item, result) in batch.iter().zip(results) {
            match (item, result) {
                (Ok(doc), Ok(result)) => each(Step::Done(doc, result))?,
                (_, Err(failure)) => each(Step::Failed(&failure))?,
                (Err(_), Ok(_)) => unreachable!("a failed input yields no result"),
            }
        }
        each(Step::BatchEnd)
    };
    pool.in_place_scope(|scope| {
        let mut in_flight = std::collections::VecDeque::new();
        let mut documents = documents.peekable();
        let mut outcome = Ok(());
        while documents.peek().is_some() {
            let batch = next_batch(&mut documents);
            let (sender, receiver) = std::sync::mpsc::sync_channel(1);
            let match_batch = &match_batch;
            scope.spawn(move |_| {
                let results = match_batch(&batch);
                // The receiver only goes away when writing failed.
                let _ = sender.send((batch, results));
            });
            in_flight.push_back(receiver);
            if in_flight.len() >= IN_FLIGHT {
                let oldest = in_flight.pop_front().expect("a batch in flight");
                let (batch, results) = oldest.recv().map_err(std::io::Error::other)?;
                if let Err(error) = deliver(batch, results) {
                    outcome = Err(error);
                    break;
                }
            }
        }
        if outcome.is_ok() {
            for receiver in in_flight.drain(..) {
                let (batch, results) = receiver.recv().map_err(std::io::Error::other)?;
                deliver(batch, results)?;
            }
        }
        outcome
    })
}

/// One batch of [`in_batches`], for callers that pull results instead of
/// being called back (the Python package's streaming run): `work` on every
/// document on `pool`, outcomes in input order. A failed input stays a
/// failure; a panic in `work` (a bug) becomes a failure of that document.
pub fn match_batch<S, T: Send>(
    pool: &rayon::ThreadPool,
    batch: &[Result<Document, Failure>],
    init: &(impl Fn() -> S + Sync + Send),
    work: &(impl Fn(&mut S, &Document) -> T + Sync + Send),
) -> Vec<Result<T, Failure>> {
    pool.install(|| {
        batch
            .par_iter()
            .map_init(init, |state, item| match item {
                Ok(doc) => catch_unwind(AssertUnwindSafe(|| work(state, doc))).map_err(|_| {
                    *state = init();
                    Failure {
                        location: doc.id.clone(),
                        message: "internal error while matching this document (a bug: please report it with the document)".into(),
                    }
                }),
                Err(failure) => Err(failure.clone()),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents(n: usize) -> Vec<Result<Document, Failure>> {
        (0..n)
            .map(|i| {
                Ok(Document::new(
                    format!("d{i}"),
                    if i == 700 { "boom" } else { "ok" },
                ))
            })
            .collect()
    }

    /// What each document saw: how many documents its thread's state had
    /// matched before it (`None` for a failure).
    fn outcomes(jobs: usize) -> Vec<Option<usize>> {
        let mut seen = Vec::new();
        in_batches(
            documents(1200).into_iter(),
            jobs,
            || 0usize,
            |matched: &mut usize, doc: &Document| {
                *matched += 1;
                assert_ne!(doc.text, "boom", "a bug while matching");
                *matched - 1
            },
            |step| {
                match step {
                    Step::Done(_, before) => seen.push(Some(before)),
                    Step::Failed(_) => seen.push(None),
                    Step::BatchEnd => {}
                }
                Ok(())
            },
        )
        .expect("no output error");
        seen
    }

    #[test]
    fn a_thread_keeps_its_state_across_batches_until_a_panic() {
        let seen = outcomes(1);
        assert_eq!(seen.len(), 1200, "every document is accounted for");
        assert_eq!(
            seen[700], None,
            "the document whose matching panicked failed"
        );
        // One thread, one state: it counts on over batch boundaries (512
        // documents) and starts again after the panic.
        assert_eq!(seen[699], Some(699));
        assert_eq!(seen[701], Some(0));
        assert_eq!(seen[1199], Some(498));
    }

    #[test]
    fn two_threads_account_for_every_document() {
        let seen = outcomes(2);
        assert_eq!(seen.len(), 1200);
        assert_eq!(seen.iter().filter(|s| s.is_none()).count(), 1);
        assert_eq!(seen[700], None);
    }
}
