//! The HTML reports in a real browser: headless Chromium renders the seed plan's report and
//! the v1 → v2 revision report from disk, and the test reads the document it built
//! (`--dump-dom`, after the page's script has run) and a screenshot. The plan report is also
//! used as a person would: over the DevTools protocol the test clicks a unit's bar in the
//! workload chart and types into the search box, with the mouse and keyboard events a user's
//! would make, and reads the document after each.
//!
//! Without Chromium the test says so and passes, unless `CI` is set: then it fails. The
//! browser is found as `$TAIZHANG_CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on the `PATH`. Pages and screenshots are kept in `target/report-shots/`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::fixture;
use taizhang::{load_plan, ParseOptions, Parser};
use taizhang_i18n::Lang;
use taizhang_model::plan::Plan;

fn load(parser: &Parser, rel: &str) -> Plan {
    let mut plan = load_plan(parser, &fixture(rel), &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{rel}: {e:#}"))
        .value;
    plan.source.file = rel.rsplit('/').next().unwrap_or(rel).to_string();
    plan
}

fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("report-shots");
    std::fs::create_dir_all(&dir).expect("target/report-shots");
    dir
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TAIZHANG_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

struct Browser {
    exe: PathBuf,
    profile: PathBuf,
}

struct Run {
    stdout: String,
    stderr: String,
}

impl Browser {
    /// Runs headless Chromium on `url` with `extra` flags, in a fresh profile, with the
    /// network features that would reach out turned off; at most 90 seconds.
    fn run(&self, url: &str, extra: &[String]) -> Run {
        // A fresh profile for every run.
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = self.profile.join(format!("p{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let mut child = Command::new(&self.exe)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.exe.display()));
        let mut out = child.stdout.take().expect("stdout");
        let mut err = child.stderr.take().expect("stderr");
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = out.read_to_end(&mut s);
            s
        });
        let err_reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = err.read_to_end(&mut s);
            s
        });
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            match child.try_wait().expect("wait for chromium") {
                Some(_) => break,
                None if Instant::now() > deadline => {
                    let _ = child.kill();
                    panic!("chromium did not finish within 90 s on {url}");
                }
                None => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        let _ = std::fs::remove_dir_all(&profile);
        let stdout = String::from_utf8_lossy(&reader.join().expect("stdout reader")).into_owned();
        let stderr =
            String::from_utf8_lossy(&err_reader.join().expect("stderr reader")).into_owned();
        Run { stdout, stderr }
    }

    /// The document after its script ran, and what the page logged.
    fn dom(&self, url: &str) -> Run {
        let run = self.run(url, &["--dump-dom".into()]);
        assert!(run.stdout.contains("</html>"), "no document from {url}:\n{}", run.stderr);
        run
    }

    /// A screenshot of `url` in a 1400×1000 window. On a busy machine Chromium sometimes
    /// leaves an empty file: then it is asked again, up to three times.
    fn screenshot(&self, url: &str, png: &Path) {
        let mut stderr = String::new();
        for _ in 0..3 {
            let _ = std::fs::remove_file(png);
            let run = self.run(
                url,
                &["--window-size=1400,1000".into(), format!("--screenshot={}", png.display())],
            );
            let written = std::fs::read(png).unwrap_or_default();
            if written.starts_with(b"\x89PNG") {
                return;
            }
            stderr = run.stderr;
        }
        panic!("no screenshot of {url}:\n{stderr}");
    }
}

/// The flags every Chromium run takes: headless, a fresh profile, and the network features
/// that would reach out turned off.
const CHROMIUM_FLAGS: [&str; 12] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
];

/// One page of a Chromium driven over the DevTools protocol, through the pipe that
/// `--remote-debugging-pipe` opens: Chromium reads commands on its fd 3 and writes replies
/// and events on its fd 4, each a JSON message ended by a NUL byte. A shell puts the child's
/// standard input and output on those descriptors.
struct Page {
    child: std::process::Child,
    to: std::process::ChildStdin,
    from: std::sync::mpsc::Receiver<serde_json::Value>,
    session: Option<String>,
    next: u64,
    /// Every event received, for the checks of what the page logged.
    events: Vec<serde_json::Value>,
    profile: PathBuf,
}

impl Page {
    /// Opens `url` in a 1400×1000 page and waits until its script says it is ready.
    fn open(browser: &Browser, url: &str) -> Page {
        let profile = browser.profile.join(format!("cdp{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 </dev/null >&2"#)
            .arg(&browser.exe)
            .args(CHROMIUM_FLAGS)
            .arg("--remote-debugging-pipe")
            .arg("--window-size=1400,1000")
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("sh -c {}: {e}", browser.exe.display()));
        let to = child.stdin.take().expect("fd 3");
        let mut out = child.stdout.take().expect("fd 4");
        let (send, from) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut pending = Vec::new();
            let mut buf = [0u8; 1 << 16];
            while let Ok(n @ 1..) = out.read(&mut buf) {
                pending.extend_from_slice(&buf[..n]);
                while let Some(end) = pending.iter().position(|&b| b == 0) {
                    let message: Vec<u8> = pending.drain(..=end).collect();
                    if let Ok(value) = serde_json::from_slice(&message[..end]) {
                        if send.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        let mut page =
            Page { child, to, from, session: None, next: 0, events: Vec::new(), profile };
        let target = page.call("Target.createTarget", serde_json::json!({ "url": "about:blank" }));
        let target = target["targetId"].clone();
        let attached = page.call(
            "Target.attachToTarget",
            serde_json::json!({ "targetId": target, "flatten": true }),
        );
        page.session = attached["sessionId"].as_str().map(str::to_owned);
        assert!(page.session.is_some(), "no session: {attached}");
        for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
            page.call(domain, serde_json::json!({}));
        }
        page.call("Page.navigate", serde_json::json!({ "url": url }));
        // Until the navigation commits, the blank page's document is still there (or none).
        page.wait_for(&format!(
            "location.href === {} && !!document.documentElement \
             && document.documentElement.dataset.ready === '1'",
            serde_json::to_string(url).expect("a string")
        ));
        page
    }

    /// Sends one command (to the page once attached) and returns its result.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next += 1;
        let id = self.next;
        let mut message = serde_json::json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = serde_json::Value::String(session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).expect("a command");
        bytes.push(0);
        self.to.write_all(&bytes).and_then(|()| self.to.flush()).expect("write to Chromium");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no reply to {method} from Chromium: {e}"));
            if reply["id"].as_u64() == Some(id) {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// The value of a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Waits (at most 30 s) until `expression` is true in the page.
    fn wait_for(&mut self, expression: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.eval(expression) != serde_json::Value::Bool(true) {
            assert!(Instant::now() < deadline, "the page never made {expression} true");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A left click where a person would make it: the mouse moved to the middle of the
    /// element `selector` (scrolled into view), pressed and released there.
    fn click(&mut self, selector: &str) {
        let quoted = serde_json::to_string(selector).expect("a string");
        // The middle of the element, once it is in view and nothing lies over it there.
        let find = format!(
            "(function(){{var e=document.querySelector({quoted});if(!e)return null;\
             var r=e.getBoundingClientRect();\
             if(r.top<60||r.bottom>innerHeight){{e.scrollIntoView({{block:'center'}});return false;}}\
             var x=r.left+r.width/2,y=r.top+r.height/2,hit=document.elementFromPoint(x,y);\
             return r.width>0&&r.height>0&&!!hit&&(e===hit||e.contains(hit))?[x,y]:false;}})()"
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        let at = loop {
            let at = self.eval(&find);
            assert!(!at.is_null(), "no element {selector} to click");
            if at.is_array() {
                break at;
            }
            assert!(Instant::now() < deadline, "{selector} never came into view to be clicked");
            std::thread::sleep(Duration::from_millis(50));
        };
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            panic!("{selector}: {at}")
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                serde_json::json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    /// Types `text` where the focus is, as a keyboard (and input method) would.
    fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", serde_json::json!({ "text": text }));
    }

    /// The document as it is now.
    fn dom(&mut self) -> String {
        let html = self.eval("document.documentElement.outerHTML");
        html.as_str().expect("the document's HTML").to_owned()
    }

    /// What the page logged: console calls, uncaught exceptions, and errors of the browser's
    /// log (a blocked or failed request among them).
    fn logged(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| match e["method"].as_str() {
                Some("Runtime.consoleAPICalled" | "Runtime.exceptionThrown") => true,
                Some("Log.entryAdded") => e["params"]["entry"]["level"] != "verbose",
                _ => false,
            })
            .map(ToString::to_string)
            .collect()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.session = None;
        let _ = self.call_quietly("Browser.close");
        let deadline = Instant::now() + Duration::from_secs(10);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Page {
    /// Sends a command without waiting for its reply (closing the browser answers late or
    /// not at all).
    fn call_quietly(&mut self, method: &str) -> std::io::Result<()> {
        self.next += 1;
        let message = serde_json::json!({ "id": self.next, "method": method, "params": {} });
        let mut bytes = serde_json::to_vec(&message).map_err(std::io::Error::other)?;
        bytes.push(0);
        self.to.write_all(&bytes)
    }
}

/// The rows of a dumped plan report that are shown, by their data row.
fn shown_rows(dom: &str) -> Vec<usize> {
    item_rows(dom)
        .iter()
        .filter(|(tag, _)| !tag.contains("hidden"))
        .map(|(tag, _)| {
            let row = tag.split("data-row=\"").nth(1).and_then(|s| s.split('"').next());
            row.and_then(|r| r.parse().ok()).expect("data-row")
        })
        .collect()
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).expect("absolute path");
    let mut url = String::from("file://");
    for c in abs.to_string_lossy().chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => url.push(c),
            _ => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    url.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    url
}

/// What the page reported about itself, and what the browser logged from it.
fn html_tag(dom: &str) -> &str {
    let start = dom.find("<html").unwrap_or(0);
    dom[start..].split('>').next().unwrap_or_default()
}

fn assert_clean(run: &Run, what: &str) {
    let html_tag = html_tag(&run.stdout);
    assert!(
        html_tag.contains("data-ready=\"1\""),
        "{what}: the page did not finish loading: {html_tag}"
    );
    assert!(html_tag.contains("data-errors=\"0\""), "{what}: script errors: {html_tag}");
    assert!(html_tag.contains("data-requests=\"0\""), "{what}: the page made requests: {html_tag}");
    let console: Vec<&str> = run.stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "{what}: the console logged:\n{}", console.join("\n"));
}

/// The text of an HTML fragment, tags left out.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
}

/// The item rows of a dumped plan report: (the opening tag, the rest up to the next item).
fn item_rows(dom: &str) -> Vec<(&str, &str)> {
    dom.split("<div class=\"item\"")
        .skip(1)
        .map(|chunk| {
            let end = chunk.find('>').unwrap_or(chunk.len());
            (&chunk[..end], &chunk[end..])
        })
        .collect()
}

/// A PNG's pixels decoded (8-bit RGB or RGBA, not interlaced), to tell a page from a blank.
fn png_pixels(bytes: &[u8]) -> (u32, u32, usize, Vec<u8>) {
    assert_eq!(bytes.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]), "a PNG file");
    let mut at = 8;
    let (mut width, mut height, mut channels) = (0u32, 0u32, 0usize);
    let mut idat = Vec::new();
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("length")) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().expect("width"));
                height = u32::from_be_bytes(data[4..8].try_into().expect("height"));
                assert_eq!(data[8], 8, "8-bit channels");
                channels = match data[9] {
                    2 => 3,
                    6 => 4,
                    other => panic!("PNG color type {other}"),
                };
                assert_eq!(data[12], 0, "not interlaced");
            }
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..]).read_to_end(&mut raw).expect("PNG data inflates");
    let stride = width as usize * channels;
    let mut pixels = vec![0u8; stride * height as usize];
    for y in 0..height as usize {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let (filter, src) = (line[0], &line[1..]);
        for x in 0..stride {
            let a = if x >= channels { pixels[y * stride + x - channels] } else { 0 };
            let b = if y > 0 { pixels[(y - 1) * stride + x] } else { 0 };
            let c =
                if y > 0 && x >= channels { pixels[(y - 1) * stride + x - channels] } else { 0 };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("PNG filter {other}"),
            };
            pixels[y * stride + x] = src[x].wrapping_add(predicted);
        }
    }
    (width, height, channels, pixels)
}

/// The screenshot shows a page: many colors, and a good share of pixels unlike the background.
fn assert_not_blank(png: &Path) {
    let bytes = std::fs::read(png).expect("screenshot");
    let (w, h, channels, pixels) = png_pixels(&bytes);
    assert!(w >= 800 && h >= 600, "{}: {w}×{h}", png.display());
    let background = &pixels[..3];
    let mut colors = std::collections::HashSet::new();
    let mut differing = 0usize;
    for px in pixels.chunks(channels) {
        colors.insert([px[0], px[1], px[2]]);
        if px[..3] != *background {
            differing += 1;
        }
    }
    let share = differing as f64 / (f64::from(w) * f64::from(h));
    assert!(colors.len() > 50, "{}: only {} colors: blank?", png.display(), colors.len());
    assert!(share > 0.03, "{}: only {:.1}% of pixels drawn: blank?", png.display(), share * 100.0);
}

#[test]
fn reports_render_in_chromium() {
    let Some(exe) = find_chromium() else {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "CI is set but Chromium is missing: .ci/run installs it (apt-get install chromium)"
        );
        eprintln!("SKIPPED reports_render_in_chromium: no chromium on PATH (set TAIZHANG_CHROMIUM, or install it)");
        return;
    };
    let dir = shots_dir();
    let browser =
        Browser { exe, profile: Path::new(env!("CARGO_TARGET_TMPDIR")).join("chromium-profiles") };
    let parser = Parser::new();

    // ---- The seed plan's report ----
    let seed = load(&parser, "seed/plan-2020.txt");
    let check = taizhang_check::check_in(&seed, Lang::Zh);
    let page = dir.join("plan-2020.html");
    std::fs::write(&page, taizhang_report::plan::html(&seed, &check, Lang::Zh))
        .expect("write page");
    let url = file_url(&page);

    let run = browser.dom(&url);
    assert_clean(&run, "plan report");
    let rows = item_rows(&run.stdout);
    assert_eq!(rows.len(), seed.items.len(), "one row per item");
    assert_eq!(rows.len(), 111);
    assert!(rows.iter().all(|(tag, _)| !tag.contains("hidden")), "every item shown at first");

    // The 轨道交通1号线 item: its Q4 bar carries the running total.
    let metro: Vec<&(&str, &str)> = rows
        .iter()
        .filter(|(_, rest)| {
            rest.split("<dt>工作目标</dt><dd>").nth(1).is_some_and(|goal| {
                goal.split("</dd>").next().is_some_and(|g| g.contains("轨道交通1号线"))
            })
        })
        .collect();
    assert_eq!(metro.len(), 1, "one item has 轨道交通1号线 as its goal");
    let q4: Vec<String> = metro[0]
        .1
        .split("<div class=\"bar")
        .skip(1)
        .filter(|b| b.contains("data-from=\"4\" data-to=\"4\""))
        .map(|b| text_of(&format!("<{}", b.split("</div>").next().unwrap_or_default())))
        .collect();
    assert_eq!(q4.len(), 1, "one Q4 bar: {q4:?}");
    assert!(q4[0].contains("累计完成投资26.1亿元"), "the Q4 bar reads {:?}", q4[0]);

    // A click on a unit's bar in the workload chart filters the timeline to exactly the
    // items it leads or supports; a second click shows them all again.
    let unit = "交通运输局";
    let expected: Vec<usize> = seed
        .items
        .iter()
        .filter(|i| i.lead.iter().chain(&i.support).any(|u| u == unit))
        .map(|i| i.row)
        .collect();
    assert!(!expected.is_empty());
    let mut page = Page::open(&browser, &url);
    let bar = format!(".wl-row[data-unit=\"{unit}\"] rect.r-led");
    page.click(&bar);
    page.wait_for(&format!("document.documentElement.dataset.shown === '{}'", expected.len()));
    let dom = page.dom();
    assert_eq!(item_rows(&dom).len(), 111);
    assert_eq!(shown_rows(&dom), expected, "the rows left by a click on the {unit} bar");
    for (tag, _) in item_rows(&dom).iter().filter(|(tag, _)| !tag.contains("hidden")) {
        assert!(tag.contains(&format!("|{unit}|")), "a shown row without {unit}: {tag}");
    }
    let selected = page.eval(&format!(
        "document.querySelector('.wl-row[data-unit=\"{unit}\"]').classList.contains('on')"
    ));
    assert_eq!(selected, serde_json::Value::Bool(true), "the clicked bar is marked");
    page.click(&bar);
    page.wait_for("document.documentElement.dataset.shown === '111'");

    // Typing into the search box leaves the items whose text holds what was typed.
    let needle = "轨道交通1号线";
    page.click("#f-search");
    page.type_text(needle);
    page.wait_for("document.documentElement.dataset.shown !== '111'");
    let dom = page.dom();
    let rows = item_rows(&dom);
    let shown: Vec<&(&str, &str)> =
        rows.iter().filter(|(tag, _)| !tag.contains("hidden")).collect();
    assert!(!shown.is_empty() && shown.len() < 111, "{} rows shown", shown.len());
    for (tag, rest) in &shown {
        assert!(rest.contains(needle), "a shown row without {needle}: {tag}");
    }
    let hidden_with_needle =
        rows.iter().filter(|(tag, rest)| tag.contains("hidden") && rest.contains(needle)).count();
    assert_eq!(hidden_with_needle, 0, "rows holding {needle} were hidden");
    let metro_row = metro[0].0.split("data-row=\"").nth(1).and_then(|s| s.split('"').next());
    assert!(
        shown
            .iter()
            .any(|(tag, _)| tag.contains(&format!("data-row=\"{}\"", metro_row.unwrap_or("?")))),
        "the 轨道交通1号线 item is shown"
    );
    assert_clean(&Run { stdout: dom, stderr: String::new() }, "plan report, clicked and searched");
    let logged = page.logged();
    assert!(logged.is_empty(), "the page logged:\n{}", logged.join("\n"));
    drop(page);

    let png = dir.join("plan-2020.png");
    browser.screenshot(&url, &png);
    assert_not_blank(&png);

    // ---- The revision report ----
    let v1 = load(&parser, "revision/plan-2020-v1.txt");
    let v2 = load(&parser, "revision/plan-2020-v2.txt");
    let d = taizhang_diff::diff(&v1, &v2);
    let page = dir.join("revision-v1-v2.html");
    std::fs::write(&page, taizhang_report::diff::html(&d, &v1, &v2, Lang::Zh)).expect("write page");
    let url = file_url(&page);
    let run = browser.dom(&url);
    assert_clean(&run, "revision report");
    let changes: Vec<&str> = run.stdout.split("<section class=\"change").skip(1).collect();
    assert_eq!(changes.len(), 12, "the 12 changes of fixtures/revision/CHANGES.md");
    // Every edit listed in changes.json is one of them, found by its rows.
    let list: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("revision/changes.json")).expect("changes.json"),
    )
    .expect("changes.json parses");
    let edits = list["edits"].as_array().expect("edits");
    for edit in edits {
        let anchors: Vec<String> = [("v1_row", 'o'), ("v2_row", 'n')]
            .iter()
            .filter_map(|(key, side)| edit[key].as_u64().map(|r| format!("id=\"{side}{r}\"")))
            .chain([("v1_row", 'o'), ("v2_row", 'n')].iter().filter_map(|(key, side)| {
                edit["swapped_with"][key].as_u64().map(|r| format!("id=\"{side}{r}\""))
            }))
            .collect();
        let found = changes.iter().find(|c| anchors.iter().any(|a| c.contains(a.as_str())));
        let change = found.unwrap_or_else(|| panic!("no change shows edit {edit}"));
        if let Some(after) = edit["fragment_after"].as_str() {
            assert!(
                change.contains("<ins>")
                    || change.contains("<del>")
                    || change.contains("class=\"q "),
                "edit {} is shown without highlighting: {after}",
                edit["edit"]
            );
        }
    }
    assert!(run.stdout.contains("id=\"summary\""), "a summary on top");
    let png = dir.join("revision-v1-v2.png");
    browser.screenshot(&url, &png);
    assert_not_blank(&png);
}
