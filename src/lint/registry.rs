//! Every rule, by code: the order their diagnostics appear for one line.

use super::Rule;
use super::rules::*;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(space_around_equals::SpaceAroundEquals),
        Box::new(quoted_value::QuotedValue),
        Box::new(unterminated_quote::UnterminatedQuote),
        Box::new(invalid_line::InvalidLine),
        Box::new(leading_whitespace::LeadingWhitespace),
        Box::new(trailing_whitespace::TrailingWhitespace),
        Box::new(lowercase_key::LowercaseKey),
        Box::new(invalid_key_characters::InvalidKeyCharacters),
        Box::new(export_prefix::ExportPrefix),
        Box::new(key_without_equals::KeyWithoutEquals),
        Box::new(duplicate_key::DuplicateKey::new()),
        Box::new(byte_order_mark::ByteOrderMark::new()),
        Box::new(crlf_line_endings::CrlfLineEndings::new()),
        Box::new(nul_byte::NulByte::default()),
        Box::new(invalid_utf8::InvalidUtf8::new()),
        Box::new(missing_final_newline::MissingFinalNewline::new()),
        Box::new(inline_comment_ambiguity::InlineCommentAmbiguity),
        Box::new(dialect_fatal_line::DialectFatalLine),
        Box::new(cr_line_endings::CrLineEndings::new()),
        Box::new(missing_required_key::MissingRequiredKey::new()),
        Box::new(empty_value::EmptyValue),
        Box::new(placeholder_value::PlaceholderValue),
        Box::new(unknown_key::UnknownKey),
        Box::new(url_value::UrlValue),
        Box::new(invalid_bool::InvalidBool),
        Box::new(tls_verification_disabled::TlsVerificationDisabled),
        Box::new(undefined_variable::UndefinedVariable::new()),
        Box::new(expansion_too_large::ExpansionTooLarge),
        Box::new(secret_in_example_file::SecretInExampleFile),
        Box::new(secret_only_in_keyring::SecretOnlyInKeyring::new()),
        Box::new(example_key_missing::ExampleKeyMissing::new()),
        Box::new(key_not_in_example::KeyNotInExample::new()),
        Box::new(secret_not_git_ignored::SecretNotGitIgnored::new()),
        Box::new(secret_file_permissions::SecretFilePermissions::new()),
    ]
}
