//! Linking a database to a desk: join with an invite code, what the link says
//! (status, offline), and leaving (the archive stays; the link, the queue and the
//! token go). The member's token lives in a 0600 file in the config folder, never
//! in the database, so a backup of the archive never carries it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use greenroom_protocol::wire::{DeskInfo, Join, Joined, MemberInfo};
use greenroom_protocol::{Entity, Operation, Role};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::desk::client::{server_url, Client};
use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::store::change::{state_of, Record};
use crate::store::db::Store;
use crate::store::outbox;
use crate::store::write::{now_ms, Write};

/// The desk this database is linked to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskLink {
    pub server: String,
    pub desk: DeskInfo,
    pub member: MemberInfo,
    /// The desk's order up to which every change is applied here.
    pub pulled_seq: i64,
    pub last_sync: Option<DateTime<Utc>>,
    /// Joined with --allow-insecure-http: plain http to a host other than this one.
    pub insecure_http: bool,
}

/// How to join a desk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JoinOptions {
    /// Share what this database already holds (else it must hold nothing).
    pub upload_local: bool,
    /// Accept a plain `http://` server on a host other than this one.
    pub allow_insecure_http: bool,
}

/// `desk status`: the link, and what waits on each side of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskState {
    pub server: String,
    pub desk: DeskInfo,
    pub member: MemberInfo,
    pub role: Role,
    pub last_sync: Option<DateTime<Utc>>,
    /// Local changes not yet pushed.
    pub pending: i64,
    /// The desk's open conflicts as of the last sync.
    pub conflicts: i64,
    /// Changes parked: pulled ones not applicable here, pushed ones the desk refused.
    pub rejected: i64,
}

pub(crate) fn read_link(conn: &Connection) -> Result<Option<DeskLink>> {
    let row = conn
        .prepare_cached(
            "SELECT server, desk_id, desk_name, member_id, member_name, role, pulled_seq,
                    last_sync_at, insecure_http
             FROM desk_link",
        )?
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, bool>(8)?,
            ))
        })
        .optional()?;
    let Some((server, desk_id, desk_name, member_id, member_name, role, pulled, last, insecure)) =
        row
    else {
        return Ok(None);
    };
    let uuid = |s: &str| {
        Uuid::parse_str(s).map_err(|e| Error::validation("desk", format!("damaged link: {e}")))
    };
    Ok(Some(DeskLink {
        server,
        desk: DeskInfo {
            id: uuid(&desk_id)?,
            name: desk_name,
        },
        member: MemberInfo {
            id: uuid(&member_id)?,
            name: member_name,
            role: role
                .parse()
                .map_err(|e| Error::validation("desk", format!("damaged link: {e}")))?,
        },
        pulled_seq: pulled,
        last_sync: last.and_then(DateTime::from_timestamp_millis),
        insecure_http: insecure,
    }))
}

/// The link, or why there is none to use.
pub(crate) fn require_link(conn: &Connection) -> Result<DeskLink> {
    read_link(conn)?.ok_or_else(|| Error::Desk {
        code: "not_linked",
        message: "this database is not linked to a desk; `greenroom desk join URL CODE` \
                  links it"
            .into(),
    })
}

/// Where the member's token is kept: `$XDG_CONFIG_HOME/greenroom/desk/<member>.token`
/// (the platform's config folder elsewhere).
pub fn token_path(member: Uuid) -> Result<PathBuf> {
    Ok(token_dir()?.join(format!("{member}.token")))
}

fn token_dir() -> Result<PathBuf> {
    let base = dirs::config_dir().ok_or_else(|| Error::Desk {
        code: "not_linked",
        message: "this system reports no configuration folder to keep the desk's token in".into(),
    })?;
    Ok(base.join("greenroom").join("desk"))
}

/// The token folder, made if missing, checked writable by writing a file there: a
/// join finds out before it spends the invite code.
fn token_folder() -> Result<PathBuf> {
    let dir = token_dir()?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::file("create", dir.display().to_string(), &e))?;
    let probe = dir.join(format!(".probe-{}", Uuid::now_v7()));
    let wrote = new_private_file(&probe).and_then(|f| f.sync_all());
    let _ = std::fs::remove_file(&probe);
    wrote.map_err(|e| Error::file("write", dir.display().to_string(), &e))?;
    Ok(dir)
}

/// A file that did not exist, readable by its owner alone from its first byte, never
/// through a link already there.
fn new_private_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes the token to a new 0600 file beside its place, then moves it there: never
/// an existing file's permissions, never through a link, never half written.
fn save_token(member: Uuid, token: &str) -> Result<PathBuf> {
    let path = token_path(member)?;
    write_private(&path, token)?;
    Ok(path)
}

fn write_private(path: &std::path::Path, token: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}", Uuid::now_v7()));
    let written = new_private_file(&temp)
        .and_then(|mut f| {
            use std::io::Write as _;
            f.write_all(token.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::file("write", path.display().to_string(), &e));
    }
    Ok(())
}

pub(crate) fn load_token(member: Uuid) -> Result<String> {
    let path = token_path(member)?;
    let token = std::fs::read_to_string(&path).map_err(|e| Error::Desk {
        code: "unauthorized",
        message: format!(
            "the desk's token is missing ({}: {e}); leave the desk and join again with a \
             new invite code",
            path.display()
        ),
    })?;
    Ok(token.trim().to_string())
}

/// A client for the linked desk, with the member's token.
pub(crate) fn client(link: &DeskLink) -> Result<Client> {
    Client::new(
        &link.server,
        link.insecure_http,
        Some(load_token(link.member.id)?),
    )
}

impl Store {
    /// The desk this database is linked to, if any.
    pub fn desk_link(&self) -> Result<Option<DeskLink>> {
        read_link(&self.conn)
    }

    /// The link and what waits on each side; `None` without a desk. Offline: it
    /// reads only this database.
    pub fn desk_state(&self) -> Result<Option<DeskState>> {
        let Some(link) = read_link(&self.conn)? else {
            return Ok(None);
        };
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Some(DeskState {
            role: link.member.role,
            pending: count("SELECT count(*) FROM desk_outbox")?,
            conflicts: count("SELECT count(*) FROM desk_conflict")?,
            rejected: count("SELECT count(*) FROM desk_rejected")?,
            server: link.server,
            desk: link.desk,
            member: link.member,
            last_sync: link.last_sync,
        }))
    }

    /// Joins the desk at `server` with a one-time invite `code`: the token goes to its
    /// file, the link into the database. A database that already holds programmes
    /// joins only with `upload_local`, which queues everything in it for the desk as
    /// creations (what the desk already has — the shipped format and example — is
    /// matched there, not doubled). The caller syncs next to pull the desk's archive.
    pub fn desk_join(
        &mut self,
        server: &str,
        code: &str,
        options: JoinOptions,
    ) -> Result<DeskLink> {
        let JoinOptions {
            upload_local,
            allow_insecure_http,
        } = options;
        let server = server_url(server, allow_insecure_http)?;
        if let Some(link) = read_link(&self.conn)? {
            return Err(Error::validation(
                "desk",
                format!(
                    "this database is already linked to the desk {} at {}; `greenroom desk \
                     leave` first",
                    link.desk.name, link.server
                ),
            ));
        }
        let (programmes, people): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM programme), (SELECT count(*) FROM person)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // People too: a programme made here later would name someone the desk never had.
        if programmes + people > 0 && !upload_local {
            let plural =
                |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            return Err(Error::validation(
                "upload-local",
                format!(
                    "this database already holds {} and {}; add --upload-local to share \
                     them with the desk (what the desk already has is matched, not \
                     doubled), or join with an empty database",
                    plural(programmes, "programme", "programmes"),
                    plural(people, "person", "people"),
                ),
            ));
        }
        let code = code.trim();
        if code.is_empty() || code.len() > 200 {
            return Err(Error::validation("code", "is not an invite code"));
        }
        // The code is spent once redeemed: what could fail after it is tried first —
        // the token's folder written to, this database's write taken.
        token_folder()?;
        let mut tx = self.write()?;
        let joined: Joined = Client::new(&server, allow_insecure_http, None)?.join(&Join {
            code: code.to_string(),
        })?;
        let revoke = format!(
            "`greenroom-server revoke {} {}`",
            joined.desk.id, joined.member.id
        );
        // An invite's role is only known once it is redeemed: a viewer's archive is
        // read only, so nothing of this database is shared and nothing is linked.
        if upload_local && joined.member.role == Role::Viewer {
            return Err(Error::Desk {
                code: "forbidden",
                message: format!(
                    "this invite made you a viewer of desk {}: a viewer cannot upload this \
                     database's archive, so it was not linked; join with an empty database \
                     (the code is used: ask the admin for a new one, and to revoke member {}: \
                     {revoke})",
                    joined.desk.name, joined.member.id
                ),
            });
        }
        let token = save_token(joined.member.id, &joined.token)?;
        let linked = (|| {
            tx.execute(
                "INSERT INTO desk_link (one, server, desk_id, desk_name, member_id, member_name,
                                        role, insecure_http)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    server,
                    joined.desk.id.to_string(),
                    joined.desk.name,
                    joined.member.id.to_string(),
                    joined.member.name,
                    joined.member.role.as_str(),
                    allow_insecure_http,
                ],
            )?;
            // The write opened unlinked: what it records from here on is the desk's.
            tx.desk = crate::store::outbox::linked(&tx)?;
            if upload_local {
                self.queue_everything(&tx)?;
            } else {
                // The booking-warning thresholds are the desk's: the ones set here give
                // way to what the desk's pull brings (its defaults when it set none).
                for key in crate::settings::DESK_KEYS {
                    tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
                }
            }
            tx.commit()
        })();
        if let Err(e) = linked {
            // Nothing of the join stays here; the member the code made stays on the
            // desk until revoked.
            let _ = std::fs::remove_file(&token);
            return Err(Error::validation(
                "desk",
                format!("{e}; this database was not linked (ask the admin for a new code and to revoke {revoke})"),
            ));
        }
        require_link(&self.conn)
    }

    /// Queues every live entity as a creation: people first (programmes name them),
    /// then formats, then programmes; and the desk settings set here apart from
    /// their defaults.
    fn queue_everything(&self, tx: &Write<'_>) -> Result<()> {
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Create);
        let ids = |sql: &str| -> Result<Vec<String>> {
            let mut st = tx.prepare(sql)?;
            let rows = st.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let queue = |entity: Entity, id: &str, revision: i64, state: Map<String, Value>| {
            let record = Record {
                entity,
                id,
                revision,
                before: None,
                after: Some(&state),
                merged_into: None,
            };
            outbox::queue(tx, origin, Uuid::now_v7(), now_ms(), &record)
        };
        for id in ids("SELECT id FROM person ORDER BY id")? {
            let p = self.person_profile(id.parse::<PersonId>()?)?;
            queue(
                Entity::Person,
                &id,
                p.revision,
                state_of(Entity::Person, &p)?,
            )?;
        }
        for series in ids("SELECT series FROM series_format ORDER BY series_key")? {
            if let Some(f) = self.series_format(&series)? {
                let key = crate::text::names::name_key(&series);
                let state = state_of(Entity::SeriesFormat, &f)?;
                queue(Entity::SeriesFormat, &key, 0, state)?;
            }
        }
        for id in ids("SELECT id FROM programme ORDER BY id")? {
            let p = self.get_programme(id.parse::<ProgrammeId>()?)?;
            queue(
                Entity::Programme,
                &id,
                p.revision,
                state_of(Entity::Programme, &p)?,
            )?;
        }
        for (key, revision, state) in self.desk_settings_to_share()? {
            queue(Entity::Setting, key, revision, state)?;
        }
        Ok(())
    }

    /// Unlinks the database from its desk: the archive stays as it is; the link, the
    /// changes not yet pushed, what was known of the desk and the token go.
    pub fn desk_leave(&mut self) -> Result<DeskLink> {
        let link = require_link(&self.conn)?;
        let tx = self.write()?;
        for table in [
            "desk_link",
            "desk_outbox",
            "desk_entity",
            "desk_conflict",
            "desk_rejected",
            "desk_lock",
        ] {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        tx.commit()?;
        let path = token_path(link.member.id)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::file("remove", path.display().to_string(), &e))
            }
            _ => {}
        }
        Ok(link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token replaces what was at its place (a file another join left with wide
    /// permissions, a link planted there) by a new file only its owner reads: the
    /// old file's target is never written through.
    #[cfg(unix)]
    #[test]
    fn a_token_is_a_new_private_file_whatever_was_at_its_place() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (path, elsewhere) = (dir.path().join("m.token"), dir.path().join("elsewhere"));
        std::fs::write(&elsewhere, "keep").unwrap();
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        write_private(&path, "secret").unwrap();
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "keep");
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "secret");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, "again").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file left");
    }
}
