//! Names typed at the command line, bounded before they reach the database.

use crate::error::{Error, Result};

/// `value` trimmed: one line of 1 to `max` characters without control characters.
pub(crate) fn line(field: &'static str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::validation(field, "is empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::validation(
            field,
            "has a line break or another control character",
        ));
    }
    if value.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("is longer than {max} characters"),
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_refuses_empty_multiline_and_long_names() {
        assert_eq!(line("name", "  Inside Story ", 20).unwrap(), "Inside Story");
        for bad in ["", "   ", "Inside\nStory", "tab\there", &"é".repeat(21)] {
            assert_eq!(line("name", bad, 20).unwrap_err().exit_code(), 2, "{bad:?}");
        }
        assert!(line("name", &"é".repeat(20), 20).is_ok());
    }
}
