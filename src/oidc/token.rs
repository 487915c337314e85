//! The live token test: discovery, then the token request exactly as the app
//! would send it, then a summary or a diagnosis.

use super::catalog::diagnose;
use super::client::{ClientError, build_client};
use super::diagnosis::{
    BodyKind, Evidence, Facts, Note, Observation, SecretHint, Sent, Stage, Target,
};
use super::discovery::{self, header};
use super::outcome::{TokenOutcome, TokenSummary};
use super::request::{AuthMethod, GrantType, HttpOptions, TokenRequest};
use super::transport::{TransportFault, classify};
use super::version::KeycloakVersion;
use crate::redact::Secret;
use base64::Engine;
use std::time::{SystemTime, UNIX_EPOCH};

/// Runs the whole test. `Err` only for local problems (unreadable CA file, bad
/// version string); every server-side or network failure is a
/// [`TokenOutcome::Failure`].
pub fn run_token_test(req: &TokenRequest, opts: &HttpOptions) -> Result<TokenOutcome, ClientError> {
    let version = opts
        .keycloak_version
        .as_deref()
        .map(str::parse::<KeycloakVersion>)
        .transpose()?;
    let ctx = Context::new(req, opts, version);

    if url::Url::parse(&req.token_url()).is_err() {
        return Ok(ctx.fail(
            Stage::Discovery,
            Evidence::Transport {
                fault: TransportFault::InvalidUrl,
            },
            false,
        ));
    }
    let client = build_client(opts, req.verify_tls)?;

    if let Err(evidence) = discovery::fetch(&client, &req.discovery_url(), opts.timeout) {
        return Ok(ctx.fail(Stage::Discovery, evidence, false));
    }

    let grant = req.grant_type();
    let mut form: Vec<(&str, &str)> = vec![("grant_type", grant.as_str())];
    let mut builder = client.post(req.token_url());
    match opts.auth_method {
        AuthMethod::Post => {
            form.push(("client_id", &req.client_id));
            if let Some(secret) = &req.client_secret {
                form.push(("client_secret", secret.expose()));
            }
        }
        AuthMethod::Basic => {
            // Sent raw, as most HTTP libraries do; the `+ % & =` note explains
            // what Keycloak's form-decoding of Basic credentials then does.
            let secret = req.client_secret.as_ref().map(Secret::expose).unwrap_or("");
            let creds = Secret::new(format!("{}:{}", req.client_id, secret));
            let encoded =
                Secret::new(base64::engine::general_purpose::STANDARD.encode(creds.expose()));
            builder = builder.header(
                reqwest::header::AUTHORIZATION,
                format!("Basic {}", encoded.expose()),
            );
        }
    }
    if grant == GrantType::Password {
        if let Some(user) = &req.username {
            form.push(("username", user));
        }
        if let Some(pw) = &req.password {
            form.push(("password", pw.expose()));
        }
    }

    let resp = match builder.form(&form).send() {
        Ok(r) => r,
        Err(e) => {
            return Ok(ctx.fail(
                Stage::Token,
                Evidence::Transport {
                    fault: classify(&e),
                },
                true,
            ));
        }
    };
    let status = resp.status().as_u16();
    let location = header(&resp, reqwest::header::LOCATION);
    let content_type = header(&resp, reqwest::header::CONTENT_TYPE);
    let body = match super::transport::body_text(resp, opts.timeout) {
        Ok(b) => Secret::new(b),
        Err(fault) => {
            return Ok(ctx.fail(Stage::Token, Evidence::Transport { fault }, true));
        }
    };
    let mut obs = Observation::from_body(Some(status), content_type.as_deref(), body.expose());
    obs.location = location;

    if status == 200
        && obs.body == BodyKind::Json
        && let Some(summary) = parse_success(body.expose(), grant, ctx.success_notes())
    {
        return Ok(TokenOutcome::Success(summary));
    }
    Ok(ctx.fail(Stage::Token, Evidence::Http(obs), true))
}

/// A 200 body with an `access_token`; `None` otherwise (diagnosed as unexpected).
fn parse_success(body: &str, grant: GrantType, notes: Vec<Note>) -> Option<TokenSummary> {
    #[derive(serde::Deserialize)]
    struct Raw {
        access_token: Option<String>,
        token_type: Option<String>,
        expires_in: Option<i64>,
        scope: Option<String>,
    }
    let raw: Raw = serde_json::from_str(body).ok()?;
    let token = Secret::new(raw.access_token.filter(|t| !t.is_empty())?);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Some(TokenSummary::new(
        grant,
        token,
        raw.token_type,
        raw.expires_in,
        raw.scope,
        now,
        notes,
    ))
}

/// What was sent, kept for the catalog; holds no secret value, only its shape.
struct Context {
    sent: Sent,
    target: Target,
    version: Option<KeycloakVersion>,
    verify_tls: bool,
}

impl Context {
    fn new(req: &TokenRequest, opts: &HttpOptions, version: Option<KeycloakVersion>) -> Context {
        Context {
            sent: Sent::of(req, opts.auth_method),
            target: Target::of(req),
            version,
            verify_tls: req.verify_tls,
        }
    }

    fn fail(&self, stage: Stage, evidence: Evidence, discovery_ok: bool) -> TokenOutcome {
        let mut target = self.target.clone();
        if stage == Stage::Discovery {
            target.url = target.host.as_ref().map(|h| {
                format!(
                    "{h}/realms/{}/.well-known/openid-configuration",
                    target.realm.as_deref().unwrap_or("")
                )
            });
        }
        TokenOutcome::Failure(diagnose(Facts {
            evidence,
            stage,
            sent: self.sent.clone(),
            target,
            version: self.version,
            discovery_ok,
            admin: None,
        }))
    }

    /// Remarks that hold even when the token came back.
    fn success_notes(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        if self.target.trailing_slash() {
            notes.push(Note::TrailingSlash);
        }
        if !self.verify_tls
            && self
                .target
                .host
                .as_deref()
                .is_some_and(|h| h.to_ascii_lowercase().starts_with("https://"))
        {
            notes.push(Note::TlsUnverified);
        }
        if self.sent.auth_method == AuthMethod::Basic
            && self
                .sent
                .secret_hints
                .contains(&SecretHint::BasicSpecialChars)
        {
            notes.push(Note::Secret(SecretHint::BasicSpecialChars));
        }
        notes
    }
}
