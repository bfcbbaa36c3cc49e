//! Segments of a programme's running order, as stored and as typed.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ids::SegmentId;
use crate::programme::model::PersonRef;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    ColdOpen,
    Intro,
    #[default]
    Discussion,
    QuestionBlock,
    GuestIntro,
    Break,
    Video,
    Close,
    Other,
}

impl SegmentKind {
    pub const ALL: [SegmentKind; 9] = [
        SegmentKind::ColdOpen,
        SegmentKind::Intro,
        SegmentKind::Discussion,
        SegmentKind::QuestionBlock,
        SegmentKind::GuestIntro,
        SegmentKind::Break,
        SegmentKind::Video,
        SegmentKind::Close,
        SegmentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::ColdOpen => "cold_open",
            SegmentKind::Intro => "intro",
            SegmentKind::Discussion => "discussion",
            SegmentKind::QuestionBlock => "question_block",
            SegmentKind::GuestIntro => "guest_intro",
            SegmentKind::Break => "break",
            SegmentKind::Video => "video",
            SegmentKind::Close => "close",
            SegmentKind::Other => "other",
        }
    }

    /// How a run-sheet names it.
    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::ColdOpen => "Cold open",
            SegmentKind::Intro => "Intro",
            SegmentKind::Discussion => "Discussion",
            SegmentKind::QuestionBlock => "Question block",
            SegmentKind::GuestIntro => "Guest intro",
            SegmentKind::Break => "Break",
            SegmentKind::Video => "Video",
            SegmentKind::Close => "Close",
            SegmentKind::Other => "Other",
        }
    }
}

impl fmt::Display for SegmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Accepts `cold_open`, `cold-open`, `Cold open` alike.
impl FromStr for SegmentKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let key: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        SegmentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| {
                let all: Vec<_> = SegmentKind::ALL.iter().map(|k| k.as_str()).collect();
                Error::validation(
                    "kind",
                    format!("{s:?} is not a segment kind ({})", all.join(", ")),
                )
            })
    }
}

/// A stored segment with its place in the timing worked out (worked out again when a
/// recorded revision is read: the computed fields are not recorded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// Its identity in the running order, kept through edits and moves: what a desk
    /// merges running orders by. A state recorded before segments had ids reads back
    /// with fresh ones.
    #[serde(default)]
    pub id: SegmentId,
    /// 1-based place in the running order.
    #[serde(default)]
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub duration_seconds: u32,
    /// `1:30`.
    #[serde(default)]
    pub duration: String,
    pub people: Vec<PersonRef>,
    /// 1-based framing item this segment covers.
    pub question: Option<u32>,
    pub notes: String,
    /// Seconds from the top of the show.
    #[serde(default)]
    pub start_offset_seconds: u32,
    #[serde(default)]
    pub end_offset_seconds: u32,
    /// The instant it starts, when the programme has an air time.
    #[serde(default)]
    pub start_at: Option<DateTime<Utc>>,
    /// `19:31:30` in the show's zone, or `01:30` from the top without an air time.
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
}

/// A segment as typed: the duration as text, people by name (they must be on the
/// programme's line-up).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SegmentInput {
    /// The segment this row is, when it was saved before; `None` for a new one (it
    /// gets an id when saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<SegmentId>,
    pub kind: SegmentKind,
    pub title: String,
    /// `1:30`, `90s`, `2m`.
    pub duration: String,
    pub people: Vec<String>,
    pub question: Option<u32>,
    pub notes: String,
}

impl Segment {
    pub fn to_input(&self) -> SegmentInput {
        SegmentInput {
            id: Some(self.id),
            kind: self.kind,
            title: self.title.clone(),
            duration: self.duration.clone(),
            people: self.people.iter().map(|p| p.name.clone()).collect(),
            question: self.question,
            notes: self.notes.clone(),
        }
    }
}

/// Checks a 1-based segment number against a running order of `len` segments.
pub fn index(n: usize, len: usize) -> crate::Result<usize> {
    if n == 0 || n > len {
        return Err(Error::validation(
            "segment",
            match len {
                0 => format!("there is no segment {n}: this programme has no segments"),
                1 => format!("there is no segment {n}: this programme has 1 segment"),
                _ => format!("there is no segment {n}: this programme has segments 1 to {len}"),
            },
        ));
    }
    Ok(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_the_way_people_write_them() {
        assert_eq!(
            "Cold open".parse::<SegmentKind>().unwrap(),
            SegmentKind::ColdOpen
        );
        assert_eq!(
            "question-block".parse::<SegmentKind>().unwrap(),
            SegmentKind::QuestionBlock
        );
        assert_eq!("BREAK".parse::<SegmentKind>().unwrap(), SegmentKind::Break);
        let e = "interview".parse::<SegmentKind>().unwrap_err();
        assert!(e.to_string().contains("cold_open"), "{e}");
    }
}
