//! Where every command's standard output goes: one writer for the whole run.
//!
//! `println!` panics (exit 101) when stdout is a pipe whose reader went away
//! or a full disk. Here a write error is an outcome instead: the first one is
//! kept, later writes are skipped, and the command decides at the end what
//! it means ([`Output::finish`]): a reader that went away (`kcenv lint | head`)
//! is nobody's failure, a full disk or an I/O error is. Messages go to
//! stderr through [`message`], which never panics either.

use std::io::{self, IsTerminal, Write};

/// The run's standard output.
pub struct Output {
    /// `Send`: a long report is written on a thread of its own while the
    /// linter goes on (`commands::lint`).
    out: Box<dyn Write + Send>,
    /// The first write error; every write after it is skipped.
    error: Option<io::Error>,
}

/// How the output ended.
#[derive(Debug)]
pub enum Outcome {
    /// Everything was written.
    Written,
    /// The reader went away (EPIPE): the rest was dropped, quietly.
    Closed,
    /// Any other write error (no space left, I/O error).
    Failed(io::Error),
}

impl Output {
    /// Standard output. Buffered when it is a pipe or a file (a line per
    /// syscall made a 200k-finding report slow; std's lock is then taken
    /// once per 64 KiB); on a terminal each line shows at once, before a
    /// prompt or between the steps of a network call, as std's stdout does.
    pub fn stdout() -> Output {
        let stdout = io::stdout();
        let out: Box<dyn Write + Send> = if stdout.is_terminal() {
            Box::new(stdout)
        } else {
            Box::new(io::BufWriter::with_capacity(64 * 1024, stdout))
        };
        Output { out, error: None }
    }

    /// Any writer: for tests.
    pub fn to(out: impl Write + Send + 'static) -> Output {
        Output {
            out: Box::new(out),
            error: None,
        }
    }

    /// Writes `text` as is (`print!`).
    pub fn print(&mut self, text: &str) {
        let _ = self.write_all(text.as_bytes());
    }

    /// Writes `text` and a line break (`println!`).
    pub fn line(&mut self, text: &str) {
        self.print(text);
        self.print("\n");
    }

    /// Whether a write has failed: a command with more to say may stop
    /// rendering it (the work itself goes on, for the exit code).
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Flushes, and says how the output ended.
    pub fn finish(mut self) -> Outcome {
        let _ = self.flush();
        match self.error.take() {
            None => Outcome::Written,
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Outcome::Closed,
            Some(e) => Outcome::Failed(e),
        }
    }

    /// Keeps the first error and hands the caller one of the same kind, so
    /// that a serializer writing through us stops too.
    fn keep(&mut self, e: io::Error) -> io::Error {
        let kind = e.kind();
        if e.kind() != io::ErrorKind::Interrupted {
            self.error.get_or_insert(e);
        }
        io::Error::from(kind)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(e) = &self.error {
            return Err(io::Error::from(e.kind()));
        }
        self.out.write(buf).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(e) = &self.error {
            return Err(io::Error::from(e.kind()));
        }
        self.out.flush().map_err(|e| self.keep(e))
    }
}

/// One line on stderr, where messages, warnings and errors go. Not
/// `eprintln!`, which panics when stderr cannot be written (`2>&-` on a
/// pipe): with nowhere left to say anything, the line is dropped.
pub fn message(text: &str) {
    let _ = writeln!(io::stderr(), "{text}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails like the given errno after `room` bytes.
    struct Failing {
        room: usize,
        kind: io::ErrorKind,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(self.kind));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_reader_that_went_away_is_closed() {
        let mut out = Output::to(Failing {
            room: 3,
            kind: io::ErrorKind::BrokenPipe,
        });
        out.line("hello");
        assert!(out.failed());
        out.line("skipped, not a panic");
        assert!(matches!(out.finish(), Outcome::Closed));
    }

    #[test]
    fn a_full_disk_is_a_failure() {
        let mut out = Output::to(Failing {
            room: 0,
            kind: io::ErrorKind::StorageFull,
        });
        out.print("x");
        match out.finish() {
            Outcome::Failed(e) => assert_eq!(e.kind(), io::ErrorKind::StorageFull),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_failed_is_written() {
        let mut out = Output::to(Vec::new());
        out.line("ok");
        assert!(matches!(out.finish(), Outcome::Written));
    }
}
