//! A `greenroom-server serve` process on loopback, and a client that records every
//! answer it got (so a test can look through all of them).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use greenroom_testkit::postgres::Database;
use greenroom_testkit::server::Server;
use serde_json::{json, Value};

pub struct Served {
    server: Server,
    /// `http://127.0.0.1:PORT` (or https).
    pub url: String,
    agent: ureq::Agent,
    /// Every answer's status and body, in order.
    pub answers: Mutex<Vec<(u16, String)>>,
}

/// A member as joining made them: token, ids and role.
#[derive(Clone, Debug)]
pub struct Member {
    pub token: String,
    pub id: String,
    pub desk: String,
}

impl Served {
    /// `serve --listen 127.0.0.1:0` on `db`, with `args` added; waits until it listens.
    pub fn start(db: &Database, args: &[&str]) -> Served {
        Self::start_with(db, args, ureq::Agent::config_builder())
    }

    pub fn start_with(
        db: &Database,
        args: &[&str],
        config: ureq::config::ConfigBuilder<ureq::typestate::AgentScope>,
    ) -> Served {
        let server = Server::serve(
            Path::new(env!("CARGO_BIN_EXE_greenroom-server")),
            db,
            "127.0.0.1:0",
            args,
        );
        let agent = config
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Served {
            url: server.url.clone(),
            server,
            agent,
            answers: Mutex::new(Vec::new()),
        }
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut req = self.agent.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            req = req.header("Authorization", format!("Bearer {token}"));
        }
        self.answer(req.call())
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.post_raw(path, token, body.to_string().as_bytes(), "application/json")
    }

    pub fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        body: &[u8],
        content_type: &str,
    ) -> (u16, Value) {
        let mut req = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Content-Type", content_type);
        if let Some(token) = token {
            req = req.header("Authorization", format!("Bearer {token}"));
        }
        self.answer(req.send(body))
    }

    fn answer(&self, got: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> (u16, Value) {
        let mut response = got.expect("the server answers");
        let status = response.status().as_u16();
        let mut text = String::new();
        response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .reader()
            .read_to_string(&mut text)
            .unwrap();
        self.answers.lock().unwrap().push((status, text.clone()));
        let value = match text.is_empty() {
            true => Value::Null,
            false => serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {status} {text}")),
        };
        (status, value)
    }

    /// Joins with `code`; panics unless it worked.
    pub fn join(&self, code: &str) -> Member {
        let (status, body) = self.post("/v1/join", None, &json!({ "code": code }));
        assert_eq!(status, 200, "{body}");
        Member {
            token: body["token"].as_str().unwrap().to_string(),
            id: body["member"]["id"].as_str().unwrap().to_string(),
            desk: body["desk"]["id"].as_str().unwrap().to_string(),
        }
    }

    /// `GET /v1/events`, read on a thread: each `event: head`'s head, in order.
    pub fn events(&self, token: &str) -> std::sync::mpsc::Receiver<i64> {
        let said = self.said(token);
        let (heads, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for (event, data) in said {
                if event == "head" && heads.send(data["head"].as_i64().unwrap()).is_err() {
                    return;
                }
            }
        });
        received
    }

    /// `GET /v1/events`, read on a thread: every event's name and data, in order.
    pub fn said(&self, token: &str) -> std::sync::mpsc::Receiver<(String, Value)> {
        let response = self
            .agent
            .get(format!("{}/v1/events", self.url))
            .header("Authorization", format!("Bearer {token}"))
            .config()
            .timeout_global(None)
            .build()
            .call()
            .expect("the server answers");
        assert_eq!(response.status().as_u16(), 200);
        let (said, received) = std::sync::mpsc::channel();
        let reader = BufReader::new(response.into_body().into_reader());
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    let data: Value = serde_json::from_str(data).unwrap();
                    if said.send((event.clone(), data)).is_err() {
                        return;
                    }
                }
            }
        });
        received
    }

    pub fn delete(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut req = self.agent.delete(format!("{}{path}", self.url));
        if let Some(token) = token {
            req = req.header("Authorization", format!("Bearer {token}"));
        }
        self.answer(req.call())
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        self.server.kill();
    }

    /// The server's resident memory, in KiB: the load bench's (benches/load, which
    /// shares these helpers).
    #[allow(dead_code)]
    pub fn memory_kib(&self) -> u64 {
        self.server.memory_kib()
    }

    /// Asks the server to stop as an admin's `kill` or systemd would (SIGTERM); its
    /// exit status.
    pub fn stop(self) -> std::process::ExitStatus {
        self.server.stop()
    }
}

/// A desk served by one instance, with members of the given roles.
pub fn desk_with(roles: &[&str]) -> (Database, String, Served, Vec<Member>) {
    let (db, desk) = crate::support::with_desk();
    let served = Served::start(&db, &[]);
    let members = roles
        .iter()
        .enumerate()
        .map(|(i, role)| {
            let code = crate::support::invite(&db, &desk, &format!("Member {i}"), role);
            served.join(&code)
        })
        .collect();
    (db, desk, served, members)
}

/// A pushed change of `entity` `id` made on `base` (the server revision the client
/// saw), from `before` to `after`, with a new record id.
pub fn change(entity: &str, id: &str, base: i64, op: &str, before: Value, after: Value) -> Value {
    let mut c = json!({
        "id": uuid::Uuid::now_v7(),
        "clientOp": uuid::Uuid::now_v7(),
        "entity": entity,
        "entityId": id,
        "baseRevision": base,
        "operation": op,
        "author": "Tester",
        "at": "2026-03-01T09:30:00Z",
    });
    if !before.is_null() {
        c["before"] = before;
    }
    if !after.is_null() {
        c["after"] = after;
    }
    c
}

/// A creation of `id` with `state`, by a client that never saw it on the server.
pub fn create(entity: &str, id: &str, state: Value) -> Value {
    change(entity, id, 0, "create", Value::Null, state)
}

/// An update of `id` from `before` to `after`, made on server revision `base`.
pub fn update(entity: &str, id: &str, base: i64, before: Value, after: Value) -> Value {
    change(entity, id, base, "update", before, after)
}

/// A deletion of `id`, which was `before`, made on server revision `base`.
pub fn delete(entity: &str, id: &str, base: i64, before: Value) -> Value {
    change(entity, id, base, "delete", before, Value::Null)
}

/// A push result's outcome and revision.
pub fn answered(result: &Value) -> (&str, i64) {
    (
        result["outcome"].as_str().unwrap(),
        result["revision"].as_i64().unwrap(),
    )
}

impl Served {
    /// Pushes one change as `member`; its result.
    pub fn push_one(&self, member: &Member, change: Value) -> Value {
        self.push(member, &[change]).remove(0)
    }

    /// Pushes `changes` as `member`; the answer's results, checking it succeeded.
    pub fn push(&self, member: &Member, changes: &[Value]) -> Vec<Value> {
        let (status, body) = self.post(
            "/v1/push",
            Some(&member.token),
            &json!({ "changes": changes }),
        );
        assert_eq!(status, 200, "{body}");
        body["results"].as_array().unwrap().clone()
    }

    /// Everything `member` pulls after `after`, page by page.
    pub fn pull_all(&self, member: &Member, after: i64) -> Vec<Value> {
        let mut after = after;
        let mut all = Vec::new();
        loop {
            let (status, body) = self.get(&format!("/v1/pull?after={after}"), Some(&member.token));
            assert_eq!(status, 200, "{body}");
            let changes = body["changes"].as_array().unwrap();
            all.extend(changes.iter().cloned());
            if let Some(last) = changes.last() {
                after = last["seq"].as_i64().unwrap();
            }
            if !body["more"].as_bool().unwrap() {
                return all;
            }
        }
    }

    /// The state the desk holds of `entity` `id`: the last pulled change's `after`.
    pub fn state_of(&self, member: &Member, id: &str) -> Value {
        self.pull_all(member, 0)
            .into_iter()
            .rfind(|c| c["entityId"] == json!(id))
            .map(|c| c.get("after").cloned().unwrap_or(Value::Null))
            .unwrap_or(Value::Null)
    }

    pub fn conflicts(&self, member: &Member) -> Vec<Value> {
        let (status, body) = self.get("/v1/conflicts", Some(&member.token));
        assert_eq!(status, 200, "{body}");
        body["conflicts"].as_array().unwrap().clone()
    }
}

/// An ApiError's code, checking it has a message too.
pub fn code(body: &Value) -> &str {
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "an error with a message: {body}"
    );
    body["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error: {body}"))
}
