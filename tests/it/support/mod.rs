//! Code the test modules share: CLI cases, fixtures, fault servers, the
//! Python oracle, child processes for process-global state.

pub mod bless;
pub mod case;
pub mod child;
pub mod fixtures;
pub mod generate;
pub mod http;
pub mod leaks;
pub mod python;
pub mod tls;

pub use case::Case;
