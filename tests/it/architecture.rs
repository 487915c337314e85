//! The layers of `docs/architecture.md`, checked: a module imports only from
//! its own layer or the layers below, and no two source files import each
//! other, directly or through others. `python3 bench/imports.py` prints the
//! same graph for reading.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Bottom to top; the same table as in `docs/architecture.md`.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundations",
        &[
            "span",
            "i18n",
            "redact",
            "input",
            "atomic_write",
            "git",
            "walk",
            "local_time",
            "placeholder",
            "output",
        ],
    ),
    ("model", &["dotenv", "profile", "project_config"]),
    ("analysis", &["lint", "fix", "diff", "report", "example"]),
    (
        "outside world",
        &["secret", "config", "env_file", "oidc", "sandbox"],
    ),
    ("interaction", &["wizard"]),
    ("command line", &["cli", "commands"]),
];

/// Imports from a lower layer up to a higher one, each justified in
/// `docs/architecture.md`. At most two.
const ALLOWED_UPWARD: &[(&str, &str)] = &[];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/` but the crate roots, as its module path.
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    let mut out = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src()).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts == ["lib"] || parts == ["main"] {
            continue;
        }
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        out.insert(parts, file);
    }
    let test_only: Vec<Vec<String>> = out
        .keys()
        .filter(|m| is_test_only(&out, m))
        .cloned()
        .collect();
    for m in test_only {
        out.remove(&m);
    }
    out
}

/// Whether the parent module declares the file `#[cfg(test)] mod name;`:
/// a file of test helpers, which may use anything.
fn is_test_only(mods: &BTreeMap<Vec<String>, PathBuf>, module: &[String]) -> bool {
    let parent = match module.split_last() {
        Some((_, [])) => src().join("lib.rs"),
        Some((_, parent)) => match mods.get(parent) {
            Some(p) => p.clone(),
            None => return false,
        },
        None => return false,
    };
    let text = std::fs::read_to_string(parent).unwrap();
    let name = module.last().unwrap();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        let after = after
            .strip_prefix("pub(crate)")
            .or_else(|| after.strip_prefix("pub"))
            .unwrap_or(after)
            .trim_start();
        if let Some(decl) = after.strip_prefix("mod ")
            && decl
                .trim_start()
                .strip_prefix(name.as_str())
                .is_some_and(|d| d.trim_start().starts_with(';'))
        {
            return true;
        }
        rest = &rest[at + 1..];
    }
    false
}

/// The source without comments and without `#[cfg(test)] mod … { … }`
/// blocks: tests may use anything.
fn production_code(text: &str) -> String {
    let without_comments: String = text
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::new();
    let mut rest = without_comments.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let trimmed = after.trim_start();
        let is_mod = trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ");
        match after.find('{') {
            Some(open) if is_mod && !after[..open].contains(';') => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (i, c) in after[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &after[end..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The paths after each `crate::` and `super::`, with `use` groups expanded
/// one level (`crate::{a::b, c}` gives `a::b` and `c`).
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let ident = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| {
                p.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|p| !p.is_empty())
            .collect()
    };
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let (ups, head_len) = if bytes[i..].starts_with(b"crate::") {
            (usize::MAX, "crate::".len())
        } else if bytes[i..].starts_with(b"super::") {
            let mut ups = 0;
            let mut j = i;
            while bytes[j..].starts_with(b"super::") {
                ups += 1;
                j += "super::".len();
            }
            (ups, j - i)
        } else {
            i += 1;
            continue;
        };
        let before = if i == 0 { b' ' } else { bytes[i - 1] };
        if before.is_ascii_alphanumeric() || before == b'_' || before == b'$' {
            i += head_len;
            continue;
        }
        let rest = &code[i + head_len..];
        let prefix_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let prefix = &rest[..prefix_end];
        if rest[prefix_end..].starts_with('{') {
            let close = rest[prefix_end..]
                .find('}')
                .unwrap_or(rest.len() - prefix_end);
            for part in rest[prefix_end + 1..prefix_end + close].split(',') {
                let mut segs = ident(prefix);
                segs.extend(ident(part.trim()));
                out.push((ups, segs));
            }
        } else {
            out.push((ups, ident(prefix)));
        }
        i += head_len + prefix_end;
    }
    out
}

/// Module → the modules (files) it refers to.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mods = modules();
    let mut graph = BTreeMap::new();
    for (me, file) in &mods {
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        let mut deps = BTreeSet::new();
        for (ups, segs) in paths(&code) {
            let mut full: Vec<String> = if ups == usize::MAX {
                Vec::new()
            } else {
                me[..me.len().saturating_sub(ups)].to_vec()
            };
            full.extend(segs.into_iter().filter(|s| s != "self"));
            let target = (1..=full.len())
                .rev()
                .map(|n| full[..n].to_vec())
                .find(|m| mods.contains_key(m));
            if let Some(target) = target {
                // A file's own module and its ancestors (`super::Item`) are not imports.
                if target != *me && !me.starts_with(&target) {
                    deps.insert(target);
                }
            }
        }
        graph.insert(me.clone(), deps);
    }
    graph
}

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&top))
}

#[test]
fn every_module_has_a_layer() {
    let tops: BTreeSet<String> = modules().keys().map(|m| m[0].clone()).collect();
    let missing: Vec<&String> = tops.iter().filter(|t| layer_of(t).is_none()).collect();
    assert!(
        missing.is_empty(),
        "{missing:?}: place each new top-level module in LAYERS (tests/it/architecture.rs) \
         and in the layer table of docs/architecture.md"
    );
}

#[test]
fn imports_never_go_up_a_layer_but_the_justified_ones() {
    assert!(ALLOWED_UPWARD.len() <= 2, "at most two upward imports");
    let mut upward = BTreeSet::new();
    for (me, deps) in graph() {
        for dep in deps {
            let (from, to) = (me[0].as_str(), dep[0].as_str());
            if let (Some(a), Some(b)) = (layer_of(from), layer_of(to))
                && b > a
                && !ALLOWED_UPWARD.contains(&(from, to))
            {
                upward.insert(format!(
                    "{} ({}) imports {} ({})",
                    me.join("::"),
                    LAYERS[a].0,
                    dep.join("::"),
                    LAYERS[b].0
                ));
            }
        }
    }
    assert!(upward.is_empty(), "imports up a layer:\n{upward:#?}");
}

/// Tarjan's strongly connected components with more than one member.
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w.join("::"));
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn no_import_circles_between_files() {
    let found = circles(&graph());
    assert!(found.is_empty(), "files that import each other: {found:?}");
}

#[test]
fn no_import_circles_between_top_level_modules() {
    let mut top: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (me, deps) in graph() {
        let entry = top.entry(vec![me[0].clone()]).or_default();
        entry.extend(
            deps.into_iter()
                .filter(|d| d[0] != me[0])
                .map(|d| vec![d[0].clone()]),
        );
    }
    let found = circles(&top);
    assert!(
        found.is_empty(),
        "modules that import each other: {found:?}"
    );
}

/// The checker itself: a circle and an upward import are seen.
#[test]
fn the_checker_sees_a_circle_and_a_test_block_is_ignored() {
    let code = "use crate::a::{B, c::D};\nfn f() { super::x::y(); }\n\
                #[cfg(test)]\nmod tests { use crate::z; }\n";
    let found = paths(&production_code(code));
    assert_eq!(
        found,
        vec![
            (usize::MAX, vec!["a".into(), "B".into()]),
            (usize::MAX, vec!["a".into(), "c".into(), "D".into()]),
            (1, vec!["x".into(), "y".into()]),
        ]
    );
    let g: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = [
        (vec!["a".to_string()], [vec!["b".to_string()]].into()),
        (vec!["b".to_string()], [vec!["a".to_string()]].into()),
    ]
    .into();
    assert_eq!(circles(&g), vec![vec!["a".to_string(), "b".to_string()]]);
}

/// A file its parent declares `#[cfg(test)] mod name;` is test code.
#[test]
fn files_of_test_helpers_are_left_out() {
    let mods = modules();
    let key = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(!mods.contains_key(&key(&["lint", "rules", "test_support"])));
    assert!(mods.contains_key(&key(&["lint", "rules", "url_value"])));
}
