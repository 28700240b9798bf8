//! Who may use the page: the `Host` a request names (against DNS rebinding), the `Origin` of a
//! `POST` (against another site's page posting here), and beyond loopback the access token.

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, Method, Uri};

/// The cookie the page keeps the access token in, once opened with it.
pub const TOKEN_COOKIE: &str = "kiemtra_token";

/// What a request is refused for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// `Host` is not the address served: 421.
    Host,
    /// A `POST` from a page of another site: 403.
    Origin,
    /// Beyond loopback, without the access token: 401.
    Token,
}

/// The address served and the access token, when one is needed.
#[derive(Clone, Debug)]
pub struct Guard {
    addr: SocketAddr,
    token: Option<String>,
}

impl Guard {
    /// `with_token`: every request must carry a fresh random access token.
    pub fn new(addr: SocketAddr, with_token: bool) -> Guard {
        Guard {
            addr,
            token: with_token.then(new_token),
        }
    }

    /// A guard with a given token (tests).
    pub fn with_token(addr: SocketAddr, token: Option<String>) -> Guard {
        Guard { addr, token }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The page's address as printed: the loopback name a browser knows, and the token.
    pub fn url(&self) -> String {
        let host = match self.addr.ip() {
            ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        match &self.token {
            Some(t) => format!("http://{host}:{}/?token={t}", self.addr.port()),
            None => format!("http://{host}:{}/", self.addr.port()),
        }
    }

    /// Whether a request may go on, and with what token cookie to set when it opened the page
    /// with the token in its address.
    pub fn check(&self, method: &Method, uri: &Uri, headers: &HeaderMap) -> Result<(), Refused> {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .ok_or(Refused::Host)?;
        if !self.host_allowed(host) {
            return Err(Refused::Host);
        }
        if method != Method::GET && method != Method::HEAD {
            // A browser names the page a request comes from; a program that sends no Origin
            // (curl, a script) is not a page of another site.
            if let Some(origin) = headers.get(header::ORIGIN) {
                let same = origin
                    .to_str()
                    .ok()
                    .and_then(|o| o.strip_prefix("http://"))
                    .is_some_and(|o| o.eq_ignore_ascii_case(host));
                if !same {
                    return Err(Refused::Origin);
                }
            }
            if headers
                .get("sec-fetch-site")
                .is_some_and(|s| s.as_bytes() == b"cross-site")
            {
                return Err(Refused::Origin);
            }
        }
        if let Some(token) = &self.token {
            let given = query_token(uri)
                .or_else(|| bearer(headers))
                .or_else(|| cookie(headers));
            if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
                return Err(Refused::Token);
            }
        }
        Ok(())
    }

    /// The `Host` names this server: its own address and port; on loopback also `localhost`;
    /// listening on every address, any address written as numbers (a name could be rebound to
    /// this machine by another site's DNS; a number cannot).
    fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port != self.addr.port() {
            return false;
        }
        let served = self.addr.ip();
        if name.eq_ignore_ascii_case("localhost") {
            return served.is_loopback() || served.is_unspecified();
        }
        let Ok(ip) = name.parse::<IpAddr>() else {
            return false;
        };
        if served.is_unspecified() {
            return true;
        }
        ip == served || (served.is_loopback() && ip.is_loopback())
    }
}

/// `name:port` or `[v6]:port`; the port is required (the server never runs on port 80).
fn split_host(host: &str) -> Option<(&str, u16)> {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let (name, rest) = rest.split_once(']')?;
        (name, rest.strip_prefix(':')?)
    } else {
        host.rsplit_once(':')?
    };
    Some((name, port.parse().ok()?))
}

fn query_token(uri: &Uri) -> Option<&str> {
    uri.query()?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .flat_map(|c| c.split(';'))
        .find_map(|c| c.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='))
}

/// Compares without stopping at the first difference.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// 24 random bytes as hex.
fn new_token() -> String {
    let mut bytes = [0u8; 24];
    // Without the system's randomness there is no safe token: the server does not start.
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(host: &str, origin: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, host.parse().unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, o.parse().unwrap());
        }
        h
    }

    #[test]
    fn loopback_takes_its_own_names_only() {
        let g = Guard::new("127.0.0.1:8080".parse().unwrap(), false);
        let uri = Uri::from_static("/");
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
        ] {
            assert_eq!(
                g.check(&Method::GET, &uri, &request(ok, None)),
                Ok(()),
                "{ok}"
            );
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1:8081",
            "127.0.0.1",
            "192.168.1.5:8080",
            "localhost.evil.example:8080",
        ] {
            assert_eq!(
                g.check(&Method::GET, &uri, &request(bad, None)),
                Err(Refused::Host),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        let g = Guard::new("127.0.0.1:8080".parse().unwrap(), false);
        let uri = Uri::from_static("/api/check");
        let own = request("127.0.0.1:8080", Some("http://127.0.0.1:8080"));
        assert_eq!(g.check(&Method::POST, &uri, &own), Ok(()));
        let none = request("127.0.0.1:8080", None);
        assert_eq!(g.check(&Method::POST, &uri, &none), Ok(()));
        for o in ["http://evil.example", "null", "http://localhost:8080"] {
            let other = request("127.0.0.1:8080", Some(o));
            assert_eq!(
                g.check(&Method::POST, &uri, &other),
                Err(Refused::Origin),
                "{o}"
            );
        }
    }

    #[test]
    fn beyond_loopback_the_token_is_needed() {
        let g = Guard::with_token("0.0.0.0:8080".parse().unwrap(), Some("abc123".into()));
        let h = request("192.168.1.5:8080", None);
        assert_eq!(
            g.check(&Method::GET, &Uri::from_static("/"), &h),
            Err(Refused::Token)
        );
        assert_eq!(
            g.check(&Method::GET, &Uri::from_static("/?token=abc124"), &h),
            Err(Refused::Token)
        );
        assert_eq!(
            g.check(&Method::GET, &Uri::from_static("/?token=abc123"), &h),
            Ok(())
        );
        let mut c = h.clone();
        c.insert(header::COOKIE, "a=b; kiemtra_token=abc123".parse().unwrap());
        assert_eq!(g.check(&Method::GET, &Uri::from_static("/"), &c), Ok(()));
        assert_eq!(g.url(), "http://127.0.0.1:8080/?token=abc123");
        assert_eq!(new_token().len(), 48);
    }
}
