//! Replacing a file without ever leaving it half-written, and without
//! losing what the file *is* besides its bytes: write a temporary file in the
//! same directory, give it the original's mode, owner and group, check that
//! nobody changed the original meanwhile, then rename over it.
//!
//! A symlinked `.env` (a common way to share one between checkouts) is
//! edited at its target, and stays a link. A file with several hard links,
//! or whose owner kcenv cannot give to a new file, is rewritten in place
//! (a rename would detach the other names or change the owner), after a
//! complete copy has been written next to it. A read-only file is refused.

use crate::i18n::{Lang, LocalizedMessage};
use crate::tr;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not replaced. `Display` is the English sentence of
/// [`LocalizedMessage::message`].
#[derive(Debug)]
pub enum WriteError {
    /// Someone changed the file between reading and replacing it.
    Changed(PathBuf),
    ReadOnly(PathBuf),
    DanglingLink(PathBuf),
    Io(PathBuf, std::io::Error),
    /// The in-place rewrite failed half-way; the full new content is at
    /// the second path.
    Partial(PathBuf, PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(_, e) | WriteError::Partial(_, _, e) => Some(e),
            _ => None,
        }
    }
}

impl LocalizedMessage for WriteError {
    fn message(&self, lang: Lang) -> String {
        match self {
            WriteError::Changed(p) => tr!(lang,
                fr: "{p} a changé pendant la correction ; rien n'a été écrit, relancez la commande",
                en: "{p} changed while it was being fixed; nothing was written, run the command again", p = p.display()),
            WriteError::ReadOnly(p) => tr!(lang,
                fr: "{p} est en lecture seule ; rien n'a été écrit (rendez-le inscriptible, par ex. chmod u+w, si la modification est voulue)",
                en: "{p} is read-only; nothing was written (make it writable, e.g. chmod u+w, if the change is wanted)", p = p.display()),
            WriteError::DanglingLink(p) => tr!(lang,
                fr: "{p} est un lien symbolique vers un fichier qui n'existe pas ; rien n'a été écrit",
                en: "{p} is a symbolic link to a file that does not exist; nothing was written", p = p.display()),
            WriteError::Io(p, e) => tr!(lang,
                fr: "impossible d'écrire {p} : {e} ; le fichier d'origine est intact",
                en: "cannot write {p}: {e}; the original file is untouched", p = p.display(), e = e),
            WriteError::Partial(p, copy, e) => tr!(lang,
                fr: "écriture de {p} interrompue : {e} ; le contenu complet est dans {c}",
                en: "writing {p} failed half-way: {e}; the complete content is in {c}", p = p.display(), c = copy.display(), e = e),
        }
    }
}

/// Replaces `path` (whose content was `expected`) with `content`, keeping
/// its mode.
pub fn replace(path: &Path, expected: &[u8], content: &[u8]) -> Result<(), WriteError> {
    commit(path, Some(expected), content, None)
}

/// Replaces `path` (whose content was `expected`) with `content`, and sets
/// `mode` (a file that now holds a secret becomes 0600).
pub fn replace_with_mode(
    path: &Path,
    expected: &[u8],
    content: &[u8],
    mode: u32,
) -> Result<(), WriteError> {
    commit(path, Some(expected), content, Some(mode))
}

/// Creates `path` with `content` and `mode`. Should it exist after all (or
/// be a link), it is replaced as [`replace_with_mode`] would, without the
/// check on its content.
pub fn write_new(path: &Path, content: &[u8], mode: u32) -> Result<(), WriteError> {
    commit(path, None, content, Some(mode))
}

/// The file a write must land in: `path`, or the file its links lead to.
fn target_of(path: &Path) -> Result<PathBuf, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                WriteError::DanglingLink(path.into())
            } else {
                WriteError::Io(path.into(), e)
            }
        }),
        _ => Ok(path.into()),
    }
}

fn commit(
    path: &Path,
    expected: Option<&[u8]>,
    content: &[u8],
    mode: Option<u32>,
) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(path.into(), e);
    let target = target_of(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && expected.is_none() => None,
        Err(e) => return Err(io(e)),
    };
    if existing.as_ref().is_some_and(read_only) {
        return Err(WriteError::ReadOnly(path.into()));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".kcenv-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(content).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let permissions = match (mode, &existing) {
        (Some(m), _) => Some(permissions_from_mode(m)),
        (None, Some(meta)) => Some(meta.permissions()),
        (None, None) => None,
    };
    if let Some(p) = &permissions {
        tmp.as_file().set_permissions(p.clone()).map_err(io)?;
    }
    // A rename gives the path a new inode: other hard links keep the old
    // content, and the file gets kcenv's owner. Where that would happen,
    // the original is rewritten in place instead.
    let in_place = existing
        .as_ref()
        .is_some_and(|m| links(m) > 1 || !give_owner(tmp.as_file(), m));
    if let Some(expected) = expected
        && crate::input::read_regular(&target, expected.len() as u64)
            .ok()
            .as_deref()
            != Some(expected)
    {
        return Err(WriteError::Changed(path.into()));
    }
    if in_place {
        let result = (|| {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&target)?;
            file.write_all(content)?;
            if let Some(p) = permissions {
                file.set_permissions(p)?;
            }
            file.sync_all()
        })();
        return match result {
            Ok(()) => Ok(()),
            Err(e) => {
                // The copy is the only complete version now: keep it.
                let copy = tmp.into_temp_path().keep().map_err(|k| io(k.error))?;
                Err(WriteError::Partial(path.into(), copy, e))
            }
        };
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn permissions_from_mode(mode: u32) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(mode)
}

#[cfg(not(unix))]
fn permissions_from_mode(_mode: u32) -> std::fs::Permissions {
    std::fs::metadata(".")
        .map(|m| m.permissions())
        .expect("current directory")
}

/// No write bit at all: the owner made the file read-only on purpose, and
/// even root must not overwrite it behind their back.
#[cfg(unix)]
fn read_only(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o222 == 0
}

#[cfg(not(unix))]
fn read_only(meta: &std::fs::Metadata) -> bool {
    meta.permissions().readonly()
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn links(_meta: &std::fs::Metadata) -> u64 {
    1
}

/// Gives the new file the original's owner and group; false when that is
/// not allowed (only root may give a file away).
#[cfg(unix)]
fn give_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let mine = file.metadata().ok();
    if mine
        .as_ref()
        .is_some_and(|m| m.uid() == meta.uid() && m.gid() == meta.gid())
    {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok()
}

#[cfg(not(unix))]
fn give_owner(_file: &std::fs::File, _meta: &std::fs::Metadata) -> bool {
    true
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_and_its_target_is_edited() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("shared.env");
        let link = dir.path().join(".env");
        std::fs::write(&real, b"A = 1\n").unwrap();
        std::os::unix::fs::symlink("shared.env", &link).unwrap();
        replace(&link, b"A = 1\n", b"A=1\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"A=1\n");
        let dangling = dir.path().join("dangling.env");
        std::os::unix::fs::symlink("nowhere.env", &dangling).unwrap();
        assert!(matches!(
            write_new(&dangling, b"A=1\n", 0o600),
            Err(WriteError::DanglingLink(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_keep_sharing_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join(".env");
        let b = dir.path().join("other-name.env");
        std::fs::write(&a, b"A = 1\n").unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        replace_with_mode(&a, b"A = 1\n", b"A=1\n", 0o600).unwrap();
        assert_eq!(std::fs::read(&b).unwrap(), b"A=1\n");
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(&b).unwrap();
        assert_eq!(meta.nlink(), 2);
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_and_left_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        std::fs::write(&p, b"A = 1\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = replace(&p, b"A = 1\n", b"A=1\n").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly(_)));
        assert!(err.message(Lang::En).contains("read-only"));
        assert!(err.message(Lang::Fr).contains("lecture seule"));
        assert_eq!(err.to_string(), err.message(Lang::En));
        assert_eq!(std::fs::read(&p).unwrap(), b"A = 1\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn owner_and_group_are_kept() {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        std::fs::write(&p, b"A = 1\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        // Only root can hand a file to `nobody:nogroup`; as another user the
        // file stays the user's own and the case below is the plain rename.
        let owner = if unsafe { libc::geteuid() } == 0 {
            std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
            (65534, 65534)
        } else {
            let m = std::fs::metadata(&p).unwrap();
            (m.uid(), m.gid())
        };
        replace(&p, b"A = 1\n", b"A=1\n").unwrap();
        let meta = std::fs::metadata(&p).unwrap();
        assert_eq!((meta.uid(), meta.gid()), owner);
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read(&p).unwrap(), b"A=1\n");
    }
}
