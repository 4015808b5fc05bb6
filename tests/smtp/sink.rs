//! The loopback SMTP server of `sink.py`, started and stopped from a test, and what it
//! received, read back. Shared by the test suites that send mail.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A message as the server received it.
#[derive(Debug, Clone, serde::Deserialize)]
#[allow(dead_code, reason = "each suite reads the parts it checks")]
pub struct Received {
    pub to: Vec<String>,
    pub from: String,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub attachments: Vec<Attachment>,
}

/// A file attached to a message.
#[derive(Debug, Clone, serde::Deserialize)]
#[allow(dead_code, reason = "each suite reads the parts it checks")]
pub struct Attachment {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub media_type: String,
    pub size: u64,
    pub starts: String,
}

/// The server, while it runs, and the folder it writes to.
pub struct Sink {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[allow(dead_code, reason = "each suite uses the parts it needs")]
impl Sink {
    /// A server on a free port writing into `dir`, not yet started.
    pub fn new(dir: &Path) -> Sink {
        Sink {
            port: free_port(),
            dir: dir.to_owned(),
            child: None,
        }
    }

    /// Starts it, and waits until it listens.
    pub fn start(&mut self) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/smtp/sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP server (the test command installs aiosmtpd)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("its output");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("it starts");
        assert_eq!(line.trim(), "listening", "the SMTP server did not start");
        self.child = Some(child);
    }

    /// Stops it, as a mail server outage does.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The URL putright sends through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .filter(|p| {
                        !p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                    })
                    .map(|p| {
                        (
                            p.metadata()
                                .and_then(|m| m.modified())
                                .unwrap_or(std::time::UNIX_EPOCH),
                            p,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .map(|(_, p)| {
                let text = std::fs::read_to_string(&p).expect("a message file");
                let mut message: Received = serde_json::from_str(&text).expect("a message as JSON");
                // Mail travels with CRLF line endings and the transfer encoding may add a line at
                // the end; the tests read the text as it was written, ending in one newline.
                message.text = format!("{}\n", message.text.replace("\r\n", "\n").trim_end());
                message
            })
            .collect()
    }

    /// Waits up to `seconds` for at least `n` messages, and returns what arrived.
    pub fn wait_for(&self, n: usize, seconds: u64) -> Vec<Received> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            let received = self.received();
            if received.len() >= n || std::time::Instant::now() > until {
                return received;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}
