//! `programme history`: a programme's revisions as a person reads them.

use greenroom_core::programme::revisions::Revision;
use serde_json::Value;

/// One block per revision, newest first: number, operation, author, time, then
/// each changed field as `field: from → to`.
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
            for c in &r.changes {
                lines.push(format!(
                    "  {}: {} → {}",
                    c.field,
                    short(&c.from),
                    short(&c.to)
                ));
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A value on one line: strings as they are, a list by its items' names (or titles,
/// or text), at most 80 characters (the JSON output has everything).
fn short(v: &Value) -> String {
    let s = match v {
        Value::Null => "(none)".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "(none)".to_string(),
        Value::Array(a) => a.iter().map(item).collect::<Vec<_>>().join("; "),
        Value::Object(_) => item(v),
        other => other.to_string(),
    };
    let one_line = s.replace('\n', " ");
    match one_line.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// What a person reads an item by: its name or title, else its text.
fn item(v: &Value) -> String {
    ["name", "title"]
        .iter()
        .find_map(|k| v.get(k).and_then(Value::as_str))
        .map(str::to_string)
        .unwrap_or_else(|| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
}
