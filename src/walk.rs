//! Finding the `.env` files of a whole repository: `kcenv lint DIR…`.
//!
//! The walk uses ripgrep's walker (`ignore`) with its filters off: `.env`
//! files are git-ignored by design, so `.gitignore` must not hide them.
//! The directories that hold dependencies and build output are skipped by
//! name, symbolic links to directories are not followed (no cycles, no
//! leaving the tree), and each directory is read on its own thread.

use crate::i18n::{Lang, LocalizedMessage};
use crate::tr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Directories never entered: version control, dependencies, virtual
/// environments, caches and build output.
pub const SKIPPED_DIRS: [&str; 8] = [
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "target",
    "__pycache__",
    "dist",
    "build",
];

/// Whether a file name is one kcenv lints in a directory: `.env`, `.env.*`
/// (`.env.local`, `.env.example`…) and `*.env` (`prod.env`).
pub fn is_env_file(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.") || (name.ends_with(".env") && name.len() > 4)
}

/// Why a directory could not be walked. `Display` is the English sentence
/// of [`LocalizedMessage::message`].
#[derive(Debug)]
pub enum WalkError {
    /// An `--exclude` pattern that is not a valid glob.
    Glob(String, ignore::Error),
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WalkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WalkError::Glob(_, e) => Some(e),
        }
    }
}

impl LocalizedMessage for WalkError {
    fn message(&self, lang: Lang) -> String {
        match self {
            WalkError::Glob(g, e) => tr!(lang,
                fr: "--exclude {g} : motif invalide ({e})",
                en: "--exclude {g}: invalid pattern ({e})", g = g, e = e),
        }
    }
}

/// The `.env` files under `root`, sorted, without those matching one of
/// `exclude` (gitignore-style globs, relative to `root`; a matching
/// directory is not entered).
pub fn env_files(root: &Path, exclude: &[String]) -> Result<Vec<PathBuf>, WalkError> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for glob in exclude {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| WalkError::Glob(glob.clone(), e))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| WalkError::Glob(exclude.join(" "), e))?;
    let found = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .overrides(overrides)
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && entry.depth() > 0
                && SKIPPED_DIRS
                    .iter()
                    .any(|d| entry.file_name() == std::ffi::OsStr::new(d)))
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(entry) = entry {
                    // A symbolic link to a file is linted; to a directory,
                    // it is neither entered nor taken for a file.
                    let name = entry.file_name().to_string_lossy();
                    if is_env_file(&name) && entry.path().is_file() {
                        found
                            .lock()
                            .expect("no walker thread panics holding the lock")
                            .push(entry.into_path());
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut found = found.into_inner().expect("the walk is over");
    // `lint .` shows `svc/.env`, not `./svc/.env`.
    if root == Path::new(".") {
        for p in &mut found {
            if let Ok(rel) = p.strip_prefix(".") {
                *p = rel.to_path_buf();
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for yes in [".env", ".env.local", ".env.example", "prod.env", "a.b.env"] {
            assert!(is_env_file(yes), "{yes}");
        }
        for no in [
            ".envrc",
            "env",
            ".env_backup",
            "environment",
            "x.envx",
            ".env/",
        ] {
            assert!(!is_env_file(no), "{no}");
        }
    }

    #[test]
    fn finds_ignored_files_skips_dependency_dirs_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |p: &str| {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "A=1\n").unwrap();
        };
        for p in [
            ".env",
            "svc/a/.env.local",
            "svc/b/prod.env",
            "svc/b/README.md",
            "node_modules/x/.env",
            ".venv/.env",
            "deep/target/.env",
            "vendor/lib/.env",
            ".gitignore",
        ] {
            write(p);
        }
        std::fs::write(root.join(".gitignore"), ".env\n*.env\n").unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/.env"), "A=1\n").unwrap();
        #[cfg(unix)]
        {
            // A link to a directory of the tree: never entered (no duplicate,
            // no cycle); a link to a file: linted.
            std::os::unix::fs::symlink(root.join("svc"), root.join("svc-link")).unwrap();
            std::os::unix::fs::symlink(root, root.join("svc/loop")).unwrap();
            std::os::unix::fs::symlink(root.join(".env"), root.join("svc/shared.env")).unwrap();
        }
        let rel = |v: Vec<PathBuf>| -> Vec<String> {
            v.iter()
                .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        let mut want = vec![
            ".env",
            "svc/a/.env.local",
            "svc/b/prod.env",
            "vendor/lib/.env",
        ];
        if cfg!(unix) {
            want.insert(3, "svc/shared.env");
        }
        assert_eq!(rel(env_files(root, &[]).unwrap()), want);
        let excluded = env_files(root, &["vendor".into(), "**/*.local".into()]).unwrap();
        want.retain(|p| !p.starts_with("vendor") && !p.ends_with(".local"));
        assert_eq!(rel(excluded), want);
        assert!(env_files(root, &["a{".into()]).is_err());
    }
}
