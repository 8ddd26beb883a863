//! A small reader for phone-service URLs (`http://host:port/path?query`), for the rules that
//! check Extension Mobility and Finesse IPPA services. It splits, it does not validate: the
//! rules decide what is wrong.

/// The parts of a service URL. Parts that are absent are empty (`port` is `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ServiceUrl<'u> {
    /// `http` or `https` as written.
    pub scheme: &'u str,
    /// Host name or address; an IPv6 literal keeps its brackets.
    pub host: &'u str,
    /// The port as written, if any.
    pub port: Option<&'u str>,
    /// The path, from its `/`.
    pub path: &'u str,
    /// The query, after `?`.
    pub query: &'u str,
}

impl<'u> ServiceUrl<'u> {
    /// Splits `url`; `None` when it has no `scheme://`.
    pub fn parse(url: &'u str) -> Option<Self> {
        let (scheme, rest) = url.split_once("://")?;
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(authority_end);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (host, port) = match authority.rfind(':') {
            Some(at) if !authority[at..].contains(']') => (&authority[..at], Some(&authority[at + 1..])),
            _ => (authority, None),
        };
        Some(ServiceUrl { scheme, host, port, path, query })
    }

    /// The query parameters as (name, value) pairs, in order.
    pub fn parameters(&self) -> impl Iterator<Item = (&'u str, &'u str)> {
        self.query.split('&').filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
    }

    /// Whether the host is an IPv4 or IPv6 address rather than a name.
    pub fn host_is_ip_literal(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host.parse::<std::net::IpAddr>().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_an_em_url() {
        let url = ServiceUrl::parse("http://cucm1.example.com:8080/emapp/EMAppServlet?device=#DEVICENAME#&EMCC=#EMCC#")
            .unwrap();
        assert_eq!((url.scheme, url.host, url.port), ("http", "cucm1.example.com", Some("8080")));
        assert_eq!(url.path, "/emapp/EMAppServlet");
        assert_eq!(url.parameters().collect::<Vec<_>>(), vec![("device", "#DEVICENAME#"), ("EMCC", "#EMCC#")]);
        assert!(!url.host_is_ip_literal());
    }

    #[test]
    fn ip_literals_and_missing_parts() {
        let url = ServiceUrl::parse("https://[2001:db8::1]:8445/fippa/#DEVICENAME#").unwrap();
        assert_eq!((url.host, url.port, url.query), ("[2001:db8::1]", Some("8445"), ""));
        assert!(url.host_is_ip_literal());
        let url = ServiceUrl::parse("http://10.1.1.1?device=x").unwrap();
        assert_eq!((url.host, url.port, url.path), ("10.1.1.1", None, ""));
        assert!(url.host_is_ip_literal());
        assert_eq!(ServiceUrl::parse("Application:Cisco/CorporateDirectory"), None);
    }
}
