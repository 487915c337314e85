//! The result of a live test: a token summary or a diagnosis. Serializable for
//! `--format json`; the token itself never is.

use super::claims::Claims;
use super::diagnosis::{Diagnosis, Note};
use super::request::GrantType;
use crate::i18n::Lang;
use crate::redact::Secret;
use crate::tr;

/// The exact success line, in French in both languages: it is what the app's
/// own log prints.
pub const SUCCESS_LINE: &str = "✅ Token récupéré avec succès";

/// What a successful token response says, without the token.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TokenSummary {
    pub grant: GrantType,
    pub token_type: Option<String>,
    pub expires_in: Option<i64>,
    pub scope: Option<String>,
    /// `None` for an opaque (non-JWT) token.
    pub claims: Option<Claims>,
    /// Seconds from now until `exp`, when the token is a JWT with `exp`.
    pub seconds_left: Option<i64>,
    /// Remarks that still apply on success (e.g. a tolerated trailing slash).
    pub notes: Vec<Note>,
    #[serde(skip)]
    access_token: Secret,
}

impl TokenSummary {
    pub(crate) fn new(
        grant: GrantType,
        token: Secret,
        token_type: Option<String>,
        expires_in: Option<i64>,
        scope: Option<String>,
        now: i64,
        notes: Vec<Note>,
    ) -> TokenSummary {
        let claims = super::claims::decode_unverified(token.expose());
        let seconds_left = claims.as_ref().and_then(|c| c.exp).map(|exp| exp - now);
        TokenSummary {
            grant,
            token_type,
            expires_in,
            scope,
            claims,
            seconds_left,
            notes,
            access_token: token,
        }
    }

    /// The raw access token, for `--print-token` only.
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    pub fn is_opaque(&self) -> bool {
        self.claims.is_none()
    }

    /// [`SUCCESS_LINE`] then a short claim summary.
    pub fn render_human(&self, lang: Lang) -> String {
        let mut out = format!("{SUCCESS_LINE}\n");
        let dash = "—".to_string();
        let mut line =
            |label: String, value: String| out.push_str(&format!("   {label:<12} {value}\n"));
        match &self.claims {
            Some(c) => {
                line(
                    tr!(lang, fr: "Émetteur", en: "Issuer"),
                    c.issuer.clone().unwrap_or_else(|| dash.clone()),
                );
                line(
                    tr!(lang, fr: "Audience", en: "Audience"),
                    if c.audience.is_empty() {
                        dash.clone()
                    } else {
                        c.audience.join(", ")
                    },
                );
                line(
                    tr!(lang, fr: "Client", en: "Client"),
                    c.azp.clone().unwrap_or_else(|| dash.clone()),
                );
                if let Some(user) = &c.preferred_username {
                    line(tr!(lang, fr: "Utilisateur", en: "User"), user.clone());
                }
                let expiry = match (c.exp, self.seconds_left) {
                    (Some(exp), Some(left)) => {
                        tr!(lang, fr: "{exp} (dans {left} s)", en: "{exp} (in {left} s)", exp = crate::local_time::local(exp), left = left)
                    }
                    _ => dash.clone(),
                };
                line(tr!(lang, fr: "Expire", en: "Expires"), expiry);
                line(
                    tr!(lang, fr: "Scopes", en: "Scopes"),
                    c.scope
                        .clone()
                        .or_else(|| self.scope.clone())
                        .unwrap_or_else(|| dash.clone()),
                );
            }
            None => {
                line(
                    tr!(lang, fr: "Jeton", en: "Token"),
                    tr!(lang, fr: "opaque (pas un JWT)", en: "opaque (not a JWT)"),
                );
                line(
                    tr!(lang, fr: "Type", en: "Type"),
                    self.token_type.clone().unwrap_or_else(|| dash.clone()),
                );
                line(
                    tr!(lang, fr: "Expire dans", en: "Expires in"),
                    self.expires_in
                        .map(|s| format!("{s} s"))
                        .unwrap_or_else(|| dash.clone()),
                );
                line(
                    tr!(lang, fr: "Scopes", en: "Scopes"),
                    self.scope.clone().unwrap_or_else(|| dash.clone()),
                );
            }
        }
        for note in &self.notes {
            out.push_str(&format!("   ℹ {}\n", note.text(lang)));
        }
        out
    }
}

/// The live test's answer.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TokenOutcome {
    Success(TokenSummary),
    Failure(Diagnosis),
}

impl TokenOutcome {
    pub fn is_success(&self) -> bool {
        matches!(self, TokenOutcome::Success(_))
    }

    pub fn render_human(&self, lang: Lang) -> String {
        match self {
            TokenOutcome::Success(s) => s.render_human(lang),
            TokenOutcome::Failure(d) => d.render_human(lang),
        }
    }

    /// JSON for `--format json`, with texts in `lang`; never the token.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        match self {
            TokenOutcome::Success(s) => {
                let mut v = serde_json::to_value(s).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("outcome".into(), "success".into());
                    obj.insert("message".into(), SUCCESS_LINE.into());
                    obj.insert(
                        "note_texts".into(),
                        s.notes.iter().map(|n| n.text(lang)).collect(),
                    );
                }
                v
            }
            TokenOutcome::Failure(d) => {
                let mut v = d.to_json(lang);
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("outcome".into(), "failure".into());
                }
                v
            }
        }
    }
}
