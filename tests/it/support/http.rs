//! The bits of HTTP/1.1 that the tests' fake servers speak.

use std::io::{Read, Write};

/// Reads the request head, up to the blank line (the body is left unread).
pub fn read_head<S: Read>(stream: &mut S) -> Option<String> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Writes a whole response and closes the exchange (`Connection: close`).
pub fn write_response<S: Write, V: AsRef<str>>(
    stream: &mut S,
    status: u16,
    headers: &[(&str, V)],
    body: &str,
) {
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {}\r\n", v.as_ref()));
    }
    out.push_str("\r\n");
    out.push_str(body);
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
}
