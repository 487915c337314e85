//! Whether git would commit a file: one `git status` call, and none at all
//! outside a repository.

use std::path::Path;

/// Whether git would commit the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitStatus {
    NotARepository,
    /// In the last commit (modified or not since).
    Tracked,
    /// Added to the index and in no commit yet: the next `git commit`
    /// publishes it.
    Staged,
    Ignored,
    /// In a repository, neither tracked nor ignored: `git add .` takes it.
    Untracked,
}

/// The git status of the file at `path`.
pub fn status(path: &Path) -> GitStatus {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name() else {
        return GitStatus::NotARepository;
    };
    // A git process costs milliseconds; looking for `.git` upwards costs a
    // few `stat` calls. `GIT_DIR` can point anywhere: then ask git.
    if std::env::var_os("GIT_DIR").is_none() && !inside_work_tree(dir) {
        return GitStatus::NotARepository;
    }
    // One `git status` answers all three questions (in a repository? tracked?
    // ignored?): `lint` on a small file should not pay three processes.
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "status",
            "--porcelain=v1",
            "--ignored=matching",
            "--untracked-files=all",
            "--",
        ])
        .arg(name)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => from_porcelain(&out.stdout),
        // Not a repository after all, or no git at all.
        _ => GitStatus::NotARepository,
    }
}

/// Whether `dir` or one of its ancestors holds `.git` (a directory, or the
/// file of a worktree or submodule), on the path as written or with its
/// symbolic links resolved (git looks from the resolved one).
fn inside_work_tree(dir: &Path) -> bool {
    let (Ok(written), Ok(resolved)) = (std::path::absolute(dir), std::fs::canonicalize(dir)) else {
        return true; // cannot tell: let git decide
    };
    [written, resolved]
        .iter()
        .any(|p| p.ancestors().any(|d| d.join(".git").exists()))
}

/// `?? f` untracked, `!! f` ignored, `A` in the index column staged (added,
/// in no commit yet, even when `git add -f` overrode `.gitignore`), any
/// other line (` M`, `M `…) or no line at all (clean) tracked.
fn from_porcelain(stdout: &[u8]) -> GitStatus {
    match stdout.get(..2) {
        Some(b"??") => GitStatus::Untracked,
        Some(b"!!") => GitStatus::Ignored,
        Some([b'A', _]) => GitStatus::Staged,
        _ => GitStatus::Tracked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_lines() {
        assert_eq!(from_porcelain(b"?? .env\n"), GitStatus::Untracked);
        assert_eq!(from_porcelain(b"!! .env\n"), GitStatus::Ignored);
        assert_eq!(from_porcelain(b" M .env\n"), GitStatus::Tracked);
        assert_eq!(from_porcelain(b"M  .env\n"), GitStatus::Tracked);
        assert_eq!(from_porcelain(b"A  .env\n"), GitStatus::Staged);
        assert_eq!(from_porcelain(b"AM .env\n"), GitStatus::Staged);
        assert_eq!(from_porcelain(b""), GitStatus::Tracked);
    }

    #[test]
    fn real_repository() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("service");
        std::fs::create_dir(&sub).unwrap();
        let env = sub.join(".env");
        std::fs::write(&env, "A=1\n").unwrap();
        assert_eq!(status(&env), GitStatus::NotARepository);
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args(args)
                .output()
                .unwrap()
        };
        if !git(&["init", "-q"]).status.success() {
            return; // no git on this machine: the first assertion covered it
        }
        // The repository is found from a subdirectory too, and through a
        // symbolic link from outside it.
        assert_eq!(status(&env), GitStatus::Untracked);
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            let link = outside.path().join("link");
            std::os::unix::fs::symlink(&sub, &link).unwrap();
            assert_eq!(status(&link.join(".env")), GitStatus::Untracked);
        }
        std::fs::write(dir.path().join(".gitignore"), "service/.env\n").unwrap();
        assert_eq!(status(&env), GitStatus::Ignored);
        std::fs::remove_file(dir.path().join(".gitignore")).unwrap();
        git(&["add", "service/.env"]);
        assert_eq!(status(&env), GitStatus::Staged);
        // `git add -f` over .gitignore: still about to be committed.
        std::fs::write(dir.path().join(".gitignore"), "service/.env\n").unwrap();
        assert_eq!(status(&env), GitStatus::Staged);
        git(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "x",
        ]);
        assert_eq!(status(&env), GitStatus::Tracked);
    }
}
