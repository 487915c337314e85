use super::Profile;
use std::path::{Path, PathBuf};

/// Why a profile could not be used. Each variant says what to change.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read profile {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("profile {path}, line {line}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("profile {path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("no built-in profile named `{name}` (built-in: {known}); pass a path to a .toml file")]
    Unknown { name: String, known: String },
}

pub(super) fn load(name_or_path: &str, builtin: &[(&str, &str)]) -> Result<Profile, ProfileError> {
    if let Some((name, text)) = builtin.iter().find(|(n, _)| *n == name_or_path) {
        return parse(text, Path::new(&format!("<built-in {name}>")));
    }
    let path = Path::new(name_or_path);
    let looks_like_path = name_or_path.contains(['/', '\\']) || name_or_path.ends_with(".toml");
    if !looks_like_path && !path.exists() {
        return Err(ProfileError::Unknown {
            name: name_or_path.to_owned(),
            known: builtin
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let bytes = crate::input::read_side_file(path).map_err(|source| ProfileError::Read {
        path: path.into(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ProfileError::Read {
        path: path.into(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
    })?;
    parse(&text, path)
}

pub(super) fn parse(text: &str, path: &Path) -> Result<Profile, ProfileError> {
    let profile: Profile = toml::from_str(text).map_err(|e| ProfileError::Syntax {
        path: path.into(),
        line: e
            .span()
            .map(|s| 1 + text[..s.start].matches('\n').count())
            .unwrap_or(1),
        message: e.message().to_owned(),
    })?;
    validate(profile, path)
}

fn validate(profile: Profile, path: &Path) -> Result<Profile, ProfileError> {
    let invalid = |message: String| ProfileError::Invalid {
        path: path.into(),
        message,
    };
    if profile.schema_version != 1 {
        return Err(invalid(format!(
            "schema_version {} is not supported (this kcenv reads schema_version = 1)",
            profile.schema_version
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for key in &profile.keys {
        if !seen.insert(key.name.as_str()) {
            return Err(invalid(format!("key {} is listed twice", key.name)));
        }
        if key.name.is_empty()
            || key
                .name
                .contains(|c: char| c.is_whitespace() || c == '=' || c == '#')
        {
            return Err(invalid(format!(
                "`{}` is not a valid .env key name",
                key.name
            )));
        }
    }
    for role in [
        super::Role::Host,
        super::Role::Realm,
        super::Role::ClientId,
        super::Role::ClientSecret,
    ] {
        if profile.keys.iter().filter(|k| k.role == role).count() > 1 {
            return Err(invalid(format!("more than one key has role {role:?}")));
        }
    }
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_profile_names_its_line() {
        let text = "schema_version = 1\nname = \"x\"\n[[keys]]\nname = \"A\"\ntype = \"nope\"\n";
        match parse(text, Path::new("p.toml")) {
            Err(ProfileError::Syntax { line, message, .. }) => {
                assert_eq!(line, 5, "{message}");
                assert!(
                    message.contains("nope") || message.contains("variant"),
                    "{message}"
                );
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_field_is_an_error() {
        let text = "schema_version = 1\nname = \"x\"\n[[keys]]\nname = \"A\"\ntype = \"url\"\nrequird = true\n";
        let err = parse(text, Path::new("p.toml")).unwrap_err().to_string();
        assert!(err.contains("line 6"), "{err}");
    }

    #[test]
    fn wrong_schema_version_and_duplicates() {
        let v2 = "schema_version = 2\nname = \"x\"\nkeys = []\n";
        assert!(
            parse(v2, Path::new("p"))
                .unwrap_err()
                .to_string()
                .contains("schema_version 2")
        );
        let dup = "schema_version = 1\nname = \"x\"\n[[keys]]\nname = \"A\"\ntype = \"url\"\n[[keys]]\nname = \"A\"\ntype = \"url\"\n";
        assert!(
            parse(dup, Path::new("p"))
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
    }

    #[test]
    fn unknown_builtin_lists_the_known_ones() {
        let err = load("nope", &[("ventis-messaging", "")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("ventis-messaging"), "{err}");
    }
}
