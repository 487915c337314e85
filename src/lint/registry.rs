//! Every rule, in the order their diagnostics appear for one line.

use super::Rule;
use super::rules::*;

pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(space_around_equals::SpaceAroundEquals),
        Box::new(quoted_value::QuotedValue),
        Box::new(missing_required_key::MissingRequiredKey::new()),
    ]
}
