//! Generates `.env` files from the fragments that trip loaders up: quotes,
//! escapes, inline comments, interpolation, odd whitespace and line endings.
//! Deterministic for a random seed, so a failure can be replayed with
//! `KCENV_DIFF_SEED`.

pub struct Rng(u64);

impl Rng {
    pub fn new(random_seed: u64) -> Rng {
        Rng(random_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const KEYS: &[&str] = &[
    "A",
    "B",
    "KEY",
    "FROM_ENV",
    "lower",
    "MY-KEY",
    "my.key",
    "1KEY",
    "CLÉ",
    "'quoted key'",
    "'A'",
    "export",
    "K#X",
    "",
];
const PRE: &[&str] = &["", "", "", " ", "\t", "export ", "export\t", "  export  "];
const EQ: &[&str] = &[
    "=", "=", "=", " = ", "\t=\t", " =", "= ", "", ": ", "=  ", "=\u{a0}",
];
const VALUES: &[&str] = &[
    "value",
    "hello world",
    "\"quoted\"",
    "'single'",
    "\"a\\nb\"",
    "'a\\nb'",
    "a\\nb",
    "\"a\\tb\\\"c\\\\d\"",
    "'it\\'s'",
    "\"it's\"",
    "\"l1\nl2\"",
    "'l1\r\nl2'",
    "${A}",
    "${A:-def}",
    "${UNSET:-fb}",
    "$A",
    "$$",
    "${FROM_ENV}",
    "'${A}'",
    "\\${A}",
    "${A-d}",
    "${A:b}",
    "#novalue",
    "a#b",
    "\"v\"garbage",
    "\"unterminated",
    "'open",
    "{\"a\": 1}",
    "a=b",
    "\"x\"#c",
    "\"\"",
    "''",
    "\"\\\\\"",
    "\"a\\\"",
    "\\",
    "é",
    "\u{85}x",
    "x\u{1c}",
    "\u{2028}",
    "\"\\q\\u00e9\\$\"",
    "\"\\a\\b\\f\\v\\r\"",
    "\0",
    "v\0w",
    "x\u{a0}",
    "\"${B:-${A}}\"",
    "${}",
    "${:-d}",
];
const TAILS: &[&str] = &[
    "",
    "",
    "",
    " # comment",
    "\t# c",
    "#c",
    "   ",
    "\t",
    " \u{a0}",
    " junk",
    " #",
    "\u{85}# c",
];
const ENDINGS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r", ""];
const EXTRA: &[&str] = &[
    "",
    "",
    "",
    "",
    "\n",
    "# comment\n",
    "  \n",
    "\t# indented\n",
    "\u{feff}",
    "\r\n",
];

pub fn files(random_seed: u64, count: usize) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::new(random_seed);
    (0..count)
        .map(|i| {
            let mut s = String::new();
            if rng.below(20) == 0 {
                s.push('\u{feff}');
            }
            for _ in 0..1 + rng.below(6) {
                s.push_str(rng.pick(EXTRA));
                s.push_str(rng.pick(PRE));
                s.push_str(rng.pick(KEYS));
                s.push_str(rng.pick(EQ));
                s.push_str(rng.pick(VALUES));
                if rng.below(4) == 0 {
                    s.push_str(rng.pick(VALUES));
                }
                s.push_str(rng.pick(TAILS));
                s.push_str(rng.pick(ENDINGS));
            }
            let mut bytes = s.into_bytes();
            if rng.below(40) == 0 {
                bytes.push(0xe9); // latin-1 é: invalid UTF-8
            }
            (format!("random_seed {random_seed} case {i}"), bytes)
        })
        .collect()
}
