//! parse → render is byte-exact, lint never panics, and fix never changes a
//! value python-dotenv reads. Run: `cargo fuzz run -s none parse_lint_fix`.
#![no_main]

use kcenv::dotenv::{effective, parse_all, render};
use kcenv::i18n::Lang;
use kcenv::lint::{Context, FileKind, OutsideSource, Selection, lint};
use kcenv::profile::Profile;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static PROFILE: LazyLock<Profile> = LazyLock::new(Profile::builtin_default);

fuzz_target!(|data: &[u8]| {
    let nodes = parse_all(data);
    assert_eq!(render(data, &nodes), data, "round trip");
    let env = |_: &str| None;
    let outside = |_| OutsideSource::Absent(vec![]);
    let cx = Context {
        source: data,
        display_name: "fuzz.env",
        profile: &PROFILE,
        dialect: Default::default(),
        lang: Lang::En,
        kind: FileKind::Env,
        file: None,
        public_client: false,
        env: &env,
        outside: &outside,
    };
    let _ = lint(&cx, &Selection::default());
    let fixed = kcenv::fix::fix(&cx, &Selection::default(), true);
    let before: BTreeMap<_, _> = effective::values(data, &env).into_iter().collect();
    let after: BTreeMap<_, _> = effective::values(&fixed.output, &env).into_iter().collect();
    assert_eq!(before, after, "fix changed a value");
});
