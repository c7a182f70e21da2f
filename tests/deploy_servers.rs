//! `ashyq deploy` against real servers on 127.0.0.1, which `scripts/test-servers.sh` (run by
//! `scripts/test-all.sh`) installs, starts and describes in `ASHYQ_TEST_*` variables: proftpd
//! (FTP, and FTPS with TLS 1.2+1.3, 1.2 only and 1.3 only, each requiring that data connections
//! resume the control connection's TLS session), pyftpdlib, and openssh's SFTP.
//!
//! Each server gets the whole story with the «Арай» site: a first deploy, byte-for-byte the same
//! as `public/`; a second that sends nothing; one document changed, and only its pages sent; one
//! removed, and its page deleted; the server killed in the middle of an upload, and the upload
//! completed; the client killed midway, and the next run completing; then a wrong password, a
//! refused folder and a full disk, each one clear message that never shows the password.
//! Before all that, manifests planted with paths that leave the site's folder are not trusted,
//! nor one that never ends (read only so far, in bounded memory), and the files beside the
//! folder stay as they are.
//! On a terminal, the password is asked without echo and a bar shows the upload.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// One server as `scripts/test-servers.sh` describes it.
struct Server {
    name: &'static str,
    /// `ftp://ashyqtest@127.0.0.1:PORT/`
    url: String,
    /// The login folder on this machine.
    home: PathBuf,
    /// The folder with the server's `start` and `stop`.
    ctl: PathBuf,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run scripts/test-all.sh"))
}

impl Server {
    fn get(name: &'static str) -> Server {
        let var = name.to_uppercase().replace('-', "_");
        Server {
            name,
            url: env(&format!("ASHYQ_TEST_{var}_URL")),
            home: env(&format!("ASHYQ_TEST_{var}_HOME")).into(),
            ctl: env(&format!("ASHYQ_TEST_{var}_CTL")).into(),
        }
    }

    fn stop(&self) {
        assert!(Command::new(self.ctl.join("stop")).status().unwrap().success(), "{} stops", self.name);
    }

    fn start(&self) {
        assert!(Command::new(self.ctl.join("start")).status().unwrap().success(), "{} starts", self.name);
    }
}

/// A copy of the «Арай» site to change, a HOME of its own (for SFTP's known_hosts), and the
/// server folder it deploys to.
struct Site {
    tmp: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    folder: String,
}

impl Site {
    fn new(server: &Server, known_hosts: bool) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for part in ["content", "themes"] {
            common::copy_dir(&common::repo().join(part), &root.join(part));
        }
        fs::copy(common::repo().join("site.yaml"), root.join("site.yaml")).unwrap();
        let home = tmp.path().join("home");
        fs::create_dir_all(home.join(".ssh")).unwrap();
        if known_hosts {
            fs::copy(env("ASHYQ_TEST_KNOWN_HOSTS"), home.join(".ssh/known_hosts")).unwrap();
        }
        let folder = format!("public_html/arai-{}-{}", server.name, std::process::id());
        Site { tmp, root, home, folder }
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    fn command(&self, server: &Server, folder: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ashyq"));
        c.args(["deploy", "--root", self.root.to_str().unwrap(), "--lang", "en"])
            .arg("--url")
            .arg(format!("{}{folder}", server.url))
            .args(args)
            .env("ASHYQ_DEPLOY_PASSWORD", env("ASHYQ_TEST_PASSWORD"))
            .env("SSL_CERT_FILE", env("ASHYQ_TEST_CERT"))
            .env("HOME", &self.home)
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null());
        c
    }

    fn deploy(&self, server: &Server, args: &[&str]) -> Run {
        Run::new(self.command(server, &self.folder, args).output().unwrap())
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let path = self.root.join(rel);
        fs::write(&path, f(fs::read_to_string(&path).unwrap())).unwrap();
    }
}

/// A finished run: its exit, its text, and what it sent and deleted.
struct Run {
    ok: bool,
    text: String,
    sent: BTreeSet<String>,
    deleted: BTreeSet<String>,
}

impl Run {
    fn new(out: Output) -> Run {
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        let field = |prefix: &str| -> BTreeSet<String> {
            text.lines()
                .filter_map(|l| l.strip_prefix(prefix))
                .map(|rest| rest.rsplit_once(" (").map_or(rest, |(p, _)| p).to_owned())
                .collect()
        };
        Run { ok: out.status.success(), sent: field("sent "), deleted: field("deleted "), text }
    }

    fn assert_ok(&self) -> &Run {
        assert!(self.ok, "the deploy failed:\n{}", self.text);
        assert!(!self.text.contains(&env("ASHYQ_TEST_PASSWORD")), "the password is shown:\n{}", self.text);
        self
    }

    /// A failure with exactly one error, `id`, and no password in sight.
    fn assert_error(&self, id: &str, secrets: &[&str]) {
        self.assert_error_of(&[id], secrets);
    }

    /// A failure with exactly one error, one of `ids`, and no password in sight.
    fn assert_error_of(&self, ids: &[&str], secrets: &[&str]) {
        assert!(!self.ok, "expected one of {ids:?}, but the deploy succeeded:\n{}", self.text);
        let errors: Vec<&str> = self.text.lines().filter(|l| l.starts_with("error: ")).collect();
        assert_eq!(errors.len(), 1, "one clear message:\n{}", self.text);
        let matches = ids.iter().any(|id| errors[0].ends_with(&format!("[{id}]")));
        assert!(matches, "expected one of {ids:?}:\n{}", self.text);
        for s in secrets.iter().chain([&env("ASHYQ_TEST_PASSWORD").as_str()]) {
            assert!(!self.text.contains(s), "a secret is shown:\n{}", self.text);
        }
    }
}

/// The built site without its marker: what the server folder must hold.
fn expected(public: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(public);
    t.remove(".ashyq-output");
    t
}

/// The server folder without the manifest; panics on a leftover partial upload.
fn remote(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.remove(".ashyq-manifest.json");
    t
}

fn folders(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The server folder equals `public/` exactly: the same files, byte for byte, and no other
/// folder.
fn assert_same(public: &Path, dir: &Path) {
    let (want, have) = (expected(public), remote(dir));
    let want_paths: Vec<&String> = want.keys().collect();
    let have_paths: Vec<&String> = have.keys().collect();
    assert_eq!(have_paths, want_paths, "the same files");
    for (path, bytes) in &want {
        assert!(have[path] == *bytes, "{path} differs on the server");
    }
    assert_eq!(folders(dir), folders(public), "the same folders");
}

fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    common::tree(dir).into_keys().map(|p| (p.clone(), fs::metadata(dir.join(&p)).unwrap().ino())).collect()
}

/// Files whose bytes differ between two trees, or that only the second has.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    after.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect()
}

/// Runs `f` while the process `pid` is stopped (SIGSTOP, then SIGCONT): a server stopped in `f`
/// is gone before the deploy sends another file, however fast the rest of the upload would go
/// (files sent side by side on 127.0.0.1 take less than the server's stop script).
fn while_frozen(pid: u32, f: impl FnOnce()) {
    let signal = |sig: &str| assert!(Command::new("kill").args([sig, &pid.to_string()]).status().unwrap().success());
    signal("-STOP");
    f();
    signal("-CONT");
}

/// Runs a deploy and calls `midway` once it has sent `after` files; gives the finished run.
fn deploy_and_interrupt(mut cmd: Command, after: usize, midway: impl FnOnce(u32)) -> Run {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id();
    let stderr = child.stderr.take().unwrap();
    let mut lines = Vec::new();
    let mut midway = Some(midway);
    let mut sent = 0;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line.starts_with("sent ") {
            sent += 1;
            if sent == after {
                (midway.take().unwrap())(pid);
            }
        }
        lines.push(line);
    }
    let out = child.wait_with_output().unwrap();
    assert!(midway.is_none(), "the deploy finished before it sent {after} files:\n{}", lines.join("\n"));
    Run::new(Output { stderr: lines.join("\n").into_bytes(), ..out })
}

/// How a server is tried.
struct Story {
    /// Small files added to make an upload last long enough to interrupt it.
    bulk: usize,
    /// What a full disk may be reported as: `disk-full` where the server says so (SFTP's
    /// statvfs, proftpd's 452 "No space left on device"), `step-aborted` where it answers like a
    /// broken connection (proftpd's 451 "Input/output error" when the space runs out inside a
    /// write, pyftpdlib's 426): a step that fails again on a new connection. Which one proftpd
    /// gives depends on where in a file the space runs out, so both are accepted there.
    full_disk: &'static [&'static str],
}

const STORY: Story = Story { bulk: 500, full_disk: &["step-aborted", "disk-full"] };

/// A built copy of the site with `n` more small files, so that an upload lasts long enough to
/// be interrupted; deployed with --no-build.
fn bulk_site(site: &Site, tag: &str, n: usize) -> PathBuf {
    let dir = site.tmp.path().join(format!("bulk-{tag}"));
    common::copy_dir(&site.public(), &dir);
    for i in 0..n {
        let file = dir.join(format!("files/bulk/{tag}-{i:03}.txt"));
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, format!("{tag} {i}\n").repeat(50)).unwrap();
    }
    dir
}

/// The whole story against one server.
fn story(server: &Server, how: &Story) {
    // Before the story kills and restarts the server: a test beside it would lose its connection.
    planted_manifests_never_reach_outside(server);
    let site = Site::new(server, true);
    let dir = server.home.join(&site.folder);

    // 1. The first deploy makes the folder and puts the site there, byte for byte.
    let run = site.deploy(server, &[]);
    run.assert_ok();
    assert_same(&site.public(), &dir);
    assert_eq!(run.sent.len(), expected(&site.public()).len());

    // 2. Nothing changed: nothing is sent, and it says so.
    let run = site.deploy(server, &[]);
    run.assert_ok();
    assert!(run.sent.is_empty(), "{}", run.text);
    assert!(run.text.contains("The hosting already has this exact site: nothing was sent"), "{}", run.text);

    // 3. One document changes: a dry run shows it and changes nothing; the deploy sends only
    //    the files that changed, and the other files on the server are not touched.
    let before = expected(&site.public());
    let inodes_before = inodes(&dir);
    site.edit("content/2026/protocol.kk.md", |t| t + "\nҚосымша сөйлем.\n");
    let dry = site.deploy(server, &["--dry-run"]);
    dry.assert_ok();
    assert!(dry.text.contains("changed    kk/2026/protocol/index.html"), "{}", dry.text);
    assert!(dry.sent.is_empty());
    assert_eq!(remote(&dir), before, "a dry run changes nothing");
    let run = site.deploy(server, &[]);
    run.assert_ok();
    let after = expected(&site.public());
    let differ = changed(&before, &after);
    assert!(differ.contains("kk/2026/protocol/index.html"), "{differ:?}");
    assert!(differ.len() <= 2, "one document changes its page only: {differ:?}");
    assert_eq!(run.sent, differ, "only the changed pages are sent:\n{}", run.text);
    for (path, ino) in inodes(&dir) {
        if !differ.contains(&path) && path != ".ashyq-manifest.json" {
            assert_eq!(Some(&ino), inodes_before.get(&path), "{path} was rewritten");
        }
    }
    assert_same(&site.public(), &dir);

    // 4. One document is removed: its page is deleted from the server, and its folder.
    fs::remove_file(site.root.join("content/2026/action-plan.ru.md")).unwrap();
    let run = site.deploy(server, &[]);
    run.assert_ok();
    assert!(run.deleted.contains("ru/2026/action-plan/index.html"), "{}", run.text);
    assert!(!dir.join("ru/2026/action-plan").exists());
    assert_same(&site.public(), &dir);

    // 5. More deletions than --max-deletes are refused before anything changes; --yes allows them.
    let bulk = bulk_site(&site, "a", how.bulk);
    let run = Run::new(
        site.command(server, &site.folder, &["--no-build", "--dir", bulk.to_str().unwrap()]).output().unwrap(),
    );
    run.assert_ok();
    assert_same(&bulk, &dir);
    let state = remote(&dir);
    let run = site.deploy(server, &[]);
    run.assert_error("too-many-deletes", &[]);
    assert_eq!(remote(&dir), state, "nothing changed");
    site.deploy(server, &["--yes"]).assert_ok();
    assert_same(&site.public(), &dir);

    // 6. The server is killed in the middle of an upload and back a moment later: the same
    //    deploy reconnects, resumes and completes.
    let bulk = bulk_site(&site, "b", how.bulk);
    let cmd = site.command(server, &site.folder, &["--no-build", "--dir", bulk.to_str().unwrap(), "--yes"]);
    let run = deploy_and_interrupt(cmd, how.bulk / 10, |pid| {
        while_frozen(pid, || {
            server.stop();
            std::thread::sleep(Duration::from_millis(300));
            server.start();
        });
    });
    run.assert_ok();
    assert!(run.text.contains("connection problem"), "{}", run.text);
    assert_same(&bulk, &dir);

    // 7. The server is killed and stays down: the deploy gives up with one clear message, and
    //    the next deploy, once the server is back, completes the job.
    let bulk = bulk_site(&site, "c", how.bulk);
    let args = ["--no-build", "--dir", bulk.to_str().unwrap(), "--yes", "--retries", "1"];
    let run = deploy_and_interrupt(site.command(server, &site.folder, &args), how.bulk / 10, |pid| {
        while_frozen(pid, || server.stop());
    });
    assert!(!run.ok, "{}", run.text);
    assert!(run.text.contains("The upload did not finish"), "{}", run.text);
    server.start();
    Run::new(site.command(server, &site.folder, &args).output().unwrap()).assert_ok();
    assert_same(&bulk, &dir);

    // 8. The deploy itself is killed midway: started again, it completes the job and leaves no
    //    partial upload behind.
    let bulk = bulk_site(&site, "d", how.bulk);
    let args = ["--no-build", "--dir", bulk.to_str().unwrap(), "--yes"];
    let run = deploy_and_interrupt(site.command(server, &site.folder, &args), how.bulk / 10, |pid| {
        Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    });
    assert!(!run.ok);
    let run = Run::new(site.command(server, &site.folder, &args).output().unwrap());
    run.assert_ok();
    assert_same(&bulk, &dir);
    site.deploy(server, &["--yes"]).assert_ok();
    assert_same(&site.public(), &dir);

    faults(server, &site, how);
}

/// A wrong password, a folder the user may not write, a full disk: one clear message each.
fn faults(server: &Server, site: &Site, how: &Story) {
    let wrong = format!("wrong-{}", std::process::id());
    let started = std::time::Instant::now();
    let run = Run::new(site.command(server, &site.folder, &[]).env("ASHYQ_DEPLOY_PASSWORD", &wrong).output().unwrap());
    run.assert_error("login-failed", &[&wrong]);
    assert!(!run.text.contains("trying again"), "a wrong password is not retried:\n{}", run.text);
    // Generous: the build comes first, and the machine may be busy.
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());

    let run = Run::new(site.command(server, "readonly/site", &[]).output().unwrap());
    run.assert_error("folder-refused", &[]);

    if server.home.join("full").is_dir() {
        let run = Run::new(site.command(server, "full/site", &[]).output().unwrap());
        run.assert_error_of(how.full_disk, &[]);
    } else {
        no_full_disk(server);
    }
}

/// Without the small tmpfs that `scripts/test-servers.sh` mounts (as root), the full disk cannot
/// be tried: that fails the test, so a machine that forbids `mount` never passes it silently,
/// unless `ASHYQ_TEST_NO_FULL_DISK` says why it is left out.
fn no_full_disk(server: &Server) {
    let full = server.home.join("full");
    match std::env::var("ASHYQ_TEST_NO_FULL_DISK") {
        Ok(why) if !why.trim().is_empty() => eprintln!("{}: the full disk is not tried: {why}", server.name),
        _ => panic!(
            "{}: there is no full disk at {}: scripts/test-servers.sh mounts a 64 KiB tmpfs there, as root, \
             and this machine did not let it. Run it as root on a machine that allows mount, or set \
             ASHYQ_TEST_NO_FULL_DISK=<why> to run the rest without it",
            server.name,
            full.display()
        ),
    }
}

#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn proftpd_ftp() {
    let server = Server::get("proftpd-ftp");
    story(&server, &STORY);
    links_on_the_server_are_left_alone(&server);
}

/// A symbolic link in the site's folder on the server may lead anywhere on it. Found by a
/// listing (proftpd and sshd say which entries are links; pyftpdlib shows what they lead to), it
/// is left alone with a warning: never looked into, sent through or deleted, so the files it
/// leads to stay. Where the site puts a file at a link's place, the deploy stops before
/// changing anything.
fn links_on_the_server_are_left_alone(server: &Server) {
    let site = Site::new(server, true);
    let parent = format!("public_html/links-{}-{}", server.name, std::process::id());
    let folder = format!("{parent}/сайт");
    Run::new(site.command(server, &folder, &[]).output().unwrap()).assert_ok();
    let (dir, outside) = (server.home.join(&folder), server.home.join(&parent).join("басқа"));
    let owner = fs::metadata(&dir).unwrap();
    let own = |p: &Path| std::os::unix::fs::lchown(p, Some(owner.uid()), Some(owner.gid())).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("құжат «ә».txt"), "қалсын").unwrap();
    for p in [outside.clone(), outside.join("құжат «ә».txt")] {
        own(&p);
    }
    // Relative, so that they lead to the same place inside a chroot (proftpd's) and outside.
    let links = [("ескі «архив»", "../басқа"), ("сілтеме.txt", "../басқа/құжат «ә».txt")];
    for (name, target) in links {
        std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
        own(&dir.join(name));
    }
    let run = Run::new(site.command(server, &folder, &["--no-build", "--yes", "--rescan"]).output().unwrap());
    run.assert_ok();
    assert_eq!(run.text.matches("is a symbolic link").count(), 2, "{}", run.text);
    assert!(run.deleted.is_empty(), "{}", run.text);
    assert_eq!(fs::read_to_string(outside.join("құжат «ә».txt")).unwrap(), "қалсын");
    for (name, _) in links {
        assert!(fs::symlink_metadata(dir.join(name)).unwrap().is_symlink(), "{name}");
    }

    // The site's own folder static/ made a link to the folder outside: the theme's files would
    // land there. Nothing is sent.
    let statics = dir.join("static");
    fs::remove_dir_all(&statics).unwrap();
    std::os::unix::fs::symlink("../басқа", &statics).unwrap();
    own(&statics);
    let run = Run::new(site.command(server, &folder, &["--no-build", "--yes", "--rescan"]).output().unwrap());
    run.assert_error("remote-link-in-the-way", &[]);
    assert!(run.sent.is_empty() && run.deleted.is_empty(), "{}", run.text);
    let there: Vec<_> = fs::read_dir(&outside).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(there, ["құжат «ә».txt"], "nothing lands outside the site's folder");
    assert!(fs::symlink_metadata(&statics).unwrap().is_symlink());
}

/// Files beside the site's folder, as the server's user owns them (so a deploy that went
/// astray could delete them): what must survive every planted manifest.
const VICTIMS: &[&str] = &["victim.txt", ".victim.txt.ashyq-part", "victim/inner.txt", "victim/.inner.txt.ashyq-part"];

/// A manifest on the server is input from outside. Planted with a path that leaves the site's
/// folder, in `files` or in `pending`, it is not trusted: the deploy says so, reads the folder
/// instead, and the files beside the site's folder are still there, byte for byte. A name in the
/// folder that is no path inside it is skipped with a warning and left alone.
fn planted_manifests_never_reach_outside(server: &Server) {
    let site = Site::new(server, true);
    let parent = format!("public_html/trap-{}-{}", server.name, std::process::id());
    let folder = format!("{parent}/site");
    let run = Run::new(site.command(server, &folder, &[]).output().unwrap());
    run.assert_ok();
    let dir = server.home.join(&folder);
    let outside = server.home.join(&parent);
    let owner = fs::metadata(&dir).unwrap();
    let own = |p: &Path| std::os::unix::fs::chown(p, Some(owner.uid()), Some(owner.gid())).unwrap();
    fs::create_dir_all(outside.join("victim")).unwrap();
    own(&outside);
    own(&outside.join("victim"));
    for v in VICTIMS {
        fs::write(outside.join(v), format!("«{v}» сәлем, ә ң ё\n")).unwrap();
        own(&outside.join(v));
    }
    let victims =
        || -> BTreeMap<&str, Vec<u8>> { VICTIMS.iter().map(|v| (*v, fs::read(outside.join(v)).unwrap())).collect() };
    let before = victims();
    // How the server names the outside folder from its root: sshd has no chroot here.
    let absolute = if server.name == "sshd" { outside.display().to_string() } else { format!("/{parent}") };
    let bad = [
        "../victim.txt".to_owned(),
        "a/../../victim/inner.txt".to_owned(),
        format!("{absolute}/victim.txt"),
        "kk/index.html\r\nDELE ../victim.txt".to_owned(),
        "..\\victim.txt".to_owned(),
    ];
    let manifest = dir.join(".ashyq-manifest.json");
    for entry in &bad {
        for field in ["files", "pending"] {
            let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
            if field == "files" {
                json["files"][entry] = serde_json::json!({"size": 1, "sha256": null});
            } else {
                json["pending"] = serde_json::json!(["kk/index.html", entry]);
            }
            fs::write(&manifest, serde_json::to_vec(&json).unwrap()).unwrap();
            let run = Run::new(site.command(server, &folder, &["--no-build", "--yes"]).output().unwrap());
            assert_eq!(victims(), before, "{field} {entry:?}:\n{}", run.text);
            run.assert_ok();
            assert!(run.text.contains("cannot be trusted"), "{field} {entry:?}:\n{}", run.text);
            assert!(run.deleted.is_empty(), "{field} {entry:?}: nothing to delete:\n{}", run.text);
            assert_same(&site.public(), &dir);
        }
    }

    // A manifest that never ends, as far as a client can tell: 4 GiB (sparse, so it costs the
    // server no disk). Read whole it would take the machine's memory; ashyq stops after 64 MiB,
    // says why, reads the folder instead and writes its own manifest again.
    let endless = fs::File::create(&manifest).unwrap();
    endless.set_len(4 << 30).unwrap();
    drop(endless);
    own(&manifest);
    let deploy = site.command(server, &folder, &["--no-build", "--yes"]);
    let run = Run::new(within_memory(&deploy, 1 << 30).output().unwrap());
    run.assert_ok();
    assert!(run.text.contains("is larger than 64.0 MB"), "{}", run.text);
    assert!(fs::metadata(&manifest).unwrap().len() < 1 << 20, "the manifest is written anew");
    assert_eq!(victims(), before);
    assert_same(&site.public(), &dir);

    // A name in the folder that is no path inside it: skipped with a warning, left alone.
    let odd = dir.join("a\\b.txt");
    fs::write(&odd, "қалсын").unwrap();
    own(&odd);
    let run = Run::new(site.command(server, &folder, &["--no-build", "--yes", "--rescan"]).output().unwrap());
    run.assert_ok();
    assert!(run.text.contains("a\\\\b.txt") && run.text.contains("is skipped"), "{}", run.text);
    assert_eq!(fs::read_to_string(&odd).unwrap(), "қалсын");
    fs::remove_file(&odd).unwrap();
    assert_same(&site.public(), &dir);
}

/// `command` run by util-linux's `prlimit` with at most `bytes` of data memory, so that reading
/// more than that fails the run instead of passing slowly on a machine with plenty.
fn within_memory(command: &Command, bytes: u64) -> Command {
    let mut limited = Command::new("prlimit");
    limited.arg(format!("--data={bytes}")).arg(command.get_program()).args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(v) => limited.env(key, v),
            None => limited.env_remove(key),
        };
    }
    limited.stdin(Stdio::null());
    limited
}

#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn proftpd_ftps_with_session_reuse() {
    let server = Server::get("proftpd-ftps");
    let seen = tls_log(&server).len();
    story(&server, &STORY);
    self_signed_refused_unless_insecure(&server);
    let log = tls_log(&server);
    assert!(log[seen..].contains("TLSv1.2 data connection accepted"), "TLS 1.2 was chosen");
    assert!(!log[seen..].contains("did not reuse"), "every data connection resumed the session");
}

#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn proftpd_ftps_tls12_only() {
    let server = Server::get("proftpd-ftps12");
    let site = Site::new(&server, false);
    site.deploy(&server, &[]).assert_ok();
    assert_same(&site.public(), &server.home.join(&site.folder));
}

/// TLS 1.3 with mod_tls's session-reuse requirement: rustls spends one ticket per data
/// connection and proftpd hands out two per control connection, so a naive client fails on the
/// third file. Every data connection must have resumed.
#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn proftpd_ftps_tls13_only_with_session_reuse() {
    let server = Server::get("proftpd-ftps13");
    let seen = tls_log(&server).len();
    // Every two files cost a new control connection here: fewer files keep the test short.
    story(&server, &Story { bulk: 60, ..STORY });
    let log = tls_log(&server);
    assert!(log[seen..].contains("TLSv1.3 data connection accepted"), "TLS 1.3 was used");
    assert!(!log[seen..].contains("did not reuse"), "every data connection resumed the session");
}

/// proftpd's TLS log: what each data connection did.
fn tls_log(server: &Server) -> String {
    fs::read_to_string(server.ctl.join("tls.log")).unwrap_or_default()
}

/// Without the test certificate among the trusted ones, FTPS refuses the server; --insecure
/// lets it in.
fn self_signed_refused_unless_insecure(server: &Server) {
    let site = Site::new(server, false);
    let mut cmd = site.command(server, "self-signed", &[]);
    cmd.env_remove("SSL_CERT_FILE");
    Run::new(cmd.output().unwrap()).assert_error("certificate-untrusted", &[]);
    let mut cmd = site.command(server, "self-signed", &["--insecure"]);
    cmd.env_remove("SSL_CERT_FILE");
    Run::new(cmd.output().unwrap()).assert_ok();
    assert_same(&site.public(), &server.home.join("self-signed"));
}

#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn pyftpdlib_ftp() {
    let server = Server::get("pyftpdlib");
    story(&server, &STORY);
    a_large_file_is_sent_as_it_is_read(&server);
    a_folder_without_end_is_refused(&server);
    a_listing_without_end_is_refused(&server);
}

/// The folder listing is input from outside too: `endless/` on this server holds 2,000 folders
/// in every folder (as a server that reports a folder loop as folders shows one). The deploy
/// stops after 200,000 entries, says why, and changes nothing.
fn a_folder_without_end_is_refused(server: &Server) {
    refused_before_it_ends(server, "endless/сайт");
}

/// One folder's listing may not end either: `flood/`'s names come without end in one reply.
/// Read whole (as suppaftp's `mlsd` reads it) the reply would fill the memory; the deploy reads
/// it as it comes and stops after 200,000 names, in a process allowed 512 MiB.
fn a_listing_without_end_is_refused(server: &Server) {
    refused_before_it_ends(server, "flood");
}

/// A deploy into `folder` stops with `remote-folder-too-large` within two minutes (it takes
/// seconds; without the bound it never ends), in at most 512 MiB, having changed nothing.
fn refused_before_it_ends(server: &Server, folder: &str) {
    let site = Site::new(server, true);
    let deploy = site.command(server, folder, &[]);
    let mut child = within_memory(&deploy, 512 << 20).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    for _ in 0..1200 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
        panic!("the deploy was still listing {folder} after two minutes");
    }
    let run = Run::new(child.wait_with_output().unwrap());
    run.assert_error("remote-folder-too-large", &[]);
    assert!(run.text.contains("more than 200,000 files and folders"), "{}", run.text);
    assert!(run.sent.is_empty() && run.deleted.is_empty(), "{}", run.text);
}

/// An attachment may be larger than the memory: a video of the public discussion. A 256 MiB
/// file (sparse here) reaches the server whole from a deploy allowed 128 MiB of data memory,
/// which fails if the file is read whole before it is sent.
fn a_large_file_is_sent_as_it_is_read(server: &Server) {
    let site = Site::new(server, true);
    site.deploy(server, &[]).assert_ok();
    let name = "files/талқылау «ә».mp4";
    fs::create_dir_all(site.public().join("files")).unwrap();
    let video = fs::File::create(site.public().join(name)).unwrap();
    video.set_len(256 << 20).unwrap();
    drop(video);
    let deploy = site.command(server, &site.folder, &["--no-build"]);
    let run = Run::new(within_memory(&deploy, 128 << 20).output().unwrap());
    run.assert_ok();
    assert_eq!(run.sent, BTreeSet::from([name.to_owned()]), "{}", run.text);
    assert_same(&site.public(), &server.home.join(&site.folder));
}

#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn openssh_sftp() {
    let server = Server::get("sshd");
    story(&server, &Story { full_disk: &["disk-full"], ..STORY });
    host_key_and_login_by_key(&server);
    a_large_file_is_sent_as_it_is_read(&server);
    links_on_the_server_are_left_alone(&server);
}

/// An unknown server key is refused, accepted with --accept-new-host-key and remembered; a
/// changed one is refused; a key logs in without any password.
fn host_key_and_login_by_key(server: &Server) {
    let site = Site::new(server, false);
    let known = site.home.join(".ssh/known_hosts");
    Run::new(site.command(server, "keyed", &[]).output().unwrap()).assert_error("host-key-unknown", &[]);
    assert!(!known.exists() || fs::read_to_string(&known).unwrap().is_empty());

    // Accepted once, remembered, and then a login by key with no password anywhere.
    let key = env("ASHYQ_TEST_SSH_KEY");
    let mut cmd = site.command(server, "keyed", &["--accept-new-host-key", "--identity", &key]);
    let run = Run::new(cmd.env_remove("ASHYQ_DEPLOY_PASSWORD").output().unwrap());
    run.assert_ok();
    assert!(run.text.contains("was added to"), "{}", run.text);
    assert!(fs::read_to_string(&known).unwrap().contains("ssh-ed25519"));
    assert!(!run.text.contains("PRIVATE KEY"));
    assert_same(&site.public(), &server.home.join("keyed"));
    let mut cmd = site.command(server, "keyed", &["--identity", &key]);
    Run::new(cmd.env_remove("ASHYQ_DEPLOY_PASSWORD").output().unwrap()).assert_ok();

    // A changed key is refused, naming the line to remove.
    let other = site.tmp.path().join("other");
    let made = Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-f"]).arg(&other).status().unwrap();
    assert!(made.success());
    let other_key = fs::read_to_string(other.with_extension("pub")).unwrap();
    let host = fs::read_to_string(&known).unwrap().split(' ').next().unwrap().to_owned();
    fs::write(&known, format!("{host} {}", other_key)).unwrap();
    Run::new(site.command(server, "keyed", &[]).output().unwrap()).assert_error("host-key-changed", &[]);
}

/// Waits until the terminal of the process whose command line names `tag` has echo off, as read
/// by `stty` (coreutils) from the same pseudo-terminal the password is read from.
fn wait_for_echo_off(tag: &str) {
    let pty = || {
        fs::read_dir("/proc").ok()?.flatten().find_map(|p| {
            let cmdline = fs::read(p.path().join("cmdline")).ok()?;
            let tty = fs::read_link(p.path().join("fd/0")).ok()?;
            (String::from_utf8_lossy(&cmdline).contains(tag) && tty.starts_with("/dev/pts")).then_some(tty)
        })
    };
    for _ in 0..300 {
        if let Some(tty) = pty() {
            let stty = Command::new("stty").arg("-a").arg("-F").arg(&tty).output().expect("stty runs");
            if String::from_utf8_lossy(&stty.stdout).split_whitespace().any(|w| w == "-echo") {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the terminal never turned echo off for the password");
}

/// On a terminal, as the methodologist runs it: with no password in the environment, ashyq asks
/// for one without echoing what is typed, and shows a bar of bytes and files instead of a line
/// per file. `script` (util-linux) gives the run a terminal.
#[test]
#[ignore = "needs the test servers; scripts/test-all.sh starts them"]
fn on_a_terminal_the_password_is_asked_without_echo_and_a_bar_shows() {
    use std::io::{Read, Write};
    use std::sync::mpsc;

    let server = Server::get("pyftpdlib");
    let site = Site::new(&server, false);
    let folder = format!("{}-terminal", site.folder);
    let deploy = site.command(&server, &folder, &[]);
    let line: Vec<String> = std::iter::once(deploy.get_program())
        .chain(deploy.get_args())
        .map(|a| format!("'{}'", a.to_str().unwrap()))
        .collect();
    let mut child = Command::new("script")
        .args(["-qec", &line.join(" "), "/dev/null"])
        .env("HOME", &site.home)
        .env("SSL_CERT_FILE", env("ASHYQ_TEST_CERT"))
        .env_remove("ASHYQ_DEPLOY_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("util-linux's script runs");

    // The terminal's output, read beside us so that a missing prompt fails instead of hanging.
    let (tx, rx) = mpsc::channel();
    let mut out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0; 4096];
        while let Ok(n @ 1..) = out.read(&mut buf) {
            if tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("Password for ashyqtest@127.0.0.1:") {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(chunk) => seen.extend(chunk),
            Err(_) => panic!("no password prompt:\n{}", String::from_utf8_lossy(&seen)),
        }
    }
    // A person types after the prompt; a test could type before the terminal stops echoing, so it
    // waits, as a person's fingers do, until the terminal says echo is off.
    wait_for_echo_off(&folder);
    let password = env("ASHYQ_TEST_PASSWORD");
    child.stdin.take().unwrap().write_all(format!("{password}\n").as_bytes()).unwrap();
    let status = child.wait().unwrap();
    seen.extend(rx.iter().flatten());
    let text = String::from_utf8_lossy(&seen);

    assert!(status.success(), "{text}");
    assert!(!text.contains(&password), "the typed password is echoed:\n{text}");
    assert!(text.contains('█') && text.contains("\r\x1b[2K"), "a bar redrawn in place:\n{text}");
    assert!(!text.lines().any(|l| l.starts_with("sent ")), "no line per file under the bar:\n{text}");
    assert!(text.contains("Done in"), "the summary:\n{text}");
    assert_same(&site.public(), &server.home.join(&folder));
}
