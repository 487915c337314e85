//! Which loader reads the file: python-dotenv, `docker --env-file` or docker
//! compose. Each reads the same bytes differently (see `docs/parser.md`).

/// The loader whose reading of the file the rules reason about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// python-dotenv 1.2.x, as pydantic-settings uses it (the FastAPI app).
    #[default]
    PythonDotenv,
    /// `docker run --env-file` (docker CLI 28): quotes literal, blanks in a
    /// name refuse the whole file.
    Docker,
    /// docker compose `env_file:` (compose-go): quotes removed, `$VAR`
    /// expanded with the process environment first.
    Compose,
}

impl Dialect {
    /// How messages name the loader.
    pub fn loader(self) -> &'static str {
        match self {
            Dialect::PythonDotenv => "python-dotenv",
            Dialect::Docker => "docker --env-file",
            Dialect::Compose => "docker compose env_file",
        }
    }

    /// What the loader makes of the file, for the dialects that read it
    /// otherwise than the syntax tree (python-dotenv) does.
    pub fn load(
        self,
        source: &[u8],
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Option<crate::dotenv::effective::Loaded> {
        match self {
            Dialect::PythonDotenv => None,
            Dialect::Docker => Some(crate::dotenv::docker::read(source, env)),
            Dialect::Compose => Some(crate::dotenv::compose::read(source, env)),
        }
    }
}
