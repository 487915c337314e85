#![allow(dead_code)] // each test binary uses part of the support code

pub mod case;
pub mod fixtures;
pub mod generate;
pub mod http;
pub mod leaks;
pub mod python;
pub mod tls;

#[allow(unused_imports)] // not every test binary drives the CLI
pub use case::Case;
