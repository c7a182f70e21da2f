//! Every command where its text cannot be written: a reader that went away (`ashyq check |
//! head -1`) ends it quietly with status 141, as it ends other tools; a full stream (`2>/dev/full`,
//! a full disk) gives one message on the other stream and status 1. Never a panic (status 101).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What happens to one of the command's streams.
#[derive(Clone, Copy)]
enum Fault {
    /// A pipe whose reader is gone before the command writes.
    Closed,
    /// `/dev/full`: every write fails with "no space left on device".
    Full,
}

/// Which stream the fault is on.
#[derive(Clone, Copy, PartialEq)]
enum Stream {
    Out,
    Err,
}

struct Ran {
    code: Option<i32>,
    /// The stream that still works.
    other: String,
}

/// A pipe whose reading end is closed before the command starts, so that its first write finds no
/// reader however fast it writes (closing it after the start raced a quick command on a busy machine).
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

fn full() -> Stdio {
    Stdio::from(fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
}

/// Runs ashyq with `args`, `fault` on `stream`, the other stream read; kills it after 60 s
/// (a command that keeps running, such as serve, must end by itself on the fault).
fn run(args: &[&str], stream: Stream, fault: Fault) -> Ran {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ashyq"));
    cmd.args(args).env("ASHYQ_DEPLOY_PASSWORD", "x").stdin(Stdio::null());
    let faulty = || match fault {
        Fault::Closed => closed_pipe(),
        Fault::Full => full(),
    };
    match stream {
        Stream::Out => cmd.stdout(faulty()).stderr(Stdio::piped()),
        Stream::Err => cmd.stderr(faulty()).stdout(Stdio::piped()),
    };
    let mut child = cmd.spawn().unwrap();
    let code = wait(&mut child, Duration::from_secs(60));
    let output = child.wait_with_output().unwrap();
    let other = match stream {
        Stream::Out => output.stderr,
        Stream::Err => output.stdout,
    };
    Ran { code, other: String::from_utf8_lossy(&other).into_owned() }
}

fn wait(child: &mut Child, limit: Duration) -> Option<i32> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("ashyq did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_quiet_end(ran: &Ran, what: &str) {
    assert_eq!(ran.code, Some(141), "{what}: {}", ran.other);
    assert!(!ran.other.contains("panicked"), "{what}: {}", ran.other);
}

fn assert_one_message(ran: &Ran, stream: &str, what: &str) {
    assert_eq!(ran.code, Some(1), "{what}: {}", ran.other);
    assert!(!ran.other.contains("panicked"), "{what}: {}", ran.other);
    let said = format!("cannot write to {stream} (");
    assert_eq!(ran.other.matches(&said).count(), 1, "{what}: {}", ran.other);
    assert!(ran.other.contains("free some disk space"), "{what}: {}", ran.other);
}

/// A copy of the small fixture site in `dir`.
fn site(dir: &Path) -> String {
    let root = dir.join("site");
    common::copy_dir(&common::fixture("minimal"), &root);
    root.to_str().unwrap().to_owned()
}

/// Each command with the stream it writes to, in a fresh folder.
fn commands(dir: &Path) -> Vec<(&'static str, Stream, Vec<String>)> {
    let root = site(dir);
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("sftp://arai@127.0.0.1:{port}/site");
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        ("check", Stream::Out, args(&["check", "--root", &root, "--lang", "en"])),
        ("check json", Stream::Out, args(&["check", "--root", &root, "--format", "json", "--lang", "en"])),
        ("build", Stream::Err, args(&["build", "--root", &root, "--output", &p("public"), "--lang", "en"])),
        (
            "package",
            Stream::Err,
            args(&["package", "--root", &root, "--dir", &p("zipped"), "--output", &p("a.zip"), "--lang", "en"]),
        ),
        (
            "deploy --dry-run",
            Stream::Err,
            args(&["deploy", "--root", &root, "--url", &url, "--dry-run", "--retries", "0", "--lang", "en"]),
        ),
        ("init", Stream::Err, args(&["init", &p("new-site"), "--lang", "en"])),
        (
            "new analysis",
            Stream::Err,
            args(&[
                "new",
                "analysis",
                "2031",
                "--root",
                &root,
                "--start",
                "2031-01-13",
                "--end",
                "2031-02-20",
                "--lang",
                "en",
            ]),
        ),
        ("serve's address", Stream::Out, args(&["serve", "--root", &root, "--port", "0", "--lang", "en"])),
        ("serve's startup line", Stream::Err, args(&["serve", "--root", &root, "--port", "0", "--lang", "en"])),
        ("--help", Stream::Out, args(&["--help"])),
        ("a wrong argument", Stream::Err, args(&["build", "--no-such-flag"])),
    ]
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    for (what, stream, args) in commands(tempfile::tempdir().unwrap().path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_quiet_end(&run(&args, stream, Fault::Closed), what);
    }
}

#[test]
fn a_full_stream_gives_one_message_on_the_other_and_status_1() {
    for (what, stream, args) in commands(tempfile::tempdir().unwrap().path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let name = if stream == Stream::Out { "stdout" } else { "stderr" };
        assert_one_message(&run(&args, stream, Fault::Full), name, what);
    }
}

#[test]
fn a_full_stream_is_told_in_the_users_language() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site(tmp.path());
    let out = tmp.path().join("public");
    let ran =
        run(&["build", "--root", &root, "--output", out.to_str().unwrap(), "--lang", "kk"], Stream::Err, Fault::Full);
    assert_eq!(ran.code, Some(1), "{}", ran.other);
    assert!(ran.other.contains("stderr ағынына жазу мүмкін болмады"), "{}", ran.other);
}
