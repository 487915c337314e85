//! The rules' stable codes (`KC201`…): an enum, so that code which reasons
//! about a rule (selection, suppressions, the wizard's value checks, `fix`)
//! matches variants the compiler checks instead of strings a typo would
//! silently miss. Shown and serialized as the `KC…` string, never translated.
//!
//! Each code and its kebab-case name are stated once, below, in code order;
//! the order rules *run* in (which decides the order of one line's findings)
//! is `registry::all`.

macro_rules! rule_codes {
    ($($variant:ident = $code:literal, $name:literal;)*) => {
        /// One rule, named after it; `as_str` gives its code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleCode {
            $($variant,)*
        }

        impl RuleCode {
            /// Every code, in code order.
            pub const ALL: &'static [RuleCode] = &[$(RuleCode::$variant,)*];

            /// The code as users, reports and `docs/rules/` know it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $code,)*
                }
            }

            /// The rule's kebab-case name, which `--select`, `--ignore` and
            /// suppression comments accept as well as the code.
            pub const fn name(self) -> &'static str {
                match self {
                    $(RuleCode::$variant => $name,)*
                }
            }
        }
    };
}

rule_codes! {
    SpaceAroundEquals = "KC101", "space-around-equals";
    QuotedValue = "KC102", "quoted-value";
    UnterminatedQuote = "KC103", "unterminated-quote";
    InvalidLine = "KC104", "invalid-line";
    LeadingWhitespace = "KC105", "leading-whitespace";
    TrailingWhitespace = "KC106", "trailing-whitespace";
    LowercaseKey = "KC107", "lowercase-key";
    InvalidKeyCharacters = "KC108", "invalid-key-characters";
    ExportPrefix = "KC109", "export-prefix";
    KeyWithoutEquals = "KC110", "key-without-equals";
    DuplicateKey = "KC111", "duplicate-key";
    ByteOrderMark = "KC112", "byte-order-mark";
    CrlfLineEndings = "KC113", "crlf-line-endings";
    NulByte = "KC114", "nul-byte";
    InvalidUtf8 = "KC115", "invalid-utf8";
    MissingFinalNewline = "KC116", "missing-final-newline";
    InlineCommentAmbiguity = "KC117", "inline-comment-ambiguity";
    DialectFatalLine = "KC118", "dialect-fatal-line";
    CrLineEndings = "KC119", "cr-line-endings";
    MissingRequiredKey = "KC201", "missing-required-key";
    EmptyValue = "KC202", "empty-value";
    PlaceholderValue = "KC203", "placeholder-value";
    UnknownKey = "KC204", "unknown-key";
    UrlValue = "KC205", "url-value";
    InvalidBool = "KC206", "invalid-bool";
    TlsVerificationDisabled = "KC207", "tls-verification-disabled";
    UndefinedVariable = "KC208", "undefined-variable";
    SecretInExampleFile = "KC209", "secret-in-example-file";
    SecretOnlyInKeyring = "KC210", "secret-only-in-keyring";
    ExampleKeyMissing = "KC211", "example-key-missing";
    KeyNotInExample = "KC212", "key-not-in-example";
    ExpansionTooLarge = "KC213", "expansion-too-large";
    SecretNotGitIgnored = "KC301", "secret-not-git-ignored";
    SecretFilePermissions = "KC302", "secret-file-permissions";
}

/// Text that names no rule (`--select KC999`); it holds the text as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl std::str::FromStr for RuleCode {
    type Err = UnknownRule;

    /// A code in any case (`kc201`) or the exact name (`missing-required-key`),
    /// as `--select`, `--ignore`, `kcenv.toml` and `# kcenv: ignore[…]` take them.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleCode::ALL
            .iter()
            .copied()
            .find(|c| s.eq_ignore_ascii_case(c.as_str()) || s == c.name())
            .ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::RuleCode;

    #[test]
    fn codes_parse_back_in_any_case_and_by_name() {
        for &c in RuleCode::ALL {
            assert_eq!(c.as_str().parse(), Ok(c));
            assert_eq!(c.as_str().to_ascii_lowercase().parse(), Ok(c));
            assert_eq!(c.name().parse(), Ok(c));
            assert_eq!(c.to_string(), c.as_str());
        }
        assert!("KC999".parse::<RuleCode>().is_err());
        // Names are exact: a name in capitals is no rule.
        assert!("PLACEHOLDER-VALUE".parse::<RuleCode>().is_err());
    }

    #[test]
    fn the_list_is_in_code_order() {
        assert!(
            RuleCode::ALL
                .windows(2)
                .all(|w| w[0].as_str() < w[1].as_str())
        );
    }

    #[test]
    fn every_code_has_exactly_one_rule() {
        let mut registered: Vec<RuleCode> = crate::lint::registry::all()
            .iter()
            .map(|r| r.meta().code)
            .collect();
        registered.sort();
        assert_eq!(registered, RuleCode::ALL);
    }
}
