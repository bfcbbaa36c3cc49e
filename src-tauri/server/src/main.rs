//! `greenroom-server`: argument definitions and dispatch. Each command connects,
//! calls the library, and prints what a desk's admin needs; an error is one line on
//! standard error and an exit code (2: the arguments, 4: not found, 1: the rest).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use greenroom_protocol::Role;
use greenroom_server::events::{self, Hub};
use greenroom_server::http::{self, AppState, Listen, Tls};
use greenroom_server::{config, desk, invite, join, member, store, Result};
use uuid::Uuid;

#[derive(Debug, Parser)]
#[command(
    name = "greenroom-server",
    version,
    about = "The server a Greenroom desk shares its archive through; its state is in PostgreSQL."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Database {
    /// The PostgreSQL database: postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME, or
    /// key=value pairs.
    #[arg(
        long,
        env = "GREENROOM_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: String,
    /// The CA certificate (PEM) that signed the database's own, when it is not a
    /// public CA's; with sslmode=require in the URL. Only this CA is trusted then.
    #[arg(long, env = "GREENROOM_DATABASE_CA", value_name = "FILE")]
    database_ca: Option<PathBuf>,
}

impl Database {
    fn target(&self) -> store::Target {
        store::Target {
            url: self.database_url.clone(),
            ca: self.database_ca.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create or upgrade the database's schema; running it again changes nothing.
    Migrate {
        #[command(flatten)]
        db: Database,
    },
    /// Serve the desks' API until SIGTERM or Ctrl-C. Several instances may serve one
    /// database.
    Serve {
        #[command(flatten)]
        db: Database,
        /// The address and port to listen on, e.g. 0.0.0.0:8443 (port 0: any free one;
        /// the address is printed once listening).
        #[arg(long, value_name = "ADDR")]
        listen: SocketAddr,
        /// The TLS certificate chain (PEM); with --tls-key, the server speaks HTTPS.
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The certificate's private key (PEM).
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Serve plain HTTP on an address other than loopback: only behind a proxy
        /// that does TLS.
        #[arg(long)]
        allow_insecure_http: bool,
        /// Connections to PostgreSQL this instance keeps.
        #[arg(long, default_value_t = 16, value_name = "N")]
        pool_size: usize,
        /// Join attempts one client address may make in a minute.
        #[arg(long, default_value_t = join::Limits::default().per_address, value_name = "N")]
        join_limit_per_address: u32,
        /// Join attempts all clients together may make in a minute.
        #[arg(long, default_value_t = join::Limits::default().total, value_name = "N")]
        join_limit_total: u32,
        /// Behind a reverse proxy: count join attempts by the last address of
        /// X-Forwarded-For (the one the proxy appends) instead of the proxy's own.
        #[arg(long)]
        trust_proxy: bool,
        /// Seconds between asking the live events' connection to PostgreSQL whether
        /// it is still there (a test's shorter wait).
        #[arg(long, hide = true, default_value_t = events::HEALTH_SECONDS, value_name = "N",
              value_parser = clap::value_parser!(u64).range(1..))]
        events_health_seconds: u64,
    },
    /// Desks: the teams that each share one archive.
    Desk {
        #[command(subcommand)]
        command: DeskCommand,
    },
    /// Invite someone to a desk: prints a code that works once, for them to join with.
    Invite {
        /// The desk's id (as `desk create` printed it).
        #[arg(value_parser = desk_id)]
        desk: Uuid,
        /// Who is invited: the member's name in the desk.
        #[arg(long)]
        name: String,
        /// admin (invites and revokes, edits), editor (reads and edits) or viewer
        /// (reads, without contact details).
        #[arg(long)]
        role: Role,
        /// Days until the code stops working (1 to 90).
        #[arg(long, default_value_t = invite::DEFAULT_DAYS, value_name = "N")]
        expires_days: u32,
        #[command(flatten)]
        db: Database,
    },
    /// Revoke a member of a desk: their token stops working; their changes stay.
    Revoke {
        /// The desk's id.
        #[arg(value_parser = desk_id)]
        desk: Uuid,
        /// The member's id, or their name when no one else in the desk has it.
        member: String,
        #[command(flatten)]
        db: Database,
    },
}

#[derive(Debug, Subcommand)]
enum DeskCommand {
    /// Create a desk; prints its id.
    Create {
        /// The desk's name, e.g. the programme's.
        name: String,
        #[command(flatten)]
        db: Database,
    },
}

fn main() {
    // The options a --config file gives join the command line before clap reads it.
    let command = config::with_option(Cli::command());
    let cli = config::args(&command, std::env::args_os().collect())
        .and_then(|args| command.try_get_matches_from(args))
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .unwrap_or_else(|e| usage(e));
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| greenroom_server::Error::Database(format!("cannot start: {e}")))
        .and_then(|rt| rt.block_on(run(cli.command)));
    let code = match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("greenroom-server: {e}");
            e.exit_code()
        }
    };
    std::process::exit(code);
}

fn desk_id(s: &str) -> Result<Uuid, String> {
    s.trim()
        .parse()
        .map_err(|_| "not a desk id (the UUID that `desk create` printed)".to_string())
}

/// Help and version as clap prints them; a usage error on one line, as every error.
fn usage(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        e.exit();
    }
    let text = e.render().to_string();
    // What went wrong comes first; the usage and the hint to try --help follow.
    let what = text.split("\n\n").next().unwrap_or_default();
    let what = what.strip_prefix("error: ").unwrap_or(what);
    eprintln!(
        "greenroom-server: {} (see --help)",
        what.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    std::process::exit(2);
}

async fn run(command: Command) -> Result<()> {
    match command {
        Command::Migrate { db } => {
            let mut client = store::connect(&db.target()).await?;
            let done = store::migrate::migrate(&mut client).await?;
            match done.from == done.to {
                true => println!("schema version {}: up to date", done.to),
                false => println!("schema version {} (was {})", done.to, done.from),
            }
        }
        Command::Serve {
            db,
            listen,
            tls_cert,
            tls_key,
            allow_insecure_http,
            pool_size,
            join_limit_per_address,
            join_limit_total,
            trust_proxy,
            events_health_seconds,
        } => {
            let listen = Listen {
                addr: listen,
                tls: tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key }),
                allow_insecure_http,
            };
            // Before connecting: a refused address or a bad certificate needs no
            // database to say so, and no listener has started to talk over it.
            let listen = listen.prepare().await?;
            let state = AppState {
                pool: store::pool(&db.target(), pool_size.max(1)).await?,
                join_limits: join::Limits {
                    per_address: join_limit_per_address,
                    total: join_limit_total,
                },
                events: Hub::default(),
                trust_proxy,
            };
            let health = events::Health::every(Duration::from_secs(events_health_seconds));
            tokio::spawn(events::listen(db.target(), state.events.clone(), health));
            http::serve(listen, state).await?;
        }
        Command::Desk {
            command: DeskCommand::Create { name, db },
        } => {
            let client = store::open(&db.target()).await?;
            println!("{}", desk::create(&client, &name).await?);
        }
        Command::Invite {
            desk,
            name,
            role,
            expires_days,
            db,
        } => {
            let client = store::open(&db.target()).await?;
            let made = invite::create(&client, desk, &name, role, expires_days).await?;
            println!("{}", made.code);
            eprintln!(
                "Give this code to {} ({role}): it works once, until {} UTC. It is not \
                 stored and cannot be shown again.",
                name.trim(),
                made.expires_at.format("%Y-%m-%d %H:%M")
            );
        }
        Command::Revoke { desk, member, db } => {
            let client = store::open(&db.target()).await?;
            let done = member::revoke(&client, desk, &member).await?;
            let at = done.at.format("%Y-%m-%d %H:%M UTC");
            match done.already {
                false => println!("revoked {} ({}) at {at}", done.name, done.id),
                true => println!("{} ({}) was already revoked at {at}", done.name, done.id),
            }
        }
    }
    Ok(())
}
