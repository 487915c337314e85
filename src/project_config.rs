//! `kcenv.toml` or `[tool.kcenv]` in `pyproject.toml`, found in the current
//! directory or its parents, like ruff finds its configuration.

use crate::dotenv::Dialect;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProjectConfig {
    pub profile: Option<String>,
    pub dialect: Option<Dialect>,
    #[serde(default)]
    pub select: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    /// The client is public: no secret is expected ("Option 2: make the client public").
    #[serde(default, alias = "public_client")]
    pub public_client: bool,
    /// The example file a `.env` is held to, relative to the `.env`'s
    /// directory (default: `.env.example`, `.env.sample`, `.env.dist`).
    pub example: Option<String>,
    /// Where the configuration was read from.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl<'de> serde::Deserialize<'de> for Dialect {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        <Dialect as clap::ValueEnum>::from_str(&s, true).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{path}, line {line}: {message}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

#[derive(serde::Deserialize)]
struct Pyproject {
    tool: Option<Tool>,
}

#[derive(serde::Deserialize)]
struct Tool {
    kcenv: Option<toml::Value>,
}

/// Finds and reads the configuration that applies to `dir`.
pub fn discover(dir: &Path) -> Result<ProjectConfig, ConfigError> {
    for d in dir.ancestors() {
        let own = d.join("kcenv.toml");
        if own.is_file() {
            return read(&own, false);
        }
        let py = d.join("pyproject.toml");
        if py.is_file() {
            let config = read(&py, true)?;
            if config.source.is_some() {
                return Ok(config);
            }
        }
    }
    Ok(ProjectConfig::default())
}

fn read(path: &Path, pyproject: bool) -> Result<ProjectConfig, ConfigError> {
    let text = crate::input::read_side_file(path)
        .and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
        })
        .map_err(|e| ConfigError {
            path: path.into(),
            line: 0,
            message: e.to_string(),
        })?;
    let err = |e: toml::de::Error| ConfigError {
        path: path.into(),
        line: e
            .span()
            .map_or(0, |s| 1 + text[..s.start].matches('\n').count()),
        message: e.message().to_owned(),
    };
    let mut config: ProjectConfig = if pyproject {
        let py: Pyproject = toml::from_str(&text).map_err(err)?;
        match py.tool.and_then(|t| t.kcenv) {
            Some(v) => v.try_into().map_err(|e: toml::de::Error| ConfigError {
                path: path.into(),
                line: 0,
                message: format!("[tool.kcenv]: {}", e.message()),
            })?,
            None => return Ok(ProjectConfig::default()),
        }
    } else {
        toml::from_str(&text).map_err(err)?
    };
    config.source = Some(path.into());
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kcenv_toml_and_pyproject() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("pyproject.toml"),
            "[tool.kcenv]\npublic-client = true\nignore = [\"KC102\"]\n",
        )
        .unwrap();
        let sub = dir.path().join("app");
        std::fs::create_dir(&sub).unwrap();
        let c = discover(&sub).unwrap();
        assert!(c.public_client);
        assert_eq!(c.ignore, ["KC102"]);
        std::fs::write(
            sub.join("kcenv.toml"),
            "dialect = \"python-dotenv\"\nbogus = 1\n",
        )
        .unwrap();
        let e = discover(&sub).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
