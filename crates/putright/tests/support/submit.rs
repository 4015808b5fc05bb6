//! Online complaints sent to a real `putright serve` over loopback, as many browsers would:
//! the forms answered beforehand through the service (each a token, as a browser's cookie
//! holds), then only the final post that creates the case, from many clients at once, each on
//! a kept-alive connection. Shared by the fault test (`tests/faults.rs`) and the benchmark
//! (`examples/bench_submit.rs`).

#![allow(dead_code, reason = "the test and the benchmark each use a part")]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use putright_app::App;
use putright_app::resident::{FormKind, ResidentToken};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A `putright serve` process.
pub struct Served {
    child: Child,
    /// Its address, `127.0.0.1:PORT`.
    pub address: String,
}

impl Served {
    /// Starts `bin serve` on a free port over the data directory (and PostgreSQL database, if
    /// given), with the public forms' rate limit raised for the load.
    pub fn start(bin: &Path, data_dir: &Path, database_url: Option<&str>) -> Served {
        let mut command = Command::new(bin);
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env("PUTRIGHT_RATE_LIMIT_SUBMIT", "100000000")
            .env_remove("DATABASE_URL")
            .env_remove("PUTRIGHT_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(url) = database_url {
            command.args(["--database-url", url]);
        }
        let mut child = command.spawn().expect("putright serve starts");
        let stdout = child.stdout.take().expect("its output");
        let mut address = None;
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("a line");
            if let Some(rest) = line.strip_prefix("putright is serving at http://") {
                address = Some(rest.split('/').next().unwrap_or_default().to_owned());
                break;
            }
        }
        Served {
            child,
            address: address.expect("putright serve says where it serves"),
        }
    }

    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory now and at its peak, in MiB, from /proc.
    pub fn memory_mib(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// Kills it at once with SIGKILL, as a power cut or the kernel's OOM killer would.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A complaint's answers, every page answered.
pub fn answers(n: usize) -> BTreeMap<String, String> {
    [
        (
            "what",
            format!("The boiler in flat {n} has not worked for three weeks."),
        ),
        ("outcome", "Fix it and refund the heaters.".to_owned()),
        ("someone", "no".to_owned()),
        ("name", format!("Resident {n}")),
        ("address_line_1", format!("{n} Fern Hill")),
        ("postcode", "ZZ9 9ZZ".to_owned()),
        ("tenure", "tenant".to_owned()),
        ("preference", "email".to_owned()),
        ("email", format!("resident{n}@example.com")),
        ("adjustments", "no".to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// `n` forms answered and ready to send, numbered from `first`.
pub async fn prepare(app: &App, first: usize, n: usize) -> Vec<ResidentToken> {
    let mut tokens = Vec::with_capacity(n);
    for i in first..first + n {
        let token = ResidentToken::new().expect("a token");
        app.keep_answers(&token, FormKind::Complaint, &answers(i))
            .await
            .expect("the answers kept");
        tokens.push(token);
    }
    tokens
}

/// One client's kept-alive connection.
struct Client {
    address: String,
    stream: Option<tokio::io::BufReader<TcpStream>>,
}

impl Client {
    /// Posts the form's final page; the status code, or an error if the server is gone.
    async fn send(&mut self, token: &ResidentToken) -> std::io::Result<u16> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.address).await?;
            stream.set_nodelay(true)?;
            self.stream = Some(tokio::io::BufReader::new(stream));
        }
        let stream = self.stream.as_mut().expect("connected");
        let body = format!("form_token={}", token.form_token());
        let request = format!(
            "POST /complain/check HTTP/1.1\r\nHost: {}\r\nCookie: putright_resident={}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            token.as_str(),
            body.len()
        );
        let result = async {
            stream.get_mut().write_all(request.as_bytes()).await?;
            let mut status = 0;
            let mut length = 0usize;
            let mut line = String::new();
            loop {
                line.clear();
                if stream.read_line(&mut line).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                let trimmed = line.trim_end();
                if trimmed.is_empty() {
                    break;
                }
                if status == 0 {
                    status = trimmed
                        .split(' ')
                        .nth(1)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0);
                } else if let Some((name, value)) = trimmed.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            stream.read_exact(&mut body).await?;
            Ok(status)
        }
        .await;
        if result.is_err() {
            self.stream = None;
        }
        result
    }
}

/// What a load run saw.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The forms the server confirmed (answered 303 to the confirmation page), with how long
    /// each took.
    pub confirmed: Vec<(ResidentToken, Duration)>,
    /// The forms it did not confirm: refused, or the server was gone.
    pub unconfirmed: Vec<ResidentToken>,
    /// From the first post to the last answer.
    pub wall: Duration,
}

impl Outcome {
    /// The latency below which `q` of the confirmed posts answered (0.5 for the median).
    pub fn quantile(&self, q: f64) -> Duration {
        let mut times: Vec<Duration> = self.confirmed.iter().map(|(_, d)| *d).collect();
        times.sort();
        if times.is_empty() {
            return Duration::ZERO;
        }
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times[i]
    }

    /// Confirmed posts per second of the run.
    pub fn per_second(&self) -> f64 {
        self.confirmed.len() as f64 / self.wall.as_secs_f64().max(f64::EPSILON)
    }
}

/// Sends every form from `clients` clients at once; a client stops once the server is gone.
pub async fn load(address: &str, tokens: Vec<ResidentToken>, clients: usize) -> Outcome {
    let queue = std::sync::Arc::new(std::sync::Mutex::new(tokens));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let queue = queue.clone();
        let address = address.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut client = Client {
                address,
                stream: None,
            };
            let mut outcome = Outcome::default();
            let mut gone = false;
            loop {
                let Some(token) = queue.lock().expect("the queue").pop() else {
                    break;
                };
                if gone {
                    outcome.unconfirmed.push(token);
                    continue;
                }
                let began = Instant::now();
                match client.send(&token).await {
                    Ok(303) => outcome.confirmed.push((token, began.elapsed())),
                    Ok(_) => outcome.unconfirmed.push(token),
                    Err(_) => {
                        gone = true;
                        outcome.unconfirmed.push(token);
                    }
                }
            }
            outcome
        }));
    }
    let mut all = Outcome::default();
    for task in tasks {
        let part = task.await.expect("a client");
        all.confirmed.extend(part.confirmed);
        all.unconfirmed.extend(part.unconfirmed);
    }
    all.wall = start.elapsed();
    all
}

/// Checks the store after a crash: every confirmed form has its case; then every form is sent
/// again (a browser's retry), and each is one case, none twice. Returns the number of cases.
pub async fn verify(app: &App, address: &str, outcome: Outcome, expected_cases: i64) -> i64 {
    for (token, _) in &outcome.confirmed {
        let answered = app
            .answered(token)
            .await
            .expect("the store")
            .expect("the form");
        assert!(
            answered.reference.is_some(),
            "a confirmed form has its case"
        );
    }
    let all: Vec<ResidentToken> = outcome
        .confirmed
        .iter()
        .map(|(t, _)| t.clone())
        .chain(outcome.unconfirmed.iter().cloned())
        .collect();
    let mut before = BTreeMap::new();
    for token in &outcome.confirmed {
        let reference = app.answered(&token.0).await.unwrap().unwrap().reference;
        before.insert(token.0.as_str().to_owned(), reference);
    }
    let again = load(address, all.clone(), 8).await;
    assert!(
        again.unconfirmed.is_empty(),
        "every form is confirmed when sent again"
    );
    let mut references = std::collections::BTreeSet::new();
    for token in &all {
        let reference = app
            .answered(token)
            .await
            .unwrap()
            .unwrap()
            .reference
            .expect("sent");
        if let Some(first) = before.get(token.as_str()) {
            assert_eq!(
                first.as_ref(),
                Some(&reference),
                "a confirmed form keeps its case"
            );
        }
        assert!(
            references.insert(reference),
            "one case per form, none twice"
        );
    }
    let cases = app.status().await.expect("the store").summary.cases;
    assert_eq!(
        cases, expected_cases,
        "no case without its form, and none twice"
    );
    cases
}
