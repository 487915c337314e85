use super::prelude::*;

/// ## What it does
/// Flags a key that the profile does not know, and suggests the closest
/// known key ("did you mean"): a typo (`KEYCLOAK_MESSAGING_CLIENT_SECERT` →
/// `KEYCLOAK_MESSAGING_CLIENT_SECRET`, by Damerau-Levenshtein distance) or a
/// different case (`keycloak_messaging_realm` → `KEYCLOAK_MESSAGING_REALM`).
///
/// ## Why is this bad?
/// A typo'd key is not read: the app sees the real key as missing (for the
/// secret, Keycloak answers `401 Client secret not provided in request`) while
/// the `.env` looks right. pydantic-settings' default `extra='forbid'` even
/// makes an unknown key in the `.env` fatal:
/// `Extra inputs are not permitted [type=extra_forbidden]`. A key that only
/// differs in case is read by pydantic-settings (case-insensitive by
/// default) but by nothing else. The value of a typo'd secret key is still a
/// secret and is never shown.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECERT=…
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=…
/// ```
pub struct UnknownKey;

impl Rule for UnknownKey {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::UnknownKey,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if node.spec.is_some() || cx.profile.keys.is_empty() {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let profile = &cx.profile.name;
        let (message, help): (String, std::borrow::Cow<'static, str>) = match suggestion(cx, key) {
            Some(Suggestion::Case(known)) => (
                tr!(lang,
                    fr: "{key} diffère de la clé {known} du profil par la casse",
                    en: "{key} differs from the profile's key {known} only in case",
                    key = key, known = known),
                tr!(lang,
                    fr: "renommez-la en {known} : pydantic-settings ignore la casse par défaut, mais pas docker, systemd ni os.environ",
                    en: "rename it to {known}: pydantic-settings ignores case by default, but docker, systemd and os.environ do not",
                    known = known).into(),
            ),
            Some(Suggestion::Typo(known)) => (
                tr!(lang,
                    fr: "clé inconnue du profil {profile} : {key} — vouliez-vous dire {known} ?",
                    en: "key unknown to profile {profile}: {key} — did you mean {known}?",
                    profile = profile, key = key, known = known),
                tr!(lang, fr: "renommez-la en {known}", en: "rename it to {known}", known = known).into(),
            ),
            None => (
                tr!(lang, fr: "clé inconnue du profil {profile} : {key}", en: "key unknown to profile {profile}: {key}", profile = profile, key = key),
                tr_str!(lang,
                    fr: "supprimez-la si l'application ne l'utilise pas, ou ajoutez-la au profil (`--profile` avec votre fichier .toml)",
                    en: "delete it if the app does not use it, or add it to the profile (`--profile` with your own .toml)").into(),
            ),
        };
        out.report(Severity::Warning, entry.key, message)
            .why(tr_str!(lang,
                fr: "l'application ne lit pas cette clé ; avec extra='forbid' (le défaut de pydantic-settings) une clé inconnue du .env empêche même le démarrage",
                en: "the app does not read this key; with extra='forbid' (pydantic-settings' default) an unknown key in the .env even stops it from starting"))
            .help(help)
            .mask(node.mask());
    }
}

enum Suggestion<'p> {
    Case(&'p str),
    Typo(&'p str),
}

/// The profile key `key` was probably meant to be: the same letters in
/// another case, else the nearest by edit distance (transpositions count one), within
/// one edit per 6 characters (at most 3), so that unrelated keys of the same
/// length are not "suggested".
fn suggestion<'p>(cx: &'p Context<'_>, key: &str) -> Option<Suggestion<'p>> {
    let names = cx.profile.keys.iter().map(|k| k.name.as_str());
    if let Some(known) = names.clone().find(|n| n.eq_ignore_ascii_case(key)) {
        return Some(Suggestion::Case(known));
    }
    let limit = (key.chars().count() / 6).clamp(1, 3);
    // Optimal string alignment counts a transposition (SECERT) as one edit,
    // like Damerau-Levenshtein, without its hash map: this runs on every
    // unknown key, so on every line of a large file. Keys whose lengths
    // differ by more than the limit cannot be within it, and most unknown
    // keys stop there, before any allocation.
    let len = key.len();
    let mut upper = None;
    names
        .filter(|n| n.len().abs_diff(len) <= limit)
        .map(|n| {
            let upper = upper.get_or_insert_with(|| key.to_uppercase());
            (strsim::osa_distance(upper, n), n)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| Suggestion::Typo(n))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn suggests_the_profile_key_for_a_typo() {
        let d = check(
            RuleCode::UnknownKey,
            "KEYCLOAK_MESSAGING_CLIENT_SECERT=abc\n",
        );
        assert_eq!((d[0].0, d[0].1), (1, 1));
        assert!(
            d[0].2
                .contains("did you mean KEYCLOAK_MESSAGING_CLIENT_SECRET?"),
            "{}",
            d[0].2
        );
    }

    #[test]
    fn suggests_the_uppercase_key_for_a_case_variant() {
        let d = check(RuleCode::UnknownKey, "keycloak_messaging_realm=Messaging\n");
        assert!(d[0].2.contains("only in case"), "{}", d[0].2);
        assert!(d[0].2.contains("KEYCLOAK_MESSAGING_REALM"));
    }

    #[test]
    fn unrelated_keys_get_no_suggestion_and_known_keys_pass() {
        let d = check(
            RuleCode::UnknownKey,
            "DATABASE_URL=x\nKEYCLOAK_MESSAGING_REALM=Messaging\n",
        );
        assert_eq!(d.len(), 1);
        assert!(!d[0].2.contains("did you mean"), "{}", d[0].2);
    }

    #[test]
    fn a_typod_secret_key_is_masked() {
        let d = lint_with(
            "KEYCLOAK_MESSAGING_CLIENT_SECERT=hunter2hunter2\n",
            RuleCode::UnknownKey,
            Lang::Fr,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert!(d[0].mask.is_some());
        assert!(!format!("{} {} {:?}", d[0].message, d[0].why, d[0].help).contains("hunter2"));
    }
}
