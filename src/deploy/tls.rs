//! TLS for FTPS, with rustls.
//!
//! Many FTPS servers (proftpd's default, vsftpd's `require_ssl_reuse`, most shared hosting)
//! accept a data connection only if it resumes the control connection's TLS session, so that
//! nobody else can slip in a data connection. TLS 1.2 resumes one session as often as needed.
//! TLS 1.3 resumes with tickets instead, and rustls uses each ticket once (RFC 8446 §C.4);
//! proftpd, like OpenSSL servers generally, sends two tickets after the control connection's
//! handshake and none on a resumed data connection, so the third file fails with 425 and leaves
//! an empty file behind. Hence: FTPS speaks TLS 1.2 when the server has it, and with a server
//! that speaks only TLS 1.3 the connection counts its tickets and is made anew (two fresh
//! tickets) before a data connection would find none. When files are sent side by side, each
//! control connection has its own session and tickets ([`ControlTls`]): one's data connections
//! never try another's session.

use super::remote::RemoteError;
use crate::messages::Message;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ClientSessionMemoryCache, ClientSessionStore, Resumption, WebPkiServerVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, NamedGroup, ProtocolVersion,
    RootCertStore, SignatureScheme, StreamOwned,
};
use std::io::Write;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use suppaftp::{FtpError, FtpResult, TlsConnector, TlsStream};

/// What the connections of one deploy learned about the server's TLS: whether it has TLS 1.2.
#[derive(Debug, Default)]
pub struct TlsState {
    /// The server refused TLS 1.2.
    tls13_only: AtomicBool,
}

impl TlsState {
    /// Whether only TLS 1.3 is to be offered.
    pub fn tls13_only(&self) -> bool {
        self.tls13_only.load(Ordering::SeqCst)
    }

    /// If a handshake failed with `error` because the server wants another TLS version than
    /// offered, remembers that it has no TLS 1.2 and says so.
    pub fn learn_no_tls12(&self, error: Option<&rustls::Error>) -> bool {
        let refused = matches!(
            error,
            Some(rustls::Error::AlertReceived(
                rustls::AlertDescription::ProtocolVersion | rustls::AlertDescription::HandshakeFailure
            )) | Some(rustls::Error::PeerIncompatible(_))
        );
        refused && !self.tls13_only.swap(true, Ordering::SeqCst)
    }
}

/// The TLS of one control connection and its data connections, apart from every other control
/// connection of the deploy (several are open at once when files are sent side by side): the
/// session its data connections resume, the TLS 1.3 tickets it holds, what its handshakes found.
#[derive(Debug, Default)]
pub struct ControlTls {
    /// TLS 1.3 tickets in hand (each resumes one data connection).
    tickets: AtomicUsize,
    /// The version of the last handshake.
    version: Mutex<Option<ProtocolVersion>>,
    /// The last handshake's error, to tell a bad certificate from a broken connection.
    last_error: Mutex<Option<rustls::Error>>,
}

impl ControlTls {
    /// Whether the next data connection would find no ticket to resume the session with.
    pub fn out_of_tickets(&self) -> bool {
        let v = *self.version.lock().unwrap_or_else(PoisonError::into_inner);
        v == Some(ProtocolVersion::TLSv1_3) && self.tickets.load(Ordering::SeqCst) == 0
    }

    /// The last handshake's error, if it failed.
    pub fn last_error(&self) -> Option<rustls::Error> {
        self.last_error.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The error of a failed handshake in the user's terms, if it was about the certificate.
    pub fn identity_error(&self, host: &str) -> Option<RemoteError> {
        let err = self.last_error()?;
        let detail = err.to_string();
        let host = host.to_owned();
        Some(RemoteError::Identity(match err {
            rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            ) => Message::CertificateWrongName { host, detail },
            rustls::Error::InvalidCertificate(_) => Message::CertificateUntrusted { host, detail },
            rustls::Error::AlertReceived(_) | rustls::Error::PeerIncompatible(_) => Message::TlsFailed { host, detail },
            _ => return None,
        }))
    }
}

/// Builds the TLS settings of a deploy: the system's trusted certificates (or none checked,
/// with `--insecure`), and a session store that counts TLS 1.3 tickets.
#[derive(Debug)]
pub struct Tls {
    /// What the connections learned.
    pub state: Arc<TlsState>,
    host: String,
    insecure: bool,
    configs: OnceLock<(Arc<ClientConfig>, Arc<ClientConfig>)>,
}

impl Tls {
    /// Settings for one deploy.
    pub fn new(host: &str, insecure: bool) -> Tls {
        Tls { state: Arc::default(), host: host.to_owned(), insecure, configs: OnceLock::new() }
    }

    /// A connector for a new control connection (and its data connections), with a session
    /// cache and a count of tickets of its own: the control connection then makes a full
    /// handshake, whose session its data connections resume. (Resuming an older or another
    /// control connection's session instead makes proftpd refuse every data connection: their
    /// session is not the control's.)
    pub fn connector(&self) -> Result<Connector, RemoteError> {
        let (tls12, tls13) = match self.configs.get() {
            Some(c) => c,
            None => {
                let made = (self.config(true)?, self.config(false)?);
                self.configs.get_or_init(|| made)
            }
        };
        let mut config = ClientConfig::clone(if self.state.tls13_only() { tls13 } else { tls12 });
        let control = Arc::new(ControlTls::default());
        let store = CountingStore { inner: ClientSessionMemoryCache::new(64), control: Arc::clone(&control) };
        config.resumption = Resumption::store(Arc::new(store));
        Ok(Connector { config: Arc::new(config), control })
    }

    fn config(&self, tls12: bool) -> Result<Arc<ClientConfig>, RemoteError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let versions: &[&rustls::SupportedProtocolVersion] =
            if tls12 { &[&rustls::version::TLS12] } else { &[&rustls::version::TLS13] };
        let tls_error = |e: rustls::Error| RemoteError::Server { detail: e.to_string() };
        let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_protocol_versions(versions)
            .map_err(tls_error)?;
        let config = if self.insecure {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
                .with_no_client_auth()
        } else {
            // No trusted certificate on the system at all: nothing can be checked.
            let untrusted = |e: &dyn std::fmt::Display| {
                RemoteError::Identity(Message::CertificateUntrusted { host: self.host.clone(), detail: e.to_string() })
            };
            let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(system_roots()), provider)
                .build()
                .map_err(|e| untrusted(&e))?;
            builder.with_webpki_verifier(verifier).with_no_client_auth()
        };
        Ok(Arc::new(config))
    }
}

/// The certificates the system trusts (honouring `SSL_CERT_FILE` and `SSL_CERT_DIR`).
fn system_roots() -> RootCertStore {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    roots
}

/// `--insecure`: any certificate is taken, but the handshake's signatures are still checked,
/// so the connection is at least encrypted to whoever holds that certificate's key.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// rustls's own session cache, counting the TLS 1.3 tickets it holds.
#[derive(Debug)]
struct CountingStore {
    inner: ClientSessionMemoryCache,
    control: Arc<ControlTls>,
}

impl ClientSessionStore for CountingStore {
    fn set_kx_hint(&self, name: ServerName<'static>, group: NamedGroup) {
        self.inner.set_kx_hint(name, group);
    }

    fn kx_hint(&self, name: &ServerName<'_>) -> Option<NamedGroup> {
        self.inner.kx_hint(name)
    }

    fn set_tls12_session(&self, name: ServerName<'static>, value: rustls::client::Tls12ClientSessionValue) {
        self.inner.set_tls12_session(name, value);
    }

    fn tls12_session(&self, name: &ServerName<'_>) -> Option<rustls::client::Tls12ClientSessionValue> {
        self.inner.tls12_session(name)
    }

    fn remove_tls12_session(&self, name: &ServerName<'static>) {
        self.inner.remove_tls12_session(name);
    }

    fn insert_tls13_ticket(&self, name: ServerName<'static>, value: rustls::client::Tls13ClientSessionValue) {
        // The cache keeps at most 8 per server, dropping the oldest.
        let _ = self.control.tickets.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some((n + 1).min(8)));
        self.inner.insert_tls13_ticket(name, value);
    }

    fn take_tls13_ticket(&self, name: &ServerName<'static>) -> Option<rustls::client::Tls13ClientSessionValue> {
        let ticket = self.inner.take_tls13_ticket(name);
        let _ = self.control.tickets.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            Some(if ticket.is_some() { n.saturating_sub(1) } else { 0 })
        });
        ticket
    }
}

/// suppaftp's hook for TLS: the same settings for the control and every data connection, so
/// that data connections resume the control connection's session.
#[derive(Debug, Clone)]
pub struct Connector {
    config: Arc<ClientConfig>,
    control: Arc<ControlTls>,
}

impl Connector {
    /// What this control connection's handshakes find.
    pub fn control(&self) -> Arc<ControlTls> {
        Arc::clone(&self.control)
    }
}

impl TlsConnector for Connector {
    type Stream = Stream;

    fn connect(&self, domain: &str, mut tcp: TcpStream) -> FtpResult<Stream> {
        let secure = |e: &dyn std::fmt::Display| FtpError::SecureError(e.to_string());
        let name = ServerName::try_from(domain.to_owned()).map_err(|e| secure(&e))?;
        let mut conn = ClientConnection::new(Arc::clone(&self.config), name).map_err(|e| secure(&e))?;
        *self.control.last_error.lock().unwrap_or_else(PoisonError::into_inner) = None;
        // The whole handshake here, so that a refused certificate is told apart from a drop.
        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(&mut tcp) {
                let tls = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()).cloned();
                *self.control.last_error.lock().unwrap_or_else(PoisonError::into_inner) = tls;
                return Err(FtpError::ConnectionError(e));
            }
        }
        *self.control.version.lock().unwrap_or_else(PoisonError::into_inner) = conn.protocol_version();
        Ok(Stream { inner: StreamOwned::new(conn, tcp), open: true })
    }
}

/// A TLS connection that says goodbye (`close_notify`) when dropped.
#[derive(Debug)]
pub struct Stream {
    inner: StreamOwned<ClientConnection, TcpStream>,
    open: bool,
}

impl TlsStream for Stream {
    type InnerStream = StreamOwned<ClientConnection, TcpStream>;

    fn tcp_stream(mut self) -> FtpResult<TcpStream> {
        self.open = false;
        self.inner.sock.try_clone().map_err(FtpError::ConnectionError)
    }

    fn get_ref(&self) -> &TcpStream {
        &self.inner.sock
    }

    fn mut_ref(&mut self) -> &mut Self::InnerStream {
        &mut self.inner
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        if self.open {
            let _ = self.inner.flush();
            self.inner.conn.send_close_notify();
            let _ = self.inner.conn.write_tls(&mut self.inner.sock);
        }
    }
}
