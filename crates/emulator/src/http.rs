//! A small HTTP/1.1 server on std threads (one per connection), plain or TLS (rustls).
//!
//! Hand-rolled rather than hyper because fault injection needs byte-level control over what goes
//! on the wire: a TCP reset instead of a response, a body cut off mid-way, a Content-Length that
//! lies. Keep-alive, `Expect: 100-continue` and chunked request bodies (skopeo POSTs chunked) are
//! supported; responses always carry a Content-Length.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::Duration;

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 4 * 1024 * 1024;
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub peer: SocketAddr,
    /// Whether the body arrived with `Transfer-Encoding: chunked`.
    pub chunked: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is_form(&self) -> bool {
        self.header("content-type")
            .map(|c| {
                c.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            })
            .unwrap_or(false)
    }

    /// The form fields of a urlencoded body (empty for other bodies).
    pub fn form(&self) -> Vec<(String, String)> {
        if self.is_form() {
            crate::util::parse_pairs(&self.body)
        } else {
            Vec::new()
        }
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        Response::new(status)
            .with_header("Content-Type", "application/json; charset=utf-8")
            .with_body(serde_json::to_vec(value).expect("json"))
    }

    pub fn text(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response::new(status)
            .with_header("Content-Type", content_type)
            .with_body(body.into())
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn with_body(mut self, body: Vec<u8>) -> Self {
        self.body = body;
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value.into()));
    }
}

/// What the connection does with a handled request.
#[derive(Debug)]
pub enum Outcome {
    Respond(Response),
    /// Abortive close (RST): the client sees ECONNRESET.
    Reset,
    /// Orderly close without any response bytes (the client sees "socket hang up"/EOF).
    Close,
    /// Headers with the full Content-Length, half the body, then the connection closes.
    CloseMidBody(Response),
}

pub type Handler = Arc<dyn Fn(&Request) -> Outcome + Send + Sync>;

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => &s.sock,
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// Accepts connections forever on its own thread.
pub fn serve(listener: TcpListener, tls: Option<Arc<rustls::ServerConfig>>, handler: Handler) {
    std::thread::Builder::new()
        .name("accept".into())
        .spawn(move || {
            for conn in listener.incoming() {
                let Ok(tcp) = conn else { continue };
                let tls = tls.clone();
                let handler = handler.clone();
                let _ = std::thread::Builder::new()
                    .stack_size(256 * 1024)
                    .spawn(move || {
                        let _ = tcp.set_nodelay(true);
                        let _ = tcp.set_read_timeout(Some(IDLE_TIMEOUT));
                        let Ok(peer) = tcp.peer_addr() else { return };
                        let stream = match tls {
                            Some(cfg) => match rustls::ServerConnection::new(cfg) {
                                Ok(sc) => Stream::Tls(Box::new(rustls::StreamOwned::new(sc, tcp))),
                                Err(_) => return,
                            },
                            None => Stream::Plain(tcp),
                        };
                        connection(stream, peer, &handler);
                    });
            }
        })
        .expect("spawn accept thread");
}

fn connection(mut stream: Stream, peer: SocketAddr, handler: &Handler) {
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    loop {
        let req = match read_request(&mut stream, &mut buf, peer) {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(ReadError::Bad(msg)) => {
                let resp = Response::text(400, "text/plain; charset=utf-8", msg);
                let _ = write_response(&mut stream, &resp, false, None);
                break;
            }
            Err(ReadError::Io) => return,
        };
        let keep_alive = wants_keep_alive(&req);
        match handler(&req) {
            Outcome::Respond(resp) => {
                if write_response(&mut stream, &resp, keep_alive, None).is_err() {
                    return;
                }
                if !keep_alive {
                    break;
                }
            }
            Outcome::Reset => {
                reset(stream.tcp());
                return;
            }
            Outcome::Close => {
                let _ = stream.tcp().shutdown(Shutdown::Both);
                return;
            }
            Outcome::CloseMidBody(resp) => {
                let cut = resp.body.len() / 2;
                let _ = write_response(&mut stream, &resp, true, Some(cut));
                let _ = stream.tcp().shutdown(Shutdown::Both);
                return;
            }
        }
    }
    if let Stream::Tls(s) = &mut stream {
        s.conn.send_close_notify();
        let _ = s.flush();
    }
    let _ = stream.tcp().shutdown(Shutdown::Both);
}

fn wants_keep_alive(req: &Request) -> bool {
    let conn = req
        .header("connection")
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    if conn.contains("close") {
        return false;
    }
    // httparse reports HTTP/1.0 as version 0; we stored it in a pseudo header.
    if req.header(":version") == Some("1.0") {
        return conn.contains("keep-alive");
    }
    true
}

/// SO_LINGER with a zero timeout makes close() send RST instead of FIN.
fn reset(tcp: &TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: valid fd owned by `tcp`, pointer to a properly sized linger struct.
    unsafe {
        libc::setsockopt(
            tcp.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &linger as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
    // Dropping the stream (by the caller returning) closes the fd; with linger 0 that is an RST.
}

enum ReadError {
    Io,
    Bad(&'static str),
}

fn fill(stream: &mut Stream, buf: &mut Vec<u8>) -> Result<usize, ReadError> {
    let mut chunk = [0u8; 16 * 1024];
    match stream.read(&mut chunk) {
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(n)
        }
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(1),
        Err(_) => Err(ReadError::Io),
    }
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

fn read_request(
    stream: &mut Stream,
    buf: &mut Vec<u8>,
    peer: SocketAddr,
) -> Result<Option<Request>, ReadError> {
    let head_end = loop {
        if let Some(end) = find_head_end(buf) {
            break end;
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Bad("request head too large"));
        }
        if fill(stream, buf)? == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(ReadError::Io)
            };
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; 96];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&buf[..head_end]) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(ReadError::Bad("malformed request head")),
    }
    let method = parsed.method.unwrap_or("").to_string();
    let target = parsed.path.unwrap_or("/").to_string();
    let version = parsed.version.unwrap_or(1);
    let mut hdrs: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_ascii_lowercase(),
                String::from_utf8_lossy(h.value).trim().to_string(),
            )
        })
        .collect();
    if version == 0 {
        hdrs.push((":version".into(), "1.0".into()));
    }
    buf.drain(..head_end);

    let te = hdrs
        .iter()
        .find(|(k, _)| k == "transfer-encoding")
        .map(|(_, v)| v.to_ascii_lowercase());
    let chunked = te.map(|t| t.contains("chunked")).unwrap_or(false);
    let content_length = hdrs
        .iter()
        .find(|(k, _)| k == "content-length")
        .map(|(_, v)| v.clone());
    let expects_continue = hdrs
        .iter()
        .any(|(k, v)| k == "expect" && v.eq_ignore_ascii_case("100-continue"));
    if expects_continue && (chunked || content_length.as_deref().is_some_and(|c| c != "0")) {
        let _ = stream
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
            .and_then(|_| stream.flush());
    }

    let body = if chunked {
        read_chunked(stream, buf)?
    } else if let Some(cl) = content_length {
        let len: usize = cl
            .parse()
            .map_err(|_| ReadError::Bad("bad Content-Length"))?;
        if len > MAX_BODY {
            return Err(ReadError::Bad("request body too large"));
        }
        while buf.len() < len {
            if fill(stream, buf)? == 0 {
                return Err(ReadError::Io);
            }
        }
        buf.drain(..len).collect()
    } else {
        Vec::new()
    };

    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), crate::util::parse_pairs(q.as_bytes())),
        None => (target.clone(), Vec::new()),
    };
    Ok(Some(Request {
        method,
        target,
        path,
        query,
        headers: hdrs,
        body,
        peer,
        chunked,
    }))
}

fn read_line(stream: &mut Stream, buf: &mut Vec<u8>) -> Result<Vec<u8>, ReadError> {
    loop {
        if let Some(p) = buf.windows(2).position(|w| w == b"\r\n") {
            let line: Vec<u8> = buf.drain(..p + 2).take(p).collect();
            return Ok(line);
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Bad("chunk line too long"));
        }
        if fill(stream, buf)? == 0 {
            return Err(ReadError::Io);
        }
    }
}

fn read_chunked(stream: &mut Stream, buf: &mut Vec<u8>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(stream, buf)?;
        let text = String::from_utf8_lossy(&line);
        let size_text = text.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| ReadError::Bad("bad chunk size"))?;
        if size == 0 {
            // Trailers, then the blank line.
            loop {
                if read_line(stream, buf)?.is_empty() {
                    return Ok(body);
                }
            }
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Bad("request body too large"));
        }
        while buf.len() < size + 2 {
            if fill(stream, buf)? == 0 {
                return Err(ReadError::Io);
            }
        }
        body.extend(buf.drain(..size));
        buf.drain(..2);
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Writes a response; `cut` sends only that many body bytes (Content-Length still the full size).
fn write_response(
    stream: &mut Stream,
    resp: &Response,
    keep_alive: bool,
    cut: Option<usize>,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + resp.body.len());
    write!(out, "HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status))?;
    let mut has_length = false;
    for (k, v) in &resp.headers {
        has_length |= k.eq_ignore_ascii_case("content-length");
        write!(out, "{k}: {v}\r\n")?;
    }
    if !has_length {
        write!(out, "Content-Length: {}\r\n", resp.body.len())?;
    }
    write!(
        out,
        "Connection: {}\r\n\r\n",
        if keep_alive { "keep-alive" } else { "close" }
    )?;
    let body_len = cut.unwrap_or(resp.body.len()).min(resp.body.len());
    out.extend_from_slice(&resp.body[..body_len]);
    stream.write_all(&out)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};

    fn start(handler: Handler) -> SocketAddr {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        serve(l, None, handler);
        addr
    }

    fn echo() -> Handler {
        Arc::new(|req: &Request| {
            let body = format!(
                "{} {} {} {}",
                req.method,
                req.path,
                req.body.len(),
                String::from_utf8_lossy(&req.body)
            );
            Outcome::Respond(Response::text(200, "text/plain", body))
        })
    }

    fn read_response(r: &mut BufReader<TcpStream>) -> (String, String) {
        let mut status = String::new();
        r.read_line(&mut status).unwrap();
        let mut len = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0u8; len];
        r.read_exact(&mut body).unwrap();
        (status.trim().to_string(), String::from_utf8(body).unwrap())
    }

    #[test]
    fn keep_alive_and_chunked_bodies() {
        let addr = start(echo());
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").unwrap();
        let mut r = BufReader::new(s.try_clone().unwrap());
        assert_eq!(
            read_response(&mut r),
            ("HTTP/1.1 200 OK".into(), "POST /a 11 hello world".into())
        );
        s.write_all(b"GET /b?x=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok")
            .unwrap();
        assert_eq!(read_response(&mut r).1, "GET /b 2 ok");
    }

    #[test]
    fn reset_is_seen_as_connection_reset() {
        let addr = start(Arc::new(|_: &Request| Outcome::Reset));
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 16];
        let err = s.read(&mut buf).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
    }

    #[test]
    fn close_mid_body_sends_half_the_declared_body() {
        let addr = start(Arc::new(|_: &Request| {
            Outcome::CloseMidBody(Response::text(
                200,
                "application/json",
                "{\"access_token\":\"abcdefgh\"}",
            ))
        }));
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut all = Vec::new();
        s.read_to_end(&mut all).unwrap();
        let text = String::from_utf8(all).unwrap();
        assert!(text.contains("Content-Length: 27"));
        let body = text.split("\r\n\r\n").nth(1).unwrap();
        assert_eq!(body.len(), 13);
    }

    #[test]
    fn malformed_head_gets_400() {
        let addr = start(echo());
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"NOT HTTP\r\n\r\n").unwrap();
        let mut all = String::new();
        s.read_to_string(&mut all).unwrap();
        assert!(all.starts_with("HTTP/1.1 400"), "{all}");
    }
}
