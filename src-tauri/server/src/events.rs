//! Telling connected clients that their desk moved on, across instances: a commit
//! that adds changes runs `pg_notify(CHANNEL, 'DESK HEAD')` in its transaction, which
//! PostgreSQL delivers at commit to every connection LISTENing, whichever instance
//! holds it. Each instance keeps one such connection ([`listen`]) and fans what it
//! hears out through a broadcast channel ([`Hub`]) to its `GET /v1/events` streams.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use deadpool_postgres::GenericClient;
use futures_util::StreamExt;
use tokio::sync::broadcast;
use tokio_postgres::AsyncMessage;
use uuid::Uuid;

use crate::error::Result;
use crate::store;
use crate::store::sql;

pub const CHANNEL: &str = "greenroom_desk";
/// The listening connection's `application_name`.
pub const LISTENER: &str = "greenroom-server live events";

/// Waiting before trying the database again after the listening connection failed.
const RECONNECT: Duration = Duration::from_secs(1);
/// Events a slow stream may fall behind by before it re-reads its head.
const BACKLOG: usize = 1024;
/// How often the listening connection is asked whether it is still there, unless
/// `serve` says otherwise, and how long it has to answer at most.
pub const HEALTH_SECONDS: u64 = 15;
const ANSWER: Duration = Duration::from_secs(5);
/// How often a stream asks whether its member was revoked.
const REVOKED: Duration = Duration::from_secs(3);
/// Live streams one member may hold open on one instance (a few windows and a CLI).
pub const MAX_STREAMS: usize = 4;

/// How often the listening connection is asked whether it is still there, and how
/// long it has to answer: a connection whose peer vanished (half-open TCP) hears
/// nothing and says nothing, and is only found out by asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Health {
    pub every: Duration,
    pub answer: Duration,
}

impl Health {
    /// Asked every `every`, with as long to answer, up to [`ANSWER`].
    pub fn every(every: Duration) -> Health {
        Health {
            every,
            answer: every.min(ANSWER),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Desk `desk` has changes up to `head`; `conflicts`: a push raised conflicts
    /// without a new revision, so streams say the head again for clients to look.
    Head {
        desk: Uuid,
        head: i64,
        conflicts: bool,
    },
    /// A lock of desk `desk` was taken or dropped.
    Locks { desk: Uuid },
    /// Notifications may have been missed (the listening connection was lost): every
    /// stream re-reads its desk's head.
    Resync,
    /// The server is stopping: streams end, so the stop need not wait for them.
    Closing,
}

#[derive(Clone, Debug)]
pub struct Hub {
    sender: broadcast::Sender<Event>,
    /// Open streams per member, on this instance.
    streams: Arc<Mutex<HashMap<Uuid, usize>>>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            sender: broadcast::channel(BACKLOG).0,
            streams: Arc::default(),
        }
    }
}

impl Hub {
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    pub fn send(&self, event: Event) {
        // No stream listening is no error.
        let _ = self.sender.send(event);
    }

    /// A place for one more stream of `member`, held until the guard is dropped.
    fn open(&self, member: Uuid) -> Result<StreamGuard> {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let open = streams.entry(member).or_default();
        if *open >= MAX_STREAMS {
            return Err(crate::Error::RateLimited(format!(
                "{MAX_STREAMS} live streams are open for this member already"
            )));
        }
        *open += 1;
        Ok(StreamGuard {
            streams: self.streams.clone(),
            member,
        })
    }
}

struct StreamGuard {
    streams: Arc<Mutex<HashMap<Uuid, usize>>>,
    member: Uuid,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = streams.get_mut(&self.member) {
            *open -= 1;
            if *open == 0 {
                streams.remove(&self.member);
            }
        }
    }
}

/// Announces, at the commit of the transaction `client` is in, that `desk` has
/// changes up to `head` (and, `conflicts`, new conflicts).
pub async fn notify(
    client: &impl GenericClient,
    desk: Uuid,
    head: i64,
    conflicts: bool,
) -> Result<()> {
    let payload = match conflicts {
        true => format!("{desk} {head} conflicts"),
        false => format!("{desk} {head}"),
    };
    sql::execute(client, "SELECT pg_notify($1, $2)", &[&CHANNEL, &payload]).await?;
    Ok(())
}

/// Announces, at the commit of the transaction `client` is in, that a lock of `desk`
/// was taken or dropped.
pub async fn notify_locks(client: &impl GenericClient, desk: Uuid) -> Result<()> {
    let payload = format!("{desk} locks");
    sql::execute(client, "SELECT pg_notify($1, $2)", &[&CHANNEL, &payload]).await?;
    Ok(())
}

/// What a live stream says: the desk's newest head, or that its locks changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Said {
    Head(i64),
    Locks,
}

/// Listens on [`CHANNEL`] for as long as the server runs, reconnecting when the
/// database goes away, and passes every notification to `hub`.
pub async fn listen(target: store::Target, hub: Hub, health: Health) {
    let mut said = false;
    loop {
        match listen_once(&target, &hub, health).await {
            Ok(()) => {
                eprintln!("greenroom-server: live events lost the database; reconnecting");
                said = false;
            }
            Err(e) if !said => {
                eprintln!("greenroom-server: live events wait for the database: {e}");
                said = true;
            }
            Err(_) => {}
        }
        hub.send(Event::Resync);
        tokio::time::sleep(RECONNECT).await;
    }
}

/// One listening connection, until it ends or stops answering (Ok) or cannot be made
/// (Err).
async fn listen_once(target: &store::Target, hub: &Hub, health: Health) -> Result<()> {
    let (client, mut connection) = store::config(&target.url)?
        // Told apart from the pool's in pg_stat_activity, by an admin or a test.
        .application_name(LISTENER)
        .connect(store::tls(target)?)
        .await
        .map_err(crate::Error::connect)?;
    let (heard, mut hearing) = tokio::sync::mpsc::unbounded_channel();
    let messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
    let driver = tokio::spawn(async move {
        let mut messages = std::pin::pin!(messages);
        while let Some(Ok(message)) = messages.next().await {
            if let AsyncMessage::Notification(n) = message {
                let _ = heard.send(n.payload().to_string());
            }
        }
    });
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    // Anything committed while no connection listened is read again now.
    hub.send(Event::Resync);
    // Asked something now and then, it answers or is dropped ([`Health`]).
    let mut check = tokio::time::interval(health.every);
    check.tick().await;
    loop {
        tokio::select! {
            payload = hearing.recv() => match payload {
                Some(payload) => {
                    if let Some(event) = parse(&payload) {
                        hub.send(event);
                    }
                }
                None => break,
            },
            _ = check.tick() => {
                let asked = client.simple_query("SELECT 1");
                let answered = tokio::time::timeout(health.answer, asked).await;
                if !matches!(answered, Ok(Ok(_))) {
                    break;
                }
            }
        }
    }
    driver.abort();
    Ok(())
}

/// The `GET /v1/events` stream of `member`'s desk `desk`: its head now, then each
/// newer head and each change of its locks, until the member is revoked. Subscribed before the head is read, so
/// no commit falls between the two. The heads come in the notifications; the
/// database is asked only after a resync, and whether the member is still one at
/// most every [`REVOKED`].
pub async fn heads(
    hub: &Hub,
    pool: &deadpool_postgres::Pool,
    desk: Uuid,
    member: Uuid,
) -> Result<impl futures_util::Stream<Item = Said> + Send + 'static> {
    let guard = hub.open(member)?;
    let receiver = hub.subscribe();
    let now = crate::desk::head(&store::client(pool).await?, desk).await?;
    let mut revoked = tokio::time::interval_at(tokio::time::Instant::now() + REVOKED, REVOKED);
    revoked.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let state = Streaming {
        receiver,
        last: now,
        pool: pool.clone(),
        revoked,
        _guard: guard,
    };
    let later = futures_util::stream::unfold(state, move |mut s| async move {
        let said = s.next(desk, member).await?;
        if let Said::Head(head) = said {
            s.last = s.last.max(head);
        }
        Some((said, s))
    });
    Ok(futures_util::stream::once(std::future::ready(Said::Head(now))).chain(later))
}

struct Streaming {
    receiver: broadcast::Receiver<Event>,
    last: i64,
    pool: deadpool_postgres::Pool,
    revoked: tokio::time::Interval,
    _guard: StreamGuard,
}

impl Streaming {
    /// The next thing to say; None when the stream ends.
    async fn next(&mut self, desk: Uuid, member: Uuid) -> Option<Said> {
        loop {
            let event = tokio::select! {
                event = self.receiver.recv() => event,
                _ = self.revoked.tick() => {
                    match is_member(&self.pool, desk, member).await {
                        Ok(false) => return None,
                        _ => continue,
                    }
                }
            };
            match event {
                Ok(Event::Head {
                    desk: d,
                    head,
                    conflicts,
                }) if d == desk && (head > self.last || conflicts) => {
                    return Some(Said::Head(head.max(self.last)));
                }
                Ok(Event::Head { .. }) => continue,
                Ok(Event::Locks { desk: d }) if d == desk => return Some(Said::Locks),
                Ok(Event::Locks { .. }) => continue,
                Ok(Event::Resync) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    let client = match store::client(&self.pool).await {
                        Ok(client) => client,
                        Err(_) => continue,
                    };
                    match crate::desk::head(&client, desk).await {
                        Ok(head) if head > self.last => return Some(Said::Head(head)),
                        _ => continue,
                    }
                }
                Ok(Event::Closing) | Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}

/// Whether `member` is still a member of `desk`.
async fn is_member(pool: &deadpool_postgres::Pool, desk: Uuid, member: Uuid) -> Result<bool> {
    let client = store::client(pool).await?;
    let row = sql::query_one(
        &client,
        "SELECT EXISTS (SELECT 1 FROM member
                            WHERE desk_id = $1 AND id = $2 AND revoked_at IS NULL)",
        &[&desk, &member],
    )
    .await?;
    Ok(row.get(0))
}

fn parse(payload: &str) -> Option<Event> {
    let mut words = payload.split(' ');
    let desk = words.next()?.parse().ok()?;
    let head = match words.next()? {
        "locks" => return words.next().is_none().then_some(Event::Locks { desk }),
        head => head.parse().ok()?,
    };
    let conflicts = match words.next() {
        None => false,
        Some("conflicts") => true,
        Some(_) => return None,
    };
    match words.next() {
        None => Some(Event::Head {
            desk,
            head,
            conflicts,
        }),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_is_a_desk_and_a_head_and_anything_else_is_ignored() {
        let desk = Uuid::now_v7();
        assert_eq!(
            parse(&format!("{desk} 42")),
            Some(Event::Head {
                desk,
                head: 42,
                conflicts: false
            })
        );
        assert_eq!(
            parse(&format!("{desk} 42 conflicts")),
            Some(Event::Head {
                desk,
                head: 42,
                conflicts: true
            })
        );
        assert_eq!(parse(&format!("{desk} locks")), Some(Event::Locks { desk }));
        let bad = [
            &format!("{desk} locks 1"),
            "",
            "42",
            &format!("{desk}"),
            &format!("{desk} x"),
            "x 1",
            &format!("{desk} 1 other"),
            &format!("{desk} 1 conflicts x"),
        ];
        for bad in bad {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }
}
