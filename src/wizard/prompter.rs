//! The questions the wizard asks, behind a trait, so the flow can be driven
//! by a script in unit tests and by `dialoguer` on a terminal.
//!
//! Every line the wizard prints also goes through [`Prompter::say`]: tests
//! read the transcript and check that no secret ever reaches it.

use crate::redact::Secret;
use std::collections::VecDeque;

/// Why a prompt gave no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptError {
    /// Ctrl-C (or Esc): the wizard stops with nothing written, exit 130.
    Interrupted,
    /// A prompt was needed under `--no-input`: a bug in the caller, never
    /// a silent default.
    NoInput,
    /// The terminal failed (closed, not a terminal after all).
    Terminal(String),
}

/// Validates a typed value; `Err` is the message shown before asking again.
pub type Validator<'a> = &'a dyn Fn(&str) -> Result<(), String>;

pub trait Prompter {
    /// One line of output for the user (stderr on a terminal).
    fn say(&mut self, line: &str);
    /// A visible value, pre-filled with `initial` (editable).
    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: Validator<'_>,
    ) -> Result<String, PromptError>;
    /// A hidden value, never echoed. With `keep_current`, an empty answer
    /// keeps the value already configured and returns `None`.
    fn password(
        &mut self,
        prompt: &str,
        keep_current: bool,
        validate: Validator<'_>,
    ) -> Result<Option<Secret>, PromptError>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, PromptError>;
    /// The index of the chosen item.
    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, PromptError>;
}

/// The real thing: dialoguer on the terminal, messages on stderr.
pub struct TermPrompter {
    theme: dialoguer::theme::ColorfulTheme,
}

impl TermPrompter {
    pub fn new() -> TermPrompter {
        TermPrompter {
            theme: dialoguer::theme::ColorfulTheme::default(),
        }
    }
}

impl Default for TermPrompter {
    fn default() -> Self {
        Self::new()
    }
}

fn from_dialoguer(e: dialoguer::Error) -> PromptError {
    let dialoguer::Error::IO(io) = e;
    // console turns the Ctrl-C byte read in raw mode into `Interrupted`.
    if io.kind() == std::io::ErrorKind::Interrupted {
        PromptError::Interrupted
    } else {
        PromptError::Terminal(io.to_string())
    }
}

impl Prompter for TermPrompter {
    fn say(&mut self, line: &str) {
        crate::output::message(line);
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: Validator<'_>,
    ) -> Result<String, PromptError> {
        dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .with_initial_text(initial)
            .allow_empty(true)
            .validate_with(|v: &String| validate(v))
            .interact_text()
            .map_err(from_dialoguer)
    }

    fn password(
        &mut self,
        prompt: &str,
        keep_current: bool,
        validate: Validator<'_>,
    ) -> Result<Option<Secret>, PromptError> {
        let value = dialoguer::Password::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty_password(keep_current)
            .validate_with(|v: &String| {
                if keep_current && v.is_empty() {
                    Ok(())
                } else {
                    validate(v)
                }
            })
            .interact()
            .map_err(from_dialoguer)?;
        // Wrapped at once: the plain String is moved into a zeroizing one.
        Ok((!value.is_empty()).then(|| Secret::new(value)))
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, PromptError> {
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact()
            .map_err(from_dialoguer)
    }

    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, PromptError> {
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact()
            .map_err(from_dialoguer)
    }
}

/// `--no-input`: prints, and refuses every question.
pub struct NoInput;

impl Prompter for NoInput {
    fn say(&mut self, line: &str) {
        crate::output::message(line);
    }
    fn input(&mut self, _: &str, _: &str, _: Validator<'_>) -> Result<String, PromptError> {
        Err(PromptError::NoInput)
    }
    fn password(
        &mut self,
        _: &str,
        _: bool,
        _: Validator<'_>,
    ) -> Result<Option<Secret>, PromptError> {
        Err(PromptError::NoInput)
    }
    fn confirm(&mut self, _: &str, _: bool) -> Result<bool, PromptError> {
        Err(PromptError::NoInput)
    }
    fn select(&mut self, _: &str, _: &[String], _: usize) -> Result<usize, PromptError> {
        Err(PromptError::NoInput)
    }
}

/// One scripted answer.
#[derive(Clone)]
pub enum Answer {
    /// Accept what is pre-filled (Enter).
    Enter,
    Text(String),
    Yes,
    No,
    Choose(usize),
    CtrlC,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Scripted answers include test secrets: never in a message.
            Answer::Text(t) => write!(f, "Text({})", crate::redact::mask(t)),
            Answer::Enter => f.write_str("Enter"),
            Answer::Yes => f.write_str("Yes"),
            Answer::No => f.write_str("No"),
            Answer::Choose(i) => write!(f, "Choose({i})"),
            Answer::CtrlC => f.write_str("CtrlC"),
        }
    }
}

/// A prompter that answers from a queue and records everything, for tests.
/// A value the validator refuses is recorded and the next answer is taken,
/// as dialoguer asks again.
#[derive(Debug, Default)]
pub struct Scripted {
    pub answers: VecDeque<Answer>,
    /// Prompts and output lines, in order.
    pub transcript: Vec<String>,
}

impl Scripted {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Scripted {
        Scripted {
            answers: answers.into_iter().collect(),
            transcript: Vec::new(),
        }
    }

    fn next(&mut self, prompt: &str) -> Result<Answer, PromptError> {
        self.transcript.push(format!("? {prompt}"));
        match self.answers.pop_front() {
            Some(Answer::CtrlC) => Err(PromptError::Interrupted),
            Some(a) => Ok(a),
            None => Err(PromptError::Terminal(format!(
                "script exhausted at {prompt:?}"
            ))),
        }
    }

    pub fn text(&self) -> String {
        self.transcript.join("\n")
    }
}

impl Prompter for Scripted {
    fn say(&mut self, line: &str) {
        self.transcript.push(line.to_owned());
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        validate: Validator<'_>,
    ) -> Result<String, PromptError> {
        loop {
            let value = match self.next(prompt)? {
                Answer::Enter => initial.to_owned(),
                Answer::Text(t) => t,
                other => return Err(PromptError::Terminal(format!("{other:?} for an input"))),
            };
            match validate(&value) {
                Ok(()) => return Ok(value),
                Err(e) => self.transcript.push(format!("! {e}")),
            }
        }
    }

    fn password(
        &mut self,
        prompt: &str,
        keep_current: bool,
        validate: Validator<'_>,
    ) -> Result<Option<Secret>, PromptError> {
        loop {
            let value = match self.next(prompt)? {
                Answer::Enter => String::new(),
                Answer::Text(t) => t,
                other => return Err(PromptError::Terminal(format!("{other:?} for a password"))),
            };
            if keep_current && value.is_empty() {
                return Ok(None);
            }
            match validate(&value) {
                Ok(()) => return Ok(Some(Secret::new(value))),
                Err(e) => self.transcript.push(format!("! {e}")),
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, PromptError> {
        match self.next(prompt)? {
            Answer::Enter => Ok(default),
            Answer::Yes => Ok(true),
            Answer::No => Ok(false),
            other => Err(PromptError::Terminal(format!(
                "{other:?} for a confirmation"
            ))),
        }
    }

    fn select(
        &mut self,
        prompt: &str,
        items: &[String],
        default: usize,
    ) -> Result<usize, PromptError> {
        for item in items {
            self.transcript.push(format!("  - {item}"));
        }
        match self.next(prompt)? {
            Answer::Enter => Ok(default),
            Answer::Choose(i) if i < items.len() => Ok(i),
            other => Err(PromptError::Terminal(format!("{other:?} for a selection"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_answers_never_show_their_text_in_debug() {
        let script = Scripted::new([Answer::Text("typed-secret-value".into()), Answer::Yes]);
        assert!(!format!("{script:?}").contains("typed-secret-value"));
    }

    #[test]
    fn a_refused_value_is_reported_and_the_next_answer_taken() {
        let mut script = Scripted::new([Answer::Text("bad".into()), Answer::Text("good".into())]);
        let only_good = |v: &str| {
            if v == "good" {
                Ok(())
            } else {
                Err("refused".to_owned())
            }
        };
        assert_eq!(script.input("Q", "", &only_good).unwrap(), "good");
        assert!(script.text().contains("! refused"));
        assert_eq!(
            script.confirm("C", true),
            Err(PromptError::Terminal("script exhausted at \"C\"".into()))
        );
    }
}
