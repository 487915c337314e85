use super::prelude::*;
use crate::dotenv::interpolate::{MAX_FILE_EXPANSION, MAX_VALUE_LEN};

/// ## What it does
/// Flags a value whose `${VAR}` expansion would be longer than 64 KiB, or
/// would take the expansions of the whole file past 32 MiB. kcenv does not
/// make such an expansion: it checks the value as written, and so does
/// `fix` when it proves that values are unchanged.
///
/// ## Why is this bad?
/// Each line that repeats the previous key doubles (or more) its length:
/// twenty lines of `B="${A}${A}${A}${A}"`, under a kilobyte in all, expand
/// to gigabytes. python-dotenv builds every one of those strings in memory,
/// so the app dies (or swaps for minutes) while loading its `.env`. No
/// configuration value is that long: such a file is a mistake, or an attack.
///
/// ## Example
/// ```env
/// A=xxxxxxxxxxxxxxxx
/// B=${A}${A}${A}${A}
/// C=${B}${B}${B}${B}
/// # … and so on, each line four times the one before
/// ```
///
/// Use instead:
/// ```env
/// A=xxxxxxxxxxxxxxxx
/// B=${A}
/// ```
pub struct ExpansionTooLarge;

impl Rule for ExpansionTooLarge {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::ExpansionTooLarge,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if !node.expansion_too_large {
            return;
        }
        let lang = cx.lang;
        out.report(
            Severity::Error,
            entry.value,
            tr!(lang,
                fr: "le développement des ${{…}} de {k} dépasse la limite ({v} Kio par valeur, {f} Mio par fichier) : valeur laissée telle quelle",
                en: "expanding the ${{…}} of {k} goes past the limit ({v} KiB per value, {f} MiB per file): value left as written",
                k = binding.key, v = MAX_VALUE_LEN / 1024, f = MAX_FILE_EXPANSION / (1024 * 1024)),
        )
        .why(tr_str!(lang,
            fr: "chaque ${VAR} répété multiplie la longueur : python-dotenv construirait ces chaînes en mémoire et l'application ne démarrerait pas",
            en: "each repeated ${VAR} multiplies the length: python-dotenv would build these strings in memory and the app would not start"))
        .help(tr_str!(lang,
            fr: "référencez chaque variable une fois, ou écrivez la valeur voulue en clair",
            en: "reference each variable once, or write the intended value out"))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::check;
    use crate::lint::RuleCode;

    /// Twenty-five lines that each repeat the line before four times: 4^25
    /// bytes if expanded.
    fn bomb() -> String {
        let mut s = String::from("K0=xxxxxxxx\n");
        for i in 1..25 {
            let p = i - 1;
            s.push_str(&format!("K{i}=\"${{K{p}}}${{K{p}}}${{K{p}}}${{K{p}}}\"\n"));
        }
        s
    }

    #[test]
    fn flags_the_first_line_past_the_limit_and_those_after() {
        let d = check(RuleCode::ExpansionTooLarge, &bomb());
        let lines: Vec<_> = d.iter().map(|d| d.0).collect();
        // 8 · 4^n > 64 KiB from n = 7 on (line 8); later lines read the
        // text left as written, each 4 × longer than its predecessor's
        // 16-byte text only: they fit again, until the next overflow.
        assert!(lines.contains(&8), "{lines:?}");
        assert!(lines.iter().all(|&l| l >= 8), "{lines:?}");
    }

    #[test]
    fn ordinary_expansions_are_not_flagged() {
        assert!(check(RuleCode::ExpansionTooLarge, "A=x\nB=${A}${A}\nC=${B:-d}\n").is_empty());
    }
}
