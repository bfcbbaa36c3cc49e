//! Starting the app under tauri-driver with its own database and XDG folders, and a
//! few waits. tauri-driver is stopped with SIGTERM so it also stops WebKitWebDriver.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;
use tokio::sync::{Mutex, MutexGuard};

/// One app at a time: two windows on two cores make every wait flaky.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

pub const WAIT: Duration = Duration::from_secs(15);

pub struct App {
    pub driver: WebDriver,
    tauri_driver: Child,
    /// `None` for a window started within a [`Turn`] (the turn holds it).
    _serial: Option<MutexGuard<'static, ()>>,
}

/// The one-at-a-time turn, held by a test that runs two windows at once (the desk's:
/// two members side by side). Windows started with [`Sandbox::launch_in`] share it;
/// each has its own tauri-driver and WebKitWebDriver on ports of its own.
pub struct Turn(
    // Held, never read: the turn lasts as long as this value.
    #[allow(dead_code)] MutexGuard<'static, ()>,
);

impl Turn {
    pub async fn take() -> Turn {
        Turn(ONE_AT_A_TIME.lock().await)
    }
}

/// A temp folder holding the database and the app's XDG folders.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

/// The window under test: the one cargo built, or another, such as the one a package
/// installed (`GREENROOM_APP_BINARY`; scripts/package-check.sh).
pub fn app_binary() -> PathBuf {
    std::env::var_os("GREENROOM_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_greenroom-desktop")))
}

/// The `greenroom` command, built beside the window by `cargo test --workspace` (it is
/// another package: `cargo build -p greenroom-cli` before running these tests alone),
/// or the one `GREENROOM_CLI_BINARY` names.
pub fn cli_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("GREENROOM_CLI_BINARY") {
        return PathBuf::from(path);
    }
    let path = Path::new(env!("CARGO_BIN_EXE_greenroom-desktop")).with_file_name("greenroom");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p greenroom-cli` first",
        path.display()
    );
    path
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("greenroom.db")
    }

    /// `greenroom --db <this db> ARGS` through the real CLI, with the window's config
    /// folder (where a desk's token is kept).
    pub fn cli(&self, args: &[&str]) -> String {
        let config = self.dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        let out = Command::new(cli_binary())
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("XDG_CONFIG_HOME", config)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "greenroom {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn cli_json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.cli(args)).unwrap()
    }

    /// Programmes "First" and "Second" with one guest spelled two ways (two people in
    /// the directory): a possible duplicate to merge.
    pub fn two_spellings_of_one_guest(&self) {
        self.cli(&[
            "programme",
            "add",
            "--title",
            "First",
            "--guest",
            "Dareen Abughaida – AJ",
        ]);
        self.cli(&[
            "programme",
            "add",
            "--title",
            "Second",
            "--guest",
            "Dareen Abu Ghaida – AJ",
            "--new-person",
            "Dareen Abu Ghaida",
        ]);
    }

    /// Starts the app on this sandbox's database and waits for its first screen.
    pub async fn launch(&self) -> App {
        self.launch_with_env(&[]).await
    }

    /// [`Sandbox::launch`] with extra environment variables for the app.
    pub async fn launch_with_env(&self, vars: &[(&str, &str)]) -> App {
        let serial = ONE_AT_A_TIME.lock().await;
        let mut app = self.start(vars).await;
        app._serial = Some(serial);
        app
    }

    /// Starts the app within `turn`, beside other windows of the same test.
    pub async fn launch_in(&self, _turn: &Turn, vars: &[(&str, &str)]) -> App {
        self.start(vars).await
    }

    async fn start(&self, vars: &[(&str, &str)]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests under xvfb-run (see the README's test command)"
        );
        // A window that cannot start at all (GTK failing to reach the X server, seen
        // once in some hundred launches under a loaded CI) is retried once, said aloud;
        // a second failure fails the test.
        let mut attempt = 0;
        let (driver, mut guard) = loop {
            attempt += 1;
            match self.start_session(vars).await {
                Ok(started) => break started,
                Err(e) if attempt == 1 => {
                    eprintln!("e2e: the window did not start ({e}); trying once more");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => panic!("WebDriver session: {e:?}"),
            }
        };
        let app = App {
            driver,
            tauri_driver: guard.0.take().unwrap(),
            _serial: None,
        };
        app.wait_for(By::Css("#programme-list, #first-run, #open-error"))
            .await;
        app
    }

    /// Starts tauri-driver with the app's environment and opens a WebDriver session.
    async fn start_session(
        &self,
        vars: &[(&str, &str)],
    ) -> Result<(WebDriver, StopOnDrop), thirtyfour::error::WebDriverError> {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("GREENROOM_DB", self.db())
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
        for (var, sub) in [
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            let d = self.dir.path().join(sub);
            std::fs::create_dir_all(&d).unwrap();
            cmd.env(var, d);
        }
        cmd.envs(vars.iter().copied());
        let tauri_driver = cmd.spawn().expect("start tauri-driver");
        let guard = StopOnDrop(Some(tauri_driver));
        // tauri-driver listens before its WebKitWebDriver does; a session asked for in
        // between is dropped, so wait for both.
        wait_for_port(port);
        wait_for_port(native_port);

        let mut caps = Capabilities::new();
        caps.set("tauri:options", json!({ "application": app_binary() }))
            .unwrap();
        let driver = WebDriver::builder(format!("http://127.0.0.1:{port}"), caps)
            .request_timeout(Duration::from_secs(30))
            .await?;
        Ok((driver, guard))
    }
}

impl App {
    pub async fn el(&self, css: &str) -> WebElement {
        self.wait_for(By::Css(css)).await
    }

    /// Waits until an element matching `by` is displayed.
    pub async fn wait_for(&self, by: By) -> WebElement {
        let start = Instant::now();
        loop {
            if let Ok(e) = self.driver.find(by.clone()).await {
                if e.is_displayed().await.unwrap_or(false) {
                    return e;
                }
            }
            assert!(start.elapsed() < WAIT, "timed out waiting for {by:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `css`'s text contains `needle`; returns the text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = match self.driver.find(By::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {css} to say {needle:?}; it says {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether an element matching `css` is there and shown (now, without waiting).
    pub async fn displayed(&self, css: &str) -> bool {
        match self.driver.find(By::Css(css)).await {
            Ok(e) => e.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        self.driver.find_all(By::Css(css)).await.unwrap().len()
    }

    /// Waits until `css` matches exactly `n` elements.
    pub async fn wait_count(&self, css: &str, n: usize) {
        self.wait_count_where(css, n, |found| found == n).await;
    }

    /// Waits until `css` matches at least `n` elements.
    pub async fn wait_count_at_least(&self, css: &str, n: usize) {
        self.wait_count_where(css, n, |found| found >= n).await;
    }

    async fn wait_count_where(&self, css: &str, n: usize, done: impl Fn(usize) -> bool) {
        let start = Instant::now();
        loop {
            let found = self.count(css).await;
            if done(found) {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {n} × {css}; found {found}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the input `css` holds `value` and is enabled.
    pub async fn wait_value(&self, css: &str, value: &str) {
        let start = Instant::now();
        loop {
            let e = self.el(css).await;
            let v = e.value().await.unwrap().unwrap_or_default();
            if v == value && e.is_enabled().await.unwrap_or(false) {
                return;
            }
            assert!(
                start.elapsed() < WAIT,
                "timed out waiting for {css} to hold {value:?}; it holds {v:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let e = self.el(css).await;
        // WebKitWebDriver's clear does not scroll a field below the fold into view.
        e.scroll_into_view()
            .await
            .unwrap_or_else(|err| panic!("cannot scroll to {css}: {err}"));
        e.clear()
            .await
            .unwrap_or_else(|err| panic!("cannot clear {css}: {err}"));
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("cannot type into {css}: {err}"));
    }

    /// Types into the `n`th match of `css` (0-based).
    /// A row added by a click may come a moment later, so the match is waited for.
    pub async fn type_into_nth(&self, css: &str, n: usize, text: &str) {
        self.wait_count_at_least(css, n + 1).await;
        let all = self.driver.find_all(By::Css(css)).await.unwrap();
        let e = all
            .get(n)
            .unwrap_or_else(|| panic!("no {css} #{n} (found {})", all.len()));
        e.clear()
            .await
            .unwrap_or_else(|err| panic!("cannot clear {css} #{n}: {err}"));
        e.send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("cannot type into {css} #{n}: {err}"));
    }

    /// Sets an input's value as a user's edit would (for pickers that WebDriver
    /// cannot type into reliably, such as datetime-local).
    pub async fn set_value(&self, css: &str, value: &str) {
        let e = self.el(css).await;
        self.driver
            .execute(
                "arguments[0].value = arguments[1];
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));
                 arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                vec![e.to_json().unwrap(), json!(value)],
            )
            .await
            .unwrap();
    }

    pub async fn click(&self, css: &str) {
        let e = self.el(css).await;
        e.scroll_into_view().await.unwrap();
        if let Err(err) = e.click().await {
            panic!("cannot click {css}: {err}");
        }
    }

    /// Runs `js` in the page (`arguments[0]`… are `args`) and returns its result.
    pub async fn js(&self, js: &str, args: Vec<Value>) -> Value {
        self.driver
            .execute(js, args)
            .await
            .unwrap_or_else(|e| panic!("{js}: {e}"))
            .json()
            .clone()
    }

    /// Puts `text` into `css` as a paste does: one insertion through the editing
    /// machinery, which is where `maxlength` would cut it.
    pub async fn paste(&self, css: &str, text: &str) {
        let e = self.el(css).await;
        self.js(
            "arguments[0].focus(); arguments[0].select();
             document.execCommand('insertText', false, arguments[1]);",
            vec![e.to_json().unwrap(), json!(text)],
        )
        .await;
    }

    /// Asserts that the page does not scroll sideways and nothing is wider than the
    /// viewport (`view` names it in the failure).
    pub async fn assert_fits(&self, view: &str) {
        let v: Value = self
            .js(
                "const d = document.documentElement;
                 const wide = [...document.querySelectorAll('body *')]
                   .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > d.clientWidth + 0.5)
                   .slice(0, 5)
                   .map((e) => `${e.tagName.toLowerCase()}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}`);
                 return { scroll: d.scrollWidth, client: d.clientWidth, wide };",
                vec![],
            )
            .await;
        assert!(
            v["scroll"].as_u64() <= v["client"].as_u64(),
            "{view} scrolls sideways at the minimum size: {v}"
        );
        assert_eq!(v["wide"], json!([]), "{view}: {v}");
    }

    /// A screenshot for looking at by eye, in target/e2e-shots/NAME.png. WebKitWebDriver's
    /// has timed out (30 s) on a window of a desk's member on a loaded machine and then
    /// worked: tried three times before giving up (the assertions are elsewhere).
    pub async fn shot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-shots");
        std::fs::create_dir_all(&dir).unwrap();
        for attempt in 1..=3 {
            match self.driver.screenshot_as_png().await {
                Ok(png) => return std::fs::write(dir.join(format!("{name}.png")), png).unwrap(),
                Err(e) => eprintln!("no screenshot of {name} (try {attempt}): {e}"),
            }
        }
    }

    pub async fn close(mut self) {
        let _ = self.driver.clone().quit().await;
        sigterm(&mut self.tauri_driver);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        sigterm(&mut self.tauri_driver);
    }
}

struct StopOnDrop(Option<Child>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            sigterm(c);
        }
    }
}

fn sigterm(child: &mut Child) {
    if matches!(child.try_wait(), Ok(None)) {
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let start = Instant::now();
        while matches!(child.try_wait(), Ok(None)) && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/bin/tauri-driver");
    if local.exists() {
        return local;
    }
    assert!(
        Command::new("tauri-driver").arg("--help").output().is_ok(),
        "tauri-driver not found: run scripts/test.sh (it installs it into .tools/)"
    );
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < WAIT,
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}
