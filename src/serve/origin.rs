//! Same-origin only. The server binds 127.0.0.1, but any page open in the
//! analyst's browser can still send requests to it; and a name that
//! resolves to 127.0.0.1 (DNS rebinding) can make them look same-origin.
//! So every request must name this server in `Host`, and a request that
//! says where it comes from (`Origin`, `Sec-Fetch-Site`) must come from
//! this server's own pages. Tools that send no `Origin` (curl, a notebook)
//! are served. No CORS header is ever sent.

use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

/// The host names this server answers to.
const HOSTS: [&str; 2] = ["127.0.0.1", "localhost"];

/// Why a request is refused, or `None` when it may be served.
pub fn refusal(headers: &HeaderMap, port: u16) -> Option<String> {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    let own_host = |value: &str| HOSTS.iter().any(|h| value == format!("{h}:{port}"));
    match host {
        Some(host) if own_host(host) => {}
        Some(host) => {
            return Some(format!(
                "request for host `{host}` refused: evrule serve answers only http://127.0.0.1:{port}"
            ));
        }
        None => return Some("request without a Host header refused".to_string()),
    }
    if let Some(origin) = headers.get(ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let own = origin.strip_prefix("http://").is_some_and(own_host);
        if !own {
            return Some(format!(
                "cross-origin request from `{origin}` refused: evrule serve answers only its own page, http://127.0.0.1:{port}"
            ));
        }
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        let site = site.to_str().unwrap_or("");
        if site != "same-origin" && site != "none" {
            return Some(format!(
                "request from another site refused (Sec-Fetch-Site: {site}): evrule serve answers only its own page"
            ));
        }
    }
    None
}

/// The middleware: 403 with a JSON error for a refused request.
pub async fn same_origin(State(port): State<u16>, request: Request, next: Next) -> Response {
    match refusal(request.headers(), port) {
        Some(reason) => ApiError::Refused(reason).into_response(),
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_this_server_s_own_origin_is_served() {
        let served = [
            headers(&[("host", "127.0.0.1:4000")]),
            headers(&[
                ("host", "localhost:4000"),
                ("origin", "http://localhost:4000"),
            ]),
            headers(&[
                ("host", "127.0.0.1:4000"),
                ("origin", "http://127.0.0.1:4000"),
                ("sec-fetch-site", "same-origin"),
            ]),
        ];
        for h in &served {
            assert_eq!(refusal(h, 4000), None, "{h:?}");
        }
        let refused = [
            headers(&[]),
            headers(&[("host", "evil.example:4000")]),
            headers(&[("host", "127.0.0.1:4001")]),
            headers(&[
                ("host", "127.0.0.1:4000"),
                ("origin", "http://evil.example"),
            ]),
            headers(&[("host", "127.0.0.1:4000"), ("origin", "null")]),
            headers(&[
                ("host", "127.0.0.1:4000"),
                ("origin", "https://127.0.0.1:4000"),
            ]),
            headers(&[("host", "127.0.0.1:4000"), ("sec-fetch-site", "cross-site")]),
        ];
        for h in &refused {
            assert!(refusal(h, 4000).is_some(), "{h:?}");
        }
    }
}
