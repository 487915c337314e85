//! The discovery document, fetched before the token request: if it answers, the
//! host, path and realm are right and any token failure is about credentials.

use super::diagnosis::{Evidence, Observation};
use super::transport::classify;

/// The fields kcenv uses from `/.well-known/openid-configuration`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct DiscoveryDocument {
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub token_endpoint: Option<String>,
    #[serde(default)]
    pub jwks_uri: Option<String>,
    #[serde(default)]
    pub grant_types_supported: Vec<String>,
}

/// GET the discovery document. `Err` carries what the catalog needs.
pub fn fetch(
    client: &reqwest::blocking::Client,
    url: &str,
    timeout: std::time::Duration,
) -> Result<DiscoveryDocument, Evidence> {
    let resp = client.get(url).send().map_err(|e| Evidence::Transport {
        fault: classify(&e),
    })?;
    let status = resp.status().as_u16();
    let location = header(&resp, reqwest::header::LOCATION);
    let content_type = header(&resp, reqwest::header::CONTENT_TYPE);
    let body = super::transport::body_text(resp, timeout)
        .map_err(|fault| Evidence::Transport { fault })?;
    let mut obs = Observation::from_body(Some(status), content_type.as_deref(), &body);
    obs.location = location;
    if status == 200
        && obs.body == super::diagnosis::BodyKind::Json
        && let Ok(doc) = serde_json::from_str::<DiscoveryDocument>(&body)
    {
        return Ok(doc);
    }
    Err(Evidence::Http(obs))
}

pub(crate) fn header(
    resp: &reqwest::blocking::Response,
    name: reqwest::header::HeaderName,
) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}
