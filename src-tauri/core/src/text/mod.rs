//! Cleaning and bounding user text. Everything a user types is stored as given except
//! for surrounding whitespace; control characters are refused with a clear message
//! rather than silently stripped, so nothing typed is lost without the user knowing.

use crate::error::{Error, Result};

pub mod names;

/// Limits, in characters. Documented in the README; the UI shows them as counters
/// (never `maxlength`, which cuts pasted text silently) and these refuse at save.
pub mod limits {
    pub const TITLE: usize = 500;
    pub const SERIES: usize = 200;
    pub const NAME: usize = 200;
    pub const AFFILIATION: usize = 300;
    pub const FRAMING_ITEM: usize = 4_000;
    pub const FRAMING_ITEMS: usize = 40;
    pub const GUESTS: usize = 12;
    pub const NOTES: usize = 100_000;
    pub const SEGMENTS: usize = 500;
    pub const SEGMENT_TITLE: usize = 300;
}

/// A required one-line field: trimmed, non-empty, no control characters.
pub fn required_line(field: &str, value: &str, max: usize) -> Result<String> {
    let v = optional_line(field, Some(value), max)?;
    v.ok_or_else(|| Error::validation(field, "is required"))
}

/// An optional one-line field: blank becomes `None`.
pub fn optional_line(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    check_length(field, value, max)?;
    let v = value.trim();
    if let Some((pos, c)) = v.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(control_char(field, pos, c));
    }
    Ok((!v.is_empty()).then(|| v.to_string()))
}

/// A multi-line field: newlines and tabs are kept (CRLF becomes LF), other controls refused.
pub fn multi_line(field: &str, value: &str, max: usize) -> Result<String> {
    check_length(field, value, max)?;
    let v = value.replace("\r\n", "\n");
    let v = v.trim();
    if let Some((pos, c)) = v
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Err(control_char(field, pos, c));
    }
    Ok(v.to_string())
}

pub(crate) fn check_length(field: &str, value: &str, max: usize) -> Result<()> {
    // Byte length bounds the character count from above, so huge inputs are refused
    // without walking them.
    if value.len() > max {
        let chars = value.chars().count();
        if chars > max {
            return Err(too_long(field, chars, max));
        }
    }
    Ok(())
}

pub(crate) fn too_long(field: &str, chars: usize, max: usize) -> Error {
    Error::validation(
        field,
        format!("is too long ({chars} characters; at most {max})"),
    )
}

fn control_char(field: &str, pos: usize, c: char) -> Error {
    Error::validation(
        field,
        format!(
            "contains a control character (U+{:04X}) at position {}; remove it",
            c as u32,
            pos + 1
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_requires() {
        assert_eq!(required_line("title", "  Hi  ", 10).unwrap(), "Hi");
        let e = required_line("title", " \t ", 10).unwrap_err();
        assert_eq!(e.field(), Some("title"));
    }

    #[test]
    fn refuses_control_characters_but_keeps_rtl_and_bidi_marks() {
        let e = required_line("name", "Ann\u{7}e", 50).unwrap_err();
        assert!(e.to_string().contains("U+0007"), "{e}");
        assert!(required_line("name", "a\nb", 50).is_err());
        let arabic = "مروان بشارة\u{200F}";
        assert_eq!(required_line("name", arabic, 50).unwrap(), arabic);
    }

    #[test]
    fn multi_line_keeps_newlines_and_normalises_crlf() {
        assert_eq!(multi_line("notes", "a\r\nb\tc", 50).unwrap(), "a\nb\tc");
        assert!(multi_line("notes", "a\u{0}b", 50).is_err());
    }

    #[test]
    fn length_is_counted_in_characters() {
        let ok = "ğ".repeat(10);
        assert!(required_line("t", &ok, 10).is_ok());
        let e = required_line("t", &"x".repeat(1 << 20), 500).unwrap_err();
        assert!(e.to_string().contains("1048576 characters"), "{e}");
    }
}
