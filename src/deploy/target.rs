//! Where to upload: `ftp://`, `ftps://` or `sftp://user@host:port/folder` (DESIGN.md §2).
//!
//! The folder is counted from the one the server puts the user in after login, as in RFC 1738
//! for FTP (`ftp://u@h/public_html` is `public_html` inside the login folder); a folder that must
//! be absolute starts with two slashes (`sftp://u@h//var/www/site`). Hosting control panels show
//! paths from the login folder, so the same URL works for FTP and SFTP.

use crate::content::url_has_password;
use crate::messages::Message;
use percent_encoding::percent_decode_str;

/// The protocol to upload with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// Plain FTP: the password and the files travel unencrypted.
    Ftp,
    /// FTP with explicit TLS (`AUTH TLS`) on the control and every data connection.
    Ftps,
    /// SFTP over SSH.
    Sftp,
}

impl Scheme {
    /// The default port.
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Ftp | Scheme::Ftps => 21,
            Scheme::Sftp => 22,
        }
    }

    /// The URL scheme.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Ftp => "ftp",
            Scheme::Ftps => "ftps",
            Scheme::Sftp => "sftp",
        }
    }
}

/// A parsed upload address. It never holds a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The protocol.
    pub scheme: Scheme,
    /// The login name.
    pub user: String,
    /// The server's name or address (IPv6 without brackets).
    pub host: String,
    /// The port.
    pub port: u16,
    /// The site's folder: relative to the login folder, or absolute when it starts with `/`.
    /// Empty for the login folder itself.
    pub folder: String,
}

impl Target {
    /// Reads an upload URL. A password inside it is refused: site.yaml is shared.
    pub fn parse(url: &str) -> Result<Target, Message> {
        let bad = || Message::BadDeployUrl { value: url.to_owned(), flag: false };
        if url_has_password(url) {
            return Err(Message::PasswordInUrl { flag: false });
        }
        let (scheme, rest) = url.trim().split_once("://").ok_or_else(bad)?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "ftp" => Scheme::Ftp,
            "ftps" | "ftpes" => Scheme::Ftps,
            "sftp" => Scheme::Sftp,
            _ => return Err(bad()),
        };
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| (&rest[..i], &rest[i..]));
        let (user, hostport) = authority.rsplit_once('@').ok_or_else(bad)?;
        let user = percent_decode_str(user).decode_utf8().map_err(|_| bad())?.into_owned();
        let (host, port) = split_host_port(hostport).ok_or_else(bad)?;
        if user.is_empty() || host.is_empty() {
            return Err(bad());
        }
        let folder = percent_decode_str(path).decode_utf8().map_err(|_| bad())?;
        // One leading slash separates the folder from the host; a second makes it absolute.
        let folder = folder.strip_prefix('/').unwrap_or(&folder).trim_end_matches('/');
        let folder =
            if folder.starts_with('/') { format!("/{}", folder.trim_start_matches('/')) } else { folder.to_owned() };
        if folder.split('/').any(|seg| seg == "..") {
            return Err(bad());
        }
        // A decoded line break (`%0D%0A`) would end an FTP command early and start another.
        if [user.as_str(), host.as_str(), folder.as_str()].iter().any(|s| s.chars().any(char::is_control)) {
            return Err(bad());
        }
        Ok(Target { scheme, user, host, port: port.unwrap_or(scheme.default_port()), folder })
    }

    /// The address as shown to the user (no password, as there is none).
    pub fn display(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("{}://{}@{host}:{}/{}", self.scheme.name(), self.user, self.port, self.folder)
    }

    /// `host:port` for connecting and messages.
    pub fn addr(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// A path of the site (`kk/index.html`, or `` for the site's folder) as the server names it.
    pub fn remote_path(&self, path: &str) -> String {
        match (self.folder.as_str(), path) {
            ("", p) => p.to_owned(),
            (f, "") => f.to_owned(),
            (f, p) => format!("{f}/{p}"),
        }
    }
}

fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((host.to_owned(), port));
    }
    match s.rsplit_once(':') {
        Some((h, p)) => Some((h.to_owned(), Some(p.parse().ok()?))),
        None => Some((s.to_owned(), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_design_example() {
        let t = Target::parse("sftp://user@host:22/public_html/anticorruption").unwrap();
        assert_eq!(t.scheme, Scheme::Sftp);
        assert_eq!((t.user.as_str(), t.host.as_str(), t.port), ("user", "host", 22));
        assert_eq!(t.folder, "public_html/anticorruption");
        assert_eq!(t.remote_path("kk/index.html"), "public_html/anticorruption/kk/index.html");
        assert_eq!(t.display(), "sftp://user@host:22/public_html/anticorruption");
    }

    #[test]
    fn defaults_and_absolute_folders() {
        let t = Target::parse("ftp://arai%40bbaksha.kz@ftp.example.kz").unwrap();
        assert_eq!((t.user.as_str(), t.port, t.folder.as_str()), ("arai@bbaksha.kz", 21, ""));
        assert_eq!(t.remote_path("index.html"), "index.html");
        let t = Target::parse("ftps://u@[::1]:2121//var/www/site/").unwrap();
        assert_eq!((t.host.as_str(), t.port, t.folder.as_str()), ("::1", 2121, "/var/www/site"));
        assert_eq!(t.addr(), "[::1]:2121");
        assert_eq!(t.display(), "ftps://u@[::1]:2121//var/www/site");
    }

    #[test]
    fn refuses_passwords_and_nonsense() {
        assert_eq!(Target::parse("ftp://u:secret@h/x"), Err(Message::PasswordInUrl { flag: false }));
        for bad in ["http://u@h/", "ftp://h/", "sftp://u@h:port/", "ftp://u@/x", "ftp://u@h/../etc", "public_html"]
            .into_iter()
            .chain(["ftp://u@h/site%0D%0ADELE%20x", "ftp://u%0Aa@h/x", "sftp://u@h/a%00b", "ftp://u@h/%09"])
        {
            assert!(matches!(Target::parse(bad), Err(Message::BadDeployUrl { .. })), "{bad}");
        }
    }
}
