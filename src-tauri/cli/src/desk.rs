//! `desk join|status|members|locks|leave`: linking this database to a shared desk (a
//! Greenroom server), what the link says, who is on the desk, what is locked for air,
//! and unlinking (the archive stays).

use clap::Subcommand;
use greenroom_core::desk::{DeskState, JoinOptions};
use greenroom_core::{Result, Store};

use super::{lock, output, sync};

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Join a desk with a one-time invite code, then pull its archive.
    Join {
        /// The desk's server: https://host:port.
        url: String,
        /// The invite code the desk's admin gave you.
        code: String,
        /// Also share the programmes already in this database (what the desk already
        /// has, like the example programme and the shipped format, is matched, not
        /// doubled). Without it a database holding programmes is refused.
        #[arg(long)]
        upload_local: bool,
        /// Accept a plain http:// server on another machine: only behind a
        /// TLS-terminating proxy on a network you trust (the token crosses it).
        #[arg(long)]
        allow_insecure_http: bool,
    },
    /// The desk this database is linked to, and what waits to sync.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// The desk's members and their roles (online).
    Members {
        #[arg(long)]
        json: bool,
    },
    /// The programmes locked for air, as of the last sync.
    Locks {
        #[arg(long)]
        json: bool,
    },
    /// Unlink this database from its desk; the archive stays as it is.
    Leave,
}

pub fn run(store: &mut Store, command: DeskCommand) -> Result<()> {
    match command {
        DeskCommand::Join {
            url,
            code,
            upload_local,
            allow_insecure_http,
        } => {
            let options = JoinOptions {
                upload_local,
                allow_insecure_http,
            };
            let link = store.desk_join(&url, &code, options)?;
            output::text(&format!(
                "joined the desk {} at {} as {} ({})",
                link.desk.name,
                link.server,
                link.member.name,
                link.member.role.as_str()
            ))?;
            let report = store.sync(&mut sync::progress())?;
            output::text(&sync::words(&report))
        }
        DeskCommand::Status { json } => {
            let state = store.desk_state()?;
            match (state, json) {
                (Some(state), true) => output::json(&state),
                (None, true) => output::json(&serde_json::Value::Null),
                (Some(state), false) => output::text(&words(&state)),
                (None, false) => output::text(
                    "not linked to a desk (`greenroom desk join URL CODE` links this database)",
                ),
            }
        }
        DeskCommand::Members { json } => {
            let members = store.desk_members()?;
            if json {
                return output::json(&members);
            }
            let lines: Vec<String> = members
                .iter()
                .map(|m| {
                    let revoked = if m.revoked { " (revoked)" } else { "" };
                    format!("{}  {}{revoked}", m.name, m.role.as_str())
                })
                .collect();
            output::text(&lines.join("\n"))
        }
        DeskCommand::Locks { json } => {
            let locks = store.desk_locks()?;
            if json {
                return output::json(&locks);
            }
            if locks.is_empty() {
                return output::text("nothing is locked");
            }
            let lines: Vec<String> = locks
                .iter()
                .map(|l| format!("{} {}  {}", l.entity.as_str(), l.entity_id, lock::held(l)))
                .collect();
            output::text(&lines.join("\n"))
        }
        DeskCommand::Leave => {
            let link = store.desk_leave()?;
            // The token is gone from here, not from the desk: only the admin's revoke
            // makes a copy of it useless.
            output::text(&format!(
                "left the desk {} at {}; the archive stays in this database\nthe desk still \
                 accepts this member's token until its admin revokes it: greenroom-server \
                 revoke {} {}",
                link.desk.name, link.server, link.desk.id, link.member.id
            ))
        }
    }
}

fn words(s: &DeskState) -> String {
    let last = s
        .last_sync
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "never".into());
    let mut out = format!(
        "desk {} at {}\nmember {} ({})\nlast sync {last}\n{} change{} to push, {} open conflict{}",
        s.desk.name,
        s.server,
        s.member.name,
        s.role.as_str(),
        s.pending,
        if s.pending == 1 { "" } else { "s" },
        s.conflicts,
        if s.conflicts == 1 { "" } else { "s" },
    );
    if s.rejected > 0 {
        out.push_str(&format!("\nrejected: {}", s.rejected));
    }
    out
}
