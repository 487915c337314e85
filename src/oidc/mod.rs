//! The live token test and its diagnosis, as a library: the CLI
//! commands `test`, `explain`, `doctor` and `demo` are thin glue over it.
//!
//! Flow: [`TokenRequest`] + [`HttpOptions`] → [`run_token_test`] → discovery,
//! token request → [`TokenOutcome`]: a [`TokenSummary`] or a [`Diagnosis`] from
//! the one [`catalog`]. [`explain`] runs pasted text through the same catalog.
//! [`admin`] fetches the client secret through the Admin REST API,
//! its refusals diagnosed by the same catalog.

pub mod admin;
pub mod catalog;
pub mod claims;
pub mod client;
mod code;
pub mod diagnosis;
pub mod discovery;
pub mod explain;
pub mod outcome;
pub mod proxy;
pub mod request;
pub mod token;
pub mod transport;
pub mod version;

pub use admin::{FetchError, FetchOptions, fetch_client_secret};
pub use catalog::{diagnose, entries};
pub use claims::{Claims, decode_unverified};
pub use client::{ClientError, build_client};
pub use code::Code;
pub use diagnosis::{
    AdminFacts, AdminFinding, BodyKind, Diagnosis, Evidence, Facts, Note, Observation, SecretHint,
    Sent, Stage, Target,
};
pub use explain::{ExplainContext, explain, parse_observation};
pub use outcome::{SUCCESS_LINE, TokenOutcome, TokenSummary};
pub use request::{AuthMethod, GrantType, HttpOptions, SentSecret, TokenRequest};
pub use token::run_token_test;
pub use transport::TransportFault;
pub use version::{KeycloakVersion, VersionError};
