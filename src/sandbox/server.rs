//! The axum glue: one fallback handler hands every request to
//! [`endpoints::respond`], because Keycloak's own routing (raw `//`, `/auth`,
//! realm lookup before the endpoint) is what we emulate, not axum's.

use super::config::SandboxConfig;
use super::endpoints;
use super::http::SandboxRequest;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use std::sync::Arc;

pub(crate) fn router(cfg: Arc<SandboxConfig>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(cfg)
}

async fn handle(
    State(cfg): State<Arc<SandboxConfig>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: axum::http::header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let req = SandboxRequest {
        method: method.as_str().to_string(),
        path: uri.path().to_string(),
        query: uri.query().map(str::to_string),
        host: header(axum::http::header::HOST).unwrap_or_else(|| "localhost".into()),
        content_type: header(axum::http::header::CONTENT_TYPE),
        authorization: header(axum::http::header::AUTHORIZATION),
        body: body.to_vec(),
    };
    let out = endpoints::respond(&cfg, &req);
    let mut resp = Response::new(Body::from(out.body));
    *resp.status_mut() =
        StatusCode::from_u16(out.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in out.headers {
        if let Ok(value) = HeaderValue::from_str(&value) {
            resp.headers_mut().insert(name, value);
        }
    }
    resp
}
