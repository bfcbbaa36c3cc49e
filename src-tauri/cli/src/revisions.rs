//! `programme history` and `person history`: revisions as a person reads them.

use greenroom_core::store::change::Revision;

/// One block per revision, newest first: number, operation, author, time, then what
/// changed in words (`--json` has every field's value before and after).
pub fn describe(history: &[Revision]) -> String {
    if history.is_empty() {
        return "no revisions recorded yet: it has not been saved since this Greenroom \
                began keeping them"
            .into();
    }
    history
        .iter()
        .map(|r| {
            let mut lines = vec![format!(
                "revision {}  {}  by {}  {}",
                r.revision,
                r.operation.as_str(),
                r.author,
                r.at.format("%Y-%m-%d %H:%M UTC")
            )];
            lines.extend(r.summary().iter().map(|w| format!("  {w}")));
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
