//! Checks on option values that clap runs as it parses, so a bad one is a usage error
//! (exit 2) naming the option. A blank value is never taken to mean "clear the field":
//! a script with an unset variable (`--guest "$G"`) would wipe data. Clearing has its
//! own flags (`--clear-guests`, `--no-presenter`…).

use greenroom_core::programme::form::billing;

/// Any text option: refused when blank.
pub fn text(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("is blank (to clear a field, use its --no-… or --clear-… flag)".into());
    }
    Ok(s.to_string())
}

/// A `--guest "NAME – AFFILIATION"` line: refused when blank or without a name.
pub fn guest(s: &str) -> Result<String, String> {
    text(s)?;
    billing("guest", s).map_err(|e| match e {
        greenroom_core::Error::Validation { message, .. } => message,
        e => e.to_string(),
    })?;
    Ok(s.to_string())
}
