//! The setup wizard (`docs/setup.md`): asks each profile key with `dialoguer`,
//! checks values with the lint rules as they are typed, confirms a masked
//! summary, stores the secret in the keyring and the rest in the `.env`,
//! then proves it with the live token test.
//!
//! - [`prompter`]: the questions, behind a trait (dialoguer, `--no-input`,
//!   a script for tests);
//! - [`validate`]: one value judged by the lint rules;
//! - [`probe`]: the 3 s discovery check of host + realm;
//! - [`plan`]: the answers and their masked summary;
//! - [`write`]: the new `.env`, from the template or the existing file;
//! - [`flow`]: the order of it all, and the re-ask after a refused token.

pub mod flow;
pub mod plan;
pub mod probe;
pub mod prompter;
pub mod validate;
pub mod write;

pub use flow::{Ending, MAX_ATTEMPTS, Session};
pub use plan::{Choice, Origin, Plan, Storage};
pub use prompter::{Answer, NoInput, PromptError, Prompter, Scripted, TermPrompter};
