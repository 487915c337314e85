//! Replacing a file without ever leaving it half-written: write a temporary
//! file in the same directory, give it the original's permissions, check that
//! nobody changed the original meanwhile, then rename over it.

use crate::i18n::Lang;
use crate::tr;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("changed")]
    Changed(PathBuf),
    #[error("io")]
    Io(PathBuf, std::io::Error),
}

impl WriteError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WriteError::Changed(p) => tr!(lang,
                fr: "{p} a changé pendant la correction ; rien n'a été écrit, relancez la commande",
                en: "{p} changed while it was being fixed; nothing was written, run the command again", p = p.display()),
            WriteError::Io(p, e) => tr!(lang,
                fr: "impossible d'écrire {p} : {e} ; le fichier d'origine est intact",
                en: "cannot write {p}: {e}; the original file is untouched", p = p.display(), e = e),
        }
    }
}

/// Replaces `path` (whose content was `expected`) with `content`.
pub fn replace(path: &Path, expected: &[u8], content: &[u8]) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.into(), e);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path).map_err(io)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".kcenv-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(content).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(io)?;
    if std::fs::read(path).map_err(io)? != expected {
        return Err(WriteError::Changed(path.into()));
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Creates or replaces `path` with `content` and the given mode (new files).
pub fn write_new(path: &Path, content: &[u8], mode: u32) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.into(), e);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".kcenv-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode)).map_err(io)?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.write_all(content).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn keeps_mode_and_refuses_a_changed_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        std::fs::write(&p, b"A = 1\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&p, b"A = 1\n", b"A=1\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"A=1\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let err = replace(&p, b"A = 1\n", b"X").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)));
        assert_eq!(std::fs::read(&p).unwrap(), b"A=1\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left behind"
        );
    }
}
