//! `render(parse(x)) == x` for every byte string, and nodes tile the input.

use kcenv::dotenv::{parse_all, render};
use proptest::prelude::*;

fn tiles(src: &[u8]) -> bool {
    let nodes = parse_all(src);
    let mut at = 0;
    for n in &nodes {
        if n.span().start as usize != at || n.span().is_empty() {
            return false;
        }
        at = n.span().end as usize;
    }
    at == src.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_bytes_round_trip(src in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(render(&src, &parse_all(&src)), src.clone());
        prop_assert!(tiles(&src));
    }

    #[test]
    fn dotenv_like_bytes_round_trip(src in "[A-Za-z_ =\"'#$\\\\{}:\\-\t\r\n\u{a0}\u{85}é\u{0}]{0,120}") {
        let src = src.into_bytes();
        prop_assert_eq!(render(&src, &parse_all(&src)), src.clone());
        prop_assert!(tiles(&src));
    }
}
