//! Paper sizes the run-sheet is printed on.

use std::fmt;
use std::str::FromStr;

use greenroom_core::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The name Typst's `page(paper: ..)` knows it by.
    pub(crate) fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "us-letter",
        }
    }
}

impl FromStr for Paper {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            _ => Err(Error::validation(
                "paper",
                format!("unknown paper size {s:?}; use \"a4\" or \"letter\""),
            )),
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively() {
        assert_eq!("A4".parse::<Paper>().unwrap(), Paper::A4);
        assert_eq!("Letter".parse::<Paper>().unwrap(), Paper::Letter);
        assert_eq!(Paper::default(), Paper::A4);
    }

    #[test]
    fn unknown_paper_is_a_validation_error_on_paper() {
        let e = "legal".parse::<Paper>().unwrap_err();
        assert_eq!(e.code(), "validation");
        assert_eq!(e.field(), Some("paper"));
    }
}
