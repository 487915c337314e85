//! Reading `.env` files: the lossless syntax tree and the dialects that say
//! what a loader makes of it. See `docs/parser.md` for why the parser is our own.

pub mod chars;
pub mod compose;
mod dialect;
pub mod docker;
pub mod effective;
pub mod interpolate;
pub mod node;
pub mod parser;
pub mod python;
pub mod symbols;

pub use dialect::Dialect;
pub use node::{Blank, Comment, Entry, Invalid, InvalidReason, Node, Quote};
pub use parser::{parse, parse_all, render};
