//! `ashyq deploy` and `ashyq package` where no server is needed: the zip of the «Арай» site,
//! and the refusals that come before any upload.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::Read;
use std::process::Command;

fn run(args: &[&str], password: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ashyq"));
    cmd.args(args).env_remove("ASHYQ_DEPLOY_PASSWORD");
    if let Some(p) = password {
        cmd.env("ASHYQ_DEPLOY_PASSWORD", p);
    }
    let out = cmd.output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn package_zips_the_arai_site_the_same_way_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for part in ["content", "themes"] {
        common::copy_dir(&common::repo().join(part), &root.join(part));
    }
    fs::copy(common::repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    let (one, two) = (tmp.path().join("one.zip"), tmp.path().join("two.zip"));
    for zip in [&one, &two] {
        let (ok, text) = run(
            &["package", "--root", root.to_str().unwrap(), "--output", zip.to_str().unwrap(), "--lang", "en"],
            None,
        );
        assert!(ok, "{text}");
        assert!(text.contains("files") && text.contains("extract"), "{text}");
    }
    assert_eq!(fs::read(&one).unwrap(), fs::read(&two).unwrap(), "the same bytes");

    // Everything of public/ and nothing else, at the top of the zip, unpacked as it was.
    let mut public = common::tree(&root.join("public"));
    assert!(public.remove(".ashyq-output").is_some());
    let mut archive = zip::ZipArchive::new(fs::File::open(&one).unwrap()).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        if entry.is_file() {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            files.insert(entry.name().unwrap().into_owned(), bytes);
        }
    }
    assert_eq!(files, public);
}

/// A file larger than the memory ashyq may take goes into the zip as it is read: 64 MiB (sparse)
/// packed by a run allowed 48 MiB of data memory (util-linux's `prlimit`), which fails if the
/// file is read whole first.
#[test]
fn package_packs_a_large_file_as_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, zip) = (tmp.path().join("сайт"), tmp.path().join("сайт.zip"));
    common::copy_dir(&common::fixture("minimal"), &site);
    let r = site.to_str().unwrap();
    assert!(run(&["build", "--root", r], None).0);
    let video = fs::File::create(site.join("public/бейне «ә».mp4")).unwrap();
    video.set_len(64 << 20).unwrap();
    drop(video);
    let out = Command::new("prlimit")
        .arg(format!("--data={}", 48 << 20))
        .arg(env!("CARGO_BIN_EXE_ashyq"))
        .args(["package", "--root", r, "--no-build", "--output", zip.to_str().unwrap(), "--lang", "en"])
        .output()
        .expect("util-linux's prlimit runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut archive = zip::ZipArchive::new(fs::File::open(&zip).unwrap()).unwrap();
    assert_eq!(archive.by_name("бейне «ә».mp4").unwrap().size(), 64 << 20);
}

#[test]
fn a_password_in_the_url_is_refused_and_never_shown() {
    let (ok, text) = run(&["deploy", "--url", "ftp://arai:Hunter2Secret@127.0.0.1:1/x", "--lang", "en"], None);
    assert!(!ok);
    assert!(text.contains("[password-in-url]"), "{text}");
    assert!(!text.contains("Hunter2Secret"), "{text}");
}

#[test]
fn a_wrong_url_on_the_command_line_is_blamed_on_the_flag_not_site_yaml() {
    for lang in ["kk", "ru", "en"] {
        let (ok, text) = run(&["deploy", "--url", "htp://арай.kz/«сайт»", "--lang", lang], None);
        assert!(!ok);
        assert!(text.contains("[bad-deploy-url]") && text.contains("--url"), "{text}");
        assert!(!text.contains("site.yaml"), "{text}");
        let (ok, text) = run(&["deploy", "--url", "ftp://arai:Hunter2Secret@127.0.0.1:1/x", "--lang", lang], None);
        assert!(!ok);
        assert!(text.contains("[password-in-url]") && text.contains("--url"), "{text}");
        assert!(!text.contains("site.yaml") && !text.contains("deploy.url"), "{text}");
    }
}

#[test]
fn without_an_address_deploy_says_where_to_write_one() {
    let root = common::fixture("golden/site");
    let (ok, text) = run(&["deploy", "--root", root.to_str().unwrap(), "--dry-run", "--lang", "en"], None);
    assert!(!ok);
    assert!(text.contains("[no-deploy-url]") && text.contains("site.yaml"), "{text}");
}

/// A port on 127.0.0.1 that nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_closed_port_fails_at_once_with_one_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&common::fixture("golden/site"), &root);
    for scheme in ["ftp", "ftps", "sftp"] {
        for dry_run in [false, true] {
            let url = format!("{scheme}://arai@127.0.0.1:{}/site", closed_port());
            let mut args = vec!["deploy", "--root", root.to_str().unwrap(), "--url", &url, "--lang", "en"];
            if dry_run {
                args.push("--dry-run");
            }
            let started = std::time::Instant::now();
            let (ok, text) = run(&args, Some("Hunter2Secret"));
            // A generous bound (the old retries took 31 s) so that a busy machine does not fail it.
            assert!(started.elapsed().as_secs() < 10, "{scheme} {dry_run}: took {:?}\n{text}", started.elapsed());
            assert!(!ok);
            assert!(!text.contains("trying again"), "a refused connection is not retried: {text}");
            let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("error: ")).collect();
            assert_eq!(errors.len(), 1, "{text}");
            assert!(errors[0].ends_with("[cannot-connect]") && errors[0].contains("port"), "{text}");
            assert!(!text.contains("Hunter2Secret"), "{text}");
        }
    }
}

#[test]
fn a_server_name_that_does_not_resolve_is_one_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&common::fixture("golden/site"), &root);
    // `.invalid` never resolves (RFC 6761), with or without a network.
    let url = "ftp://arai@no-such-host.invalid/site";
    let (ok, text) =
        run(&["deploy", "--root", root.to_str().unwrap(), "--url", url, "--lang", "en"], Some("Hunter2Secret"));
    assert!(!ok);
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(errors[0].contains("no-such-host.invalid") && errors[0].ends_with("[cannot-resolve]"), "{text}");
    // The address came with --url: the message sends the user there, not to site.yaml's deploy.url.
    assert!(errors[0].contains("--url") && !errors[0].contains("deploy.url"), "{text}");
    assert!(!text.contains("trying again"), "a name that does not resolve is not retried: {text}");
    assert!(!text.contains("Hunter2Secret"), "{text}");
}

/// The check fixtures' site with places still to fill in: one in the frontmatter (line 4), one
/// on a CRLF line of the body (line 18), both Cyrillic.
fn site_with_placeholders(dir: &std::path::Path) -> std::path::PathBuf {
    let root = dir.join("site");
    common::copy_dir(&common::fixture("check/base"), &root);
    common::copy_dir(&common::fixture("check/fill-in/fires"), &root);
    root
}

const MARKERS: [&str; 2] = [
    "content/anticorruption/2027/order.kk.md:4: {level}: still to fill in: бұйрық нөмірі [fill-in]",
    "content/anticorruption/2027/order.kk.md:18: {level}: still to fill in: «Ә» ё — аты-жөні [fill-in]",
];

fn listed(text: &str, level: &str) -> bool {
    MARKERS.iter().all(|m| text.lines().filter(|l| *l == m.replace("{level}", level)).count() == 1)
}

#[test]
fn build_refuses_places_still_to_fill_in_as_deploy_does_unless_allowed() {
    // Issue 24 §4: whoever uploads public/ by hand must not publish a place to fill in.
    let tmp = tempfile::tempdir().unwrap();
    let root = site_with_placeholders(tmp.path());
    let out = tmp.path().join("out");
    let build = |extra: &[&str]| {
        let mut args =
            vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap(), "--lang", "en"];
        args.extend(extra);
        run(&args, None)
    };
    let (ok, text) = build(&[]);
    assert!(!ok, "{text}");
    assert!(listed(&text, "error") && text.contains("[build-placeholders-refused]"), "{text}");
    assert!(!out.exists(), "nothing written");

    // Allowed on purpose: built, each place listed as a warning, said loudly, and marked on the page.
    let (ok, text) = build(&["--allow-placeholders"]);
    assert!(ok, "{text}");
    assert!(listed(&text, "warning") && text.contains("ATTENTION: --allow-placeholders is given"), "{text}");
    let order = fs::read_to_string(out.join("kk/anticorruption/2027/order/index.html")).unwrap();
    assert!(order.contains("<mark class=\"fill-in\">[[ТОЛТЫРЫҢЫЗ:"), "{order}");

    // `check` names the same finding the same way, at the same level.
    let check = common::ashyq(&["check", "--root", root.to_str().unwrap(), "--lang", "en"]);
    assert!(listed(&String::from_utf8_lossy(&check.stdout), "error"), "{}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn package_and_deploy_refuse_places_still_to_fill_in_before_touching_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_with_placeholders(tmp.path());
    let r = root.to_str().unwrap();
    let zip = tmp.path().join("site.zip");
    let (ok, text) = run(&["package", "--root", r, "--output", zip.to_str().unwrap(), "--lang", "en"], None);
    assert!(!ok);
    assert!(listed(&text, "error") && text.contains("(2, ") && text.contains("[placeholders-refused]"), "{text}");
    assert!(!zip.exists() && !root.join("public").exists(), "nothing written: {:?}", common::tree(tmp.path()).keys());

    // Refused before the build and before any connection (the port is closed: no retry is tried).
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("sftp://arai@127.0.0.1:{port}/site");
    let (ok, text) = run(&["deploy", "--root", r, "--url", &url, "--lang", "en"], Some("x"));
    assert!(!ok);
    assert!(listed(&text, "error") && text.contains("[placeholders-refused]"), "{text}");
    assert!(!text.contains("[cannot-connect]") && !text.contains("trying again"), "{text}");
    assert!(!root.join("public").exists());
}

#[test]
fn allow_placeholders_publishes_them_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let root = site_with_placeholders(tmp.path());
    let r = root.to_str().unwrap();
    let zip = tmp.path().join("site.zip");
    let args = ["package", "--root", r, "--output", zip.to_str().unwrap(), "--allow-placeholders", "--lang", "en"];
    let (ok, text) = run(&args, None);
    assert!(ok, "{text}");
    assert!(text.contains("ATTENTION: --allow-placeholders is given") && listed(&text, "warning"), "{text}");
    assert!(zip.is_file());

    // deploy goes on to the server (which does not exist) after saying so.
    let url = "ftp://arai@no-such-host.invalid/site";
    let (ok, text) = run(&["deploy", "--root", r, "--url", url, "--allow-placeholders", "--lang", "en"], Some("x"));
    assert!(!ok);
    assert!(text.contains("ATTENTION: --allow-placeholders is given"), "{text}");
    assert!(text.contains("[cannot-resolve]"), "{text}");
}

#[test]
fn package_names_the_zip_after_the_site_and_the_day() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    common::copy_dir(&common::fixture("check/base"), &root);
    let out = Command::new(env!("CARGO_BIN_EXE_ashyq"))
        .args(["package", "--root", root.to_str().unwrap(), "--lang", "en"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let zips: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".zip"))
        .collect();
    assert_eq!(zips.len(), 1, "{zips:?}");
    // example-school.kz-YYYY-MM-DD.zip
    let day = zips[0].strip_prefix("example-school.kz-").and_then(|r| r.strip_suffix(".zip")).expect(&zips[0]);
    let digits: Vec<bool> = day.chars().map(|c| c.is_ascii_digit()).collect();
    assert_eq!(day.len(), 10, "{day}");
    assert!(digits.iter().enumerate().all(|(i, d)| *d == !matches!(i, 4 | 7)), "{day}");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&zips[0]));
}

#[test]
fn a_built_name_that_would_break_a_server_command_is_refused_before_connecting() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    // A folder name with a line break: sent as is, it would end an FTP command and start another.
    fs::create_dir_all(public.join("kk\r\nDELE index.html")).unwrap();
    fs::write(public.join("kk\r\nDELE index.html/index.html"), "сәлем").unwrap();
    fs::write(public.join("index.html"), "").unwrap();
    fs::write(public.join(".ashyq-output"), "").unwrap();
    let url = format!("ftp://arai@127.0.0.1:{}/site", closed_port());
    let args = ["deploy", "--no-build", "--dir", public.to_str().unwrap(), "--url", &url, "--lang", "en"];
    let (ok, text) = run(&args, Some("Hunter2Secret"));
    assert!(!ok);
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(errors[0].ends_with("[local-name-refused]") && errors[0].contains(r"kk\r\nDELE index.html"), "{text}");
    assert!(!text.contains("connecting"), "refused before any connection: {text}");
}
