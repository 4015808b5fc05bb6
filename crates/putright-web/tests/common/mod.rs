//! What the web suites share: a server on port 0 over a fresh store, and a small browser that
//! speaks plain HTTP/1.1 over a socket, keeps its cookies and reads a page's form token.

#![allow(dead_code, reason = "each suite uses a different part of the helpers")]

use std::collections::BTreeMap;
use std::sync::Arc;

use putright_app::App;
use putright_app::clock::FixedClock;
use putright_app::config::{Config, Inputs};

/// One response: the status code, the headers (names in lower case) and the body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn headers(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Where a redirect sends the browser.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// The form token in the page (the first form's).
    pub fn form_token(&self) -> String {
        let text = self.text();
        let marker = "name=\"form_token\" value=\"";
        let start = text
            .find(marker)
            .unwrap_or_else(|| panic!("no form token in {text}"))
            + marker.len();
        let end = start + text[start..].find('"').unwrap();
        text[start..end].to_owned()
    }
}

/// A server over a store in a temporary directory, with the demo's users.
pub struct Server {
    pub dir: tempfile::TempDir,
    pub address: String,
    pub app: App,
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(&[]).await
    }

    /// A server whose configuration also has these environment variables.
    pub async fn start_with(env: &[(&str, &str)]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap().to_string();
        // The address residents' emails link to.
        let mut vars = vec![(
            "PUTRIGHT_PUBLIC_URL".to_owned(),
            format!("http://{address}"),
        )];
        vars.extend(env.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())));
        let config = Config::load(&Inputs {
            data_dir: Some(dir.path().join("data")),
            env: vars,
            ..Inputs::default()
        })
        .unwrap();
        let app = App::open(
            &config,
            Arc::new(FixedClock::at("2025-06-30T12:00:00Z".parse().unwrap())),
        )
        .await
        .unwrap();
        app.demo_users().await.unwrap();
        tokio::spawn(putright_web::serve(
            listener,
            app.clone(),
            std::future::pending(),
        ));
        Server { dir, address, app }
    }

    /// A server whose store holds the cases of a CSV file in the import format.
    pub async fn with_cases(csv: &str) -> Server {
        let server = Server::start().await;
        let file = server.dir.path().join("cases.csv");
        std::fs::write(&file, csv).unwrap();
        server
            .app
            .import_cases(
                &file,
                &putright_app::import::ImportOptions::default(),
                &putright_app::import::NoProgress,
            )
            .await
            .unwrap();
        server
    }

    /// A browser with no cookies yet.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            cookies: BTreeMap::new(),
        }
    }

    /// A browser signed in as `username` with `password`.
    pub async fn signed_in(&self, username: &str, password: &str) -> Browser {
        let mut browser = self.browser();
        let reply = browser.sign_in(username, password).await;
        assert_eq!(
            reply.status,
            303,
            "signing in as {username}: {}",
            reply.text()
        );
        browser
    }
}

/// A browser: an address and the cookies the server has set.
pub struct Browser {
    pub address: String,
    pub cookies: BTreeMap<String, String>,
}

impl Browser {
    pub async fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, None, &[]).await
    }

    /// Posts a form (the pairs are encoded here).
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Reply {
        let body = encode(form);
        self.send("POST", path, Some(&body), &[]).await
    }

    /// Signs in through the page, as a person would: the form, then the post.
    pub async fn sign_in(&mut self, username: &str, password: &str) -> Reply {
        let page = self.get("/sign-in").await;
        let token = page.form_token();
        self.post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("next", ""),
                ("username", username),
                ("password", password),
            ],
        )
        .await
    }

    /// The form token of the page at `path`.
    pub async fn token_of(&mut self, path: &str) -> String {
        self.get(path).await.form_token()
    }

    /// Posts a form as a browser sends one with a file in it (multipart): the text fields,
    /// then the file under `file_field`.
    pub async fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_field: &str,
        file_name: &str,
        content: &[u8],
    ) -> Reply {
        let boundary = "----putright-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let kind = format!("multipart/form-data; boundary={boundary}");
        self.request("POST", path, Some((&kind, &body)), &[]).await
    }

    /// One request with a form body, or none.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&str>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let kind = "application/x-www-form-urlencoded";
        let body = body.map(|b| (kind, b.as_bytes()));
        self.request(method, path, body, extra).await
    }

    /// One request over a plain socket, on a blocking thread while the server runs.
    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<(&str, &[u8])>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.address
        );
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", jar.join("; ")));
        }
        for (name, value) in extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let mut bytes = Vec::new();
        if let Some((kind, body)) = body {
            head.push_str(&format!("Content-Type: {kind}\r\n"));
            head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            bytes.extend_from_slice(head.as_bytes());
            bytes.extend_from_slice(body);
        } else {
            head.push_str("\r\n");
            bytes.extend_from_slice(head.as_bytes());
        }
        let reply = raw_bytes(&self.address, bytes).await;
        for set in reply.headers("set-cookie") {
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || set.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        reply
    }
}

/// Sends a raw request and reads the whole response.
pub async fn raw_request(address: &str, head: String) -> Reply {
    raw_bytes(address, head.into_bytes()).await
}

/// Sends raw bytes and reads the whole response.
pub async fn raw_bytes(address: &str, request: Vec<u8>) -> Reply {
    use std::io::{Read, Write};
    let address = address.to_owned();
    let raw = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        stream.write_all(&request).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        raw
    })
    .await
    .unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response has a head");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked");
    let body = raw[split + 4..].to_vec();
    Reply {
        status,
        headers,
        body: if chunked { unchunked(&body) } else { body },
    }
}

/// A body sent in chunks (a streamed response), put back together.
fn unchunked(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&raw[..end]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
    body
}

/// A form's pairs, URL-encoded.
pub fn encode(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(n, v)| format!("{}={}", escape(n), escape(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn escape(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
