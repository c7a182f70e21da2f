//! The password: from `ASHYQ_DEPLOY_PASSWORD`, or asked once without echo. It is held in a type
//! that prints as `***`, so that no message, log or `{:?}` can show it.

use super::remote::RemoteError;
use crate::messages::{Message, UiLang};
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// The environment variable that holds the password (or a key's passphrase).
pub const ENV: &str = "ASHYQ_DEPLOY_PASSWORD";

/// A secret string. It has no `Display`, and its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: String) -> Secret {
        Secret(s)
    }

    /// The secret itself, for the one call that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Where the password comes from; asked at most once per run, and only when a server wants it.
pub struct Password {
    prompt: String,
    cached: Mutex<Option<Secret>>,
}

impl Password {
    /// A source that asks with `Password for user@host:` in `lang` when the variable is not set.
    pub fn new(user: &str, host: &str, lang: UiLang) -> Password {
        let prompt = Message::PasswordPrompt { user: user.to_owned(), host: host.to_owned() }.text(lang);
        Password { prompt, cached: Mutex::new(None) }
    }

    /// A fixed password (tests, and callers that have one).
    pub fn fixed(secret: Secret) -> Password {
        Password { prompt: String::new(), cached: Mutex::new(Some(secret)) }
    }

    /// The password: the cached one, the variable's, or the user's answer to the prompt.
    pub fn get(&self) -> Result<Secret, RemoteError> {
        let mut cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(s) = cached.as_ref() {
            return Ok(s.clone());
        }
        let secret = match std::env::var(ENV) {
            Ok(p) if !p.is_empty() => Secret(p),
            // Asked on the terminal itself, without echo; no terminal (CI) means no password.
            _ => Secret(ask(&format!("{} ", self.prompt)).map_err(|_| RemoteError::NoPassword)?),
        };
        *cached = Some(secret.clone());
        Ok(secret)
    }
}

/// Asks for the password on the terminal (`/dev/tty`), without echo.
#[cfg(not(windows))]
fn ask(prompt: &str) -> std::io::Result<String> {
    rpassword::prompt_password(prompt)
}

/// Asks for the password in the console window, without echo. rpassword writes its prompt's UTF-8
/// bytes to the console as they are, which a console in its usual code page (866, 1251) shows as
/// `?????`; the standard error stream writes to a console as UTF-16, Cyrillic whole, so the
/// prompt goes there and rpassword only reads.
#[cfg(windows)]
fn ask(prompt: &str) -> std::io::Result<String> {
    let config = rpassword::ConfigBuilder::new().output_writer(std::io::stderr()).build();
    rpassword::prompt_password_with_config(prompt, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_itself() {
        let s = Secret::new("hunter2".into());
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(Password::fixed(s).get().unwrap().expose(), "hunter2");
    }
}
