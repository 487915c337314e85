//! Keycloak versions, because the same mistake reads differently on 19 and on 26
//! (`keycloak-errors.md`). Shared by the catalog (to read a body) and by the
//! sandbox (to write one).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A Keycloak release `major.minor.patch`. `26.0.x` and `26` parse with the
/// missing or wildcard parts as 0: every behaviour difference we know of starts at
/// a `.0` release except 26.4.3, which must then be spelled out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct KeycloakVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

/// A version string kcenv cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Keycloak version `{0}` (expected e.g. 19.0.3, 26.0.x, 26.4.3, 26.6.0)")]
pub struct VersionError(pub String);

impl KeycloakVersion {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        KeycloakVersion {
            major,
            minor,
            patch,
        }
    }

    /// ≥ 20.0.0 answers every client-authentication failure with the same
    /// `Invalid client or Invalid client credentials` (Keycloak PR #14656).
    pub fn generic_client_errors(self) -> bool {
        self >= KeycloakVersion::new(20, 0, 0)
    }

    /// 26.6.0 moved `invalid_grant` from 401 to 400 (Keycloak PR #46528).
    pub fn invalid_grant_is_400(self) -> bool {
        self >= KeycloakVersion::new(26, 6, 0)
    }

    /// Quarkus distribution (≥ 17): no `/auth` prefix by default.
    pub fn quarkus_layout(self) -> bool {
        self.major >= 17
    }
}

impl PartialOrd for KeycloakVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for KeycloakVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch))
    }
}

impl FromStr for KeycloakVersion {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || VersionError(s.to_string());
        let trimmed = s.trim();
        // Distribution tags such as `26.0.7.Final` or `19.0.3-legacy` carry the
        // version first; the suffix changes nothing we model.
        let core = trimmed.split(['-', '+']).next().unwrap_or(trimmed);
        let mut parts = core.split('.');
        let mut next = |required: bool| -> Result<u32, VersionError> {
            match parts.next() {
                None if !required => Ok(0),
                Some("x" | "X" | "*") if !required => Ok(0),
                Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map_err(|_| err())
                }
                Some(p) if !required && !p.is_empty() && p.chars().all(char::is_alphabetic) => {
                    Ok(0)
                }
                _ => Err(err()),
            }
        };
        let major = next(true)?;
        let minor = next(false)?;
        let patch = next(false)?;
        Ok(KeycloakVersion {
            major,
            minor,
            patch,
        })
    }
}

impl fmt::Display for KeycloakVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_wildcard_and_suffixed_versions() {
        assert_eq!("19.0.3".parse(), Ok(KeycloakVersion::new(19, 0, 3)));
        assert_eq!("26.0.x".parse(), Ok(KeycloakVersion::new(26, 0, 0)));
        assert_eq!("26".parse(), Ok(KeycloakVersion::new(26, 0, 0)));
        assert_eq!("26.0.7.Final".parse(), Ok(KeycloakVersion::new(26, 0, 7)));
        assert_eq!("19.0.3-legacy".parse(), Ok(KeycloakVersion::new(19, 0, 3)));
        assert!("latest".parse::<KeycloakVersion>().is_err());
        assert!("".parse::<KeycloakVersion>().is_err());
        assert!("26..1".parse::<KeycloakVersion>().is_err());
    }

    #[test]
    fn behaviour_switches_follow_the_reference() {
        let v19: KeycloakVersion = "19.0.3".parse().unwrap();
        let v26: KeycloakVersion = "26.4.3".parse().unwrap();
        let v266: KeycloakVersion = "26.6.0".parse().unwrap();
        assert!(!v19.generic_client_errors() && v26.generic_client_errors());
        assert!(!v26.invalid_grant_is_400() && v266.invalid_grant_is_400());
    }
}
