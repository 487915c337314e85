//! Reading the files kcenv is asked to lint, with one clear sentence for every
//! way that can fail. A path that cannot be read is an error (exit 2), never a
//! silent lint of something else.

use crate::i18n::{Lang, LocalizedMessage};
use crate::tr;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused unless `--max-file-size` says otherwise:
/// a `.env` is kilobytes; a 100 MB argument is a mistake (a log, a dump).
pub const DEFAULT_MAX_SIZE: u64 = 64 * 1024 * 1024;

/// The cap for files that are not `.env` files but that kcenv reads whole:
/// a profile, a project configuration, a CA bundle (Mozilla's is 0.2 MB).
pub const SIDE_FILE_MAX_SIZE: u64 = 8 * 1024 * 1024;

/// A file's bytes and the name to show for it.
pub struct Input {
    pub display_name: String,
    pub path: Option<PathBuf>,
    pub bytes: Vec<u8>,
}

/// Why a file could not be read. `Display` is the English sentence of
/// [`LocalizedMessage::message`].
#[derive(Debug)]
pub enum InputError {
    Missing(PathBuf),
    Directory(PathBuf),
    /// The size when known (a file's; a stream only says it goes past).
    TooLarge(PathBuf, Option<u64>, u64),
    Binary(PathBuf),
    /// A FIFO, a device, a socket: reading one may never end (`/dev/zero`,
    /// a FIFO nobody writes to), so it is refused before it is opened.
    NotRegular(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

impl LocalizedMessage for InputError {
    fn message(&self, lang: Lang) -> String {
        match self {
            InputError::Missing(p) => tr!(lang,
                fr: "{p} : fichier introuvable (donnez un chemin, ou créez-le avec `kcenv setup`)",
                en: "{p}: no such file (give a path, or create it with `kcenv setup`)", p = p.display()),
            InputError::Directory(p) => tr!(lang,
                fr: "{p} est un dossier ; donnez le chemin d'un fichier .env (par ex. {p}/.env)",
                en: "{p} is a directory; give the path of a .env file (e.g. {p}/.env)", p = p.display()),
            InputError::TooLarge(p, Some(size), max) => tr!(lang,
                fr: "{p} fait {s} octets, plus que la limite de {m} octets : est-ce bien un .env ? (--max-file-size relève la limite)",
                en: "{p} is {s} bytes, more than the {m}-byte limit: is it really a .env? (--max-file-size raises the limit)",
                p = p.display(), s = size, m = max),
            InputError::TooLarge(p, None, max) => tr!(lang,
                fr: "{p} dépasse la limite de {m} octets : est-ce bien un .env ? (--max-file-size relève la limite)",
                en: "{p} goes past the {m}-byte limit: is it really a .env? (--max-file-size raises the limit)",
                p = p.display(), m = max),
            InputError::Binary(p) => tr!(lang,
                fr: "{p} ressemble à un fichier binaire (octets de contrôle au début), pas à un .env",
                en: "{p} looks like a binary file (control bytes near the start), not a .env", p = p.display()),
            InputError::NotRegular(p) => tr!(lang,
                fr: "{p} n'est pas un fichier ordinaire (tube nommé, périphérique ou socket) : kcenv ne lit que des fichiers",
                en: "{p} is not a regular file (a FIFO, device or socket): kcenv reads regular files only", p = p.display()),
            InputError::Io(p, e) => {
                tr!(lang, fr: "impossible de lire {p} : {e}", en: "cannot read {p}: {e}", p = p.display(), e = e)
            }
        }
    }
}

/// Reads `path` (`-` for stdin).
pub fn read(path: &Path, stdin_name: Option<&str>, max: u64) -> Result<Input, InputError> {
    if path == Path::new("-") {
        let bytes = read_stdin(max)?;
        let name = stdin_name.unwrap_or("-").to_owned();
        return check_text(Input {
            display_name: name,
            path: None,
            bytes,
        });
    }
    let bytes = read_regular(path, max)?;
    check_text(Input {
        display_name: path.display().to_string(),
        path: Some(path.into()),
        bytes,
    })
}

/// Reads a regular file whole, at most `max` bytes: a FIFO, a device or a
/// socket is refused before it is opened, and the read itself stops at
/// `max + 1` bytes whatever the size the file claimed (it may grow, or be
/// swapped for something else, between the check and the read).
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, InputError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::Missing(path.into()),
        _ => InputError::Io(path.into(), e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(InputError::Directory(path.into()));
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular(path.into()));
    }
    if meta.len() > max {
        return Err(InputError::TooLarge(path.into(), Some(meta.len()), max));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading blocks until a writer comes: should the
    // path have become one since the check, the open must not wait.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(io)?;
    if !file.metadata().map_err(io)?.is_file() {
        return Err(InputError::NotRegular(path.into()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge(path.into(), None, max));
    }
    Ok(bytes)
}

/// [`read_regular`] for a file that may be absent (the `.env` of `run`,
/// `doctor`, `explain`, `secret`): absent is `None`, anything else unreadable
/// is an error.
pub fn read_optional(path: &Path, max: u64) -> Result<Option<Vec<u8>>, InputError> {
    match read_regular(path, max) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(InputError::Missing(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`read_regular`] for files read by lower layers that report in English
/// through `std::io::Error` (a profile, a CA bundle, the project
/// configuration), capped at [`SIDE_FILE_MAX_SIZE`].
pub fn read_side_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_regular(path, SIDE_FILE_MAX_SIZE).map_err(|e| match e {
        InputError::Io(_, e) => e,
        InputError::Missing(_) => std::io::ErrorKind::NotFound.into(),
        other => std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            other.message(crate::i18n::Lang::En),
        ),
    })
}

/// Reads standard input, at most `max` bytes.
pub fn read_stdin(max: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::Io("-".into(), e))?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge("-".into(), None, max));
    }
    Ok(bytes)
}

/// Refuses files that are clearly not text: more than 10% control bytes (NUL
/// and C0 controls other than tab, line breaks, form feed) in the first 8 KiB.
/// A `.env` with one stray NUL is still linted: the NUL rule points at it.
fn check_text(input: Input) -> Result<Input, InputError> {
    let head = &input.bytes[..input.bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c'))
        .count();
    if !head.is_empty() && controls * 10 > head.len() {
        return Err(InputError::Binary(
            input.path.clone().unwrap_or_else(|| "-".into()),
        ));
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_has_a_sentence_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read(&dir.path().join("nope"), None, DEFAULT_MAX_SIZE)
            .err()
            .unwrap();
        assert!(missing.message(Lang::En).contains("no such file"));
        assert!(missing.message(Lang::Fr).contains("introuvable"));
        // Display is the English sentence, not a one-word tag.
        assert_eq!(missing.to_string(), missing.message(Lang::En));
        let is_dir = read(dir.path(), None, DEFAULT_MAX_SIZE).err().unwrap();
        assert!(matches!(is_dir, InputError::Directory(_)));
        let bin = dir.path().join("bin");
        std::fs::write(&bin, [0u8, 1, 2, 3, 0x89, b'P', b'N', b'G', 0, 0]).unwrap();
        assert!(matches!(
            read(&bin, None, DEFAULT_MAX_SIZE),
            Err(InputError::Binary(_))
        ));
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'A'; 2000]).unwrap();
        assert!(matches!(
            read(&big, None, 1000),
            Err(InputError::TooLarge(..))
        ));
        let nul = dir.path().join("nul");
        std::fs::write(&nul, b"A=1\0\nB=2\nC=3\nD=4\n").unwrap();
        assert!(read(&nul, None, DEFAULT_MAX_SIZE).is_ok());
    }
}
