//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy Windows-1252.
//! Files that are not text at all are refused with a reason the user can act on.

use std::borrow::Cow;

/// How much of a file is sniffed for NUL bytes, as git and ripgrep do.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
    UnknownEncoding,
}

impl NotText {
    pub fn reason(&self) -> &'static str {
        match self {
            NotText::Empty => "empty file",
            NotText::Binary => "binary file (contains NUL bytes)",
            NotText::UnknownEncoding => {
                "not text in a known encoding (invalid UTF-8 and not Windows-1252)"
            }
        }
    }
}

/// The encoding a file was read in, when it was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Utf16,
    Windows1252,
}

/// Decodes `bytes` to text, or says why it is not text.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<Legacy>), NotText> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 {
            return utf8_or_legacy(body);
        }
        // UTF-16: NUL bytes are expected, so sniff after decoding.
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        if had_errors || text.contains('\0') {
            return Err(NotText::Binary);
        }
        return non_empty(text, Some(Legacy::Utf16));
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if sniff.contains(&0) {
        return Err(NotText::Binary);
    }
    utf8_or_legacy(bytes)
}

fn utf8_or_legacy(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<Legacy>), NotText> {
    match std::str::from_utf8(bytes) {
        Ok(s) => non_empty(Cow::Borrowed(s), None),
        Err(_) if looks_like_windows_1252(bytes) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            non_empty(text, Some(Legacy::Windows1252))
        }
        Err(_) => Err(NotText::UnknownEncoding),
    }
}

fn non_empty(
    text: Cow<'_, str>,
    legacy: Option<Legacy>,
) -> Result<(Cow<'_, str>, Option<Legacy>), NotText> {
    if text.trim().is_empty() {
        Err(NotText::Empty)
    } else {
        Ok((text, legacy))
    }
}

/// Windows-1252 text is mostly ASCII, has no C0 control characters besides layout ones, and
/// never uses the five byte values the code page leaves undefined. Anything else (Latin-2,
/// Shift-JIS, compressed data) is refused rather than turned into mojibake.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let mut high = 0usize;
    for &b in bytes {
        match b {
            0x81 | 0x8D | 0x8F | 0x90 | 0x9D => return false,
            0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F => return false,
            0x80..=0xFF => high += 1,
            _ => {}
        }
    }
    high * 10 <= bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("Question: café".as_bytes()).unwrap().0,
            "Question: café"
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Question: x".as_bytes());
        assert_eq!(decode(&bom).unwrap(), (Cow::Borrowed("Question: x"), None));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Response: yes".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (text, legacy) = decode(&bytes).unwrap();
        assert_eq!(text, "Response: yes");
        assert_eq!(legacy, Some(Legacy::Utf16));
    }

    #[test]
    fn windows_1252_curly_quotes_and_pound() {
        let bytes = b"The \x93Think Family\x94 grant was \xa330k.";
        let (text, legacy) = decode(bytes).unwrap();
        assert_eq!(
            text,
            "The \u{201c}Think Family\u{201d} grant was \u{a3}30k."
        );
        assert_eq!(legacy, Some(Legacy::Windows1252));
    }

    #[test]
    fn refuses_binary_empty_and_unknown() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(NotText::Binary));
        assert_eq!(decode(b" \n\t\n"), Err(NotText::Empty));
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b"abc \x81\x8d def"), Err(NotText::UnknownEncoding));
    }
}
