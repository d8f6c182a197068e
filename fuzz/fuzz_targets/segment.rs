//! The segmenter and the prose rules on arbitrary text, as plain text and as Markdown: no input
//! may panic, and every record must hold what the index needs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::extract::{extract_text, Format, Origin};
use scrutiny::model::Kind;

fuzz_target!(|text: &str| {
    let origin = Origin {
        source: "fuzz.txt".into(),
        relative: "fuzz.txt".into(),
        ..Origin::default()
    };
    for format in [Format::Text, Format::Markdown] {
        for record in extract_text(text, format, &origin) {
            assert_eq!(record.id.len(), 16);
            assert_eq!(record.item_id.len(), 16);
            match record.kind {
                Kind::Exchange => assert!(record.question.is_some()),
                Kind::Discussion => assert!(record.text.is_some()),
            }
        }
    }
});
