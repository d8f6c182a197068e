//! The HTML, Word and PDF converters (and decoding) on arbitrary bytes: a file may be refused
//! with a reason, never crash the extractor.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::extract::{extract_bytes, Format, Origin};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = match selector % 5 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Docx,
        _ => Format::Pdf,
    };
    let origin = Origin::default();
    let _ = extract_bytes(bytes, format, &origin);
});
