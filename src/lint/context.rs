//! What rules can see: the file, the profile, the dialect, the environment.

pub use crate::dotenv::Dialect;
use crate::dotenv::Node;
use crate::dotenv::effective::Binding;
use crate::dotenv::symbols::{Definition, Symbols};
pub use crate::git::GitStatus;
use crate::i18n::Lang;
use crate::profile::{KeySpec, Profile, Role};
use crate::span::Span;
use std::path::Path;

/// Where the secret was found outside the file, for the missing-secret rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutsideSource {
    /// Set in the process environment.
    Environment,
    /// Stored in the OS keyring.
    Keyring,
    /// Not found; the string says where else we looked (or why the keyring
    /// could not be asked), in the user's language.
    Absent(Vec<String>),
}

/// Facts about the file on disk (absent for stdin).
#[derive(Debug, Clone)]
pub struct FileFacts {
    /// Unix permission bits.
    pub mode: Option<u32>,
    git: std::cell::OnceCell<GitStatus>,
    /// Where to ask git, on first need.
    path: Option<std::path::PathBuf>,
    /// The example file beside this `.env`, when there is one.
    pub example: Option<ExampleKeys>,
}

/// The keys of the example file beside a `.env` (`.env.example`…): the
/// repository's contract, which KC211 and KC212 hold the `.env` to.
#[derive(Debug, Clone)]
pub struct ExampleKeys {
    /// The example's path as shown.
    pub display_name: String,
    /// Its keys in file order (first definition of each), with their line.
    pub keys: Vec<(String, u32)>,
    /// Each key's index in `keys`: every entry of the `.env` asks (KC212),
    /// and a scan per entry would be quadratic on a large example.
    index: std::collections::HashMap<String, usize>,
}

impl ExampleKeys {
    pub fn parse(display_name: String, source: &[u8]) -> ExampleKeys {
        let mut keys: Vec<(String, u32)> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for node in crate::dotenv::parse(source) {
            if let Node::Entry(e) = node {
                let key = crate::dotenv::python::key(source, &e);
                if !index.contains_key(key.as_ref()) {
                    index.insert(key.to_string(), keys.len());
                    keys.push((key.into_owned(), e.line));
                }
            }
        }
        ExampleKeys {
            display_name,
            keys,
            index,
        }
    }

    /// The line that documents `key`, if the example has it.
    pub fn line_of(&self, key: &str) -> Option<u32> {
        self.index.get(key).map(|&i| self.keys[i].1)
    }
}

impl FileFacts {
    /// Facts already known (tests, callers that asked git themselves).
    pub fn known(mode: Option<u32>, git: GitStatus) -> Self {
        FileFacts {
            mode,
            git: git.into(),
            path: None,
            example: None,
        }
    }

    /// The file at `path`: its mode bits now, its git status on first need.
    pub fn read(path: &Path) -> Self {
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| m.permissions().mode() & 0o7777)
        };
        #[cfg(not(unix))]
        let mode = None;
        FileFacts::on_disk(path, mode)
    }

    /// A file on disk whose git status is asked only when a rule needs it:
    /// only a file that holds a secret pays for a `git` process.
    pub fn on_disk(path: &Path, mode: Option<u32>) -> Self {
        FileFacts {
            mode,
            git: std::cell::OnceCell::new(),
            path: Some(path.to_owned()),
            example: None,
        }
    }

    /// The same facts, with the example file found beside the `.env`.
    pub fn with_example(mut self, example: Option<ExampleKeys>) -> Self {
        self.example = example;
        self
    }

    pub fn git(&self) -> GitStatus {
        *self.git.get_or_init(|| match &self.path {
            Some(path) => crate::git::status(path),
            None => GitStatus::NotARepository,
        })
    }
}

/// A `.env` or a template that is expected to hold placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Env,
    /// `*.example`, `*.sample`, `*.template`.
    Example,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if [".example", ".sample", ".template", ".dist"]
            .iter()
            .any(|s| name.ends_with(s))
        {
            FileKind::Example
        } else {
            FileKind::Env
        }
    }
}

pub struct Context<'a> {
    pub source: &'a [u8],
    /// The name to show for the file (`-` or `--stdin-filename` for stdin).
    pub display_name: &'a str,
    pub profile: &'a Profile,
    pub dialect: Dialect,
    pub lang: Lang,
    pub kind: FileKind,
    pub file: Option<&'a FileFacts>,
    /// `public_client = true` in `kcenv.toml`: no secret is expected.
    pub public_client: bool,
    /// The process environment (the app's environment wins over the file).
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// Where a role's value is found outside the file. Asked at most once per
    /// role, only when the file lacks the key (the keyring is asked only when
    /// needed: it may prompt or be slow).
    pub outside: &'a dyn Fn(Role) -> OutsideSource,
}

impl Context<'_> {
    pub fn spec(&self, key: &str) -> Option<&KeySpec> {
        self.profile.key(key)
    }
}

/// A node as a rule sees it.
pub struct NodeView<'a> {
    pub node: &'a Node,
    /// For an entry: its key and effective value.
    pub binding: Option<&'a Binding<'a>>,
    /// For an entry: the earlier definition of the same key, which this one
    /// overrides (python-dotenv keeps the last).
    pub previous: Option<Definition>,
    /// The keys defined so far, this node's included.
    pub symbols: &'a Symbols<'a>,
    /// For an entry whose key is in the profile: the key's spec.
    pub spec: Option<&'a KeySpec>,
    /// Whether the value must never be shown.
    pub sensitive: bool,
    /// Under docker or compose: the lines of this node that make the loader
    /// refuse the whole file.
    pub refusals: &'a [crate::dotenv::effective::Refusal],
    /// For an entry: its `${…}` expansion was too large to make, and the
    /// binding holds the value as written.
    pub expansion_too_large: bool,
}

impl<'a> NodeView<'a> {
    pub fn entry(&self) -> Option<(&crate::dotenv::Entry, &Binding<'a>)> {
        match (self.node, self.binding) {
            (Node::Entry(e), Some(b)) => Some((e, b)),
            _ => None,
        }
    }

    /// Whether the latest line above this node that defines `name` gives it a
    /// value (`NAME=…`; a later bare `NAME` makes python-dotenv read `""`):
    /// what a `${NAME}` on this line can read.
    pub fn defined_above(&self, name: &str) -> bool {
        let def = match self.binding {
            Some(b) if b.key == name => self.previous,
            _ => self.symbols.get(name),
        };
        def.is_some_and(|d| self.symbols.entry(d).eq.is_some())
    }

    /// The value span to mask in a snippet: the entry's value when it is
    /// sensitive. Every diagnostic on an entry passes this to `Report::mask`,
    /// so that no rule can forget a secret on its line.
    pub fn mask(&self) -> Option<Span> {
        match self.node {
            Node::Entry(e) if self.sensitive => Some(e.value),
            _ => None,
        }
    }
}
