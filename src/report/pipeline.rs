//! Linting on one core while the report is written on another.
//!
//! On a file with a finding per line, rendering the findings (a JSON object
//! with its texts escaped, a snippet, a concise line) costs as much as
//! finding them. The linter stays single-threaded, as its rules read the
//! file in order; the writer gets a thread of its own and the findings in
//! batches, so the two overlap. Order is kept: one producer, one consumer,
//! one FIFO channel. Memory stays bounded: the channel holds a few batches
//! and the linter waits when the writer falls behind.

use std::sync::mpsc;

/// Items handed over at a time: a channel send per finding would cost more
/// than the rendering it moves.
const BATCH: usize = 1024;
/// Batches in flight before the linter waits for the writer.
const IN_FLIGHT: usize = 8;

/// Calls `produce`, handing each item it yields to `consume` in order: on a
/// second thread when `parallel`, else right away on this one (a small
/// input would pay more for the thread than it saves).
pub fn pipeline<T: Send>(
    parallel: bool,
    consume: &mut (dyn FnMut(T) + Send),
    produce: impl FnOnce(&mut dyn FnMut(T)),
) {
    if !parallel {
        return produce(&mut |item| consume(item));
    }
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<T>>(IN_FLIGHT);
        let writer = scope.spawn(move || {
            for batch in rx {
                batch.into_iter().for_each(&mut *consume);
            }
        });
        let mut batch = Vec::with_capacity(BATCH);
        // The writer only stops by panicking (resumed below): from then on
        // items are dropped; producing goes on, it cannot be interrupted.
        let mut writer_gone = false;
        produce(&mut |item| {
            if writer_gone {
                return;
            }
            batch.push(item);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                writer_gone = tx.send(full).is_err();
            }
        });
        if !batch.is_empty() && !writer_gone {
            let _ = tx.send(batch);
        }
        drop(tx);
        if let Err(panic) = writer.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// Whether a run is worth a second thread: the machine has one, and the
/// input is large enough (about 8k lines) for the overlap to pay for it.
pub fn worth_a_thread(input_bytes: usize) -> bool {
    input_bytes >= 256 * 1024 && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_arrive_in_order_on_either_path() {
        for parallel in [false, true] {
            let mut seen = Vec::new();
            pipeline(parallel, &mut |i: usize| seen.push(i), |emit| {
                (0..5 * BATCH + 7).for_each(emit);
            });
            assert_eq!(seen, (0..5 * BATCH + 7).collect::<Vec<_>>(), "{parallel}");
        }
    }

    #[test]
    #[should_panic(expected = "writer failed")]
    fn a_panic_of_the_writer_reaches_the_caller() {
        pipeline(true, &mut |_: u8| panic!("writer failed"), |emit| {
            (0..3 * BATCH).for_each(|_| emit(0));
        });
    }
}
