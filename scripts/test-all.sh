#!/usr/bin/env bash
# Runs every test of ashyq, on a fresh machine too: what the tests need (Java for the Nu HTML
# Checker, the npm tools, the FTP, FTPS and SFTP servers that `ashyq deploy` is tried against)
# is installed first. `.ci/run` calls this; so can anyone (as root, for the servers).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# Debian packages the checks need, installed only when missing.
command -v java >/dev/null || scripts/apt-install.sh default-jre-headless
# chromium: the live reload and accessibility checks in a real browser; wrk: the preview under load;
# fonts-liberation: what most machines with Chromium print with (it recommends them), so that the
# print check sees the row heights users get.
scripts/apt-install.sh chromium fonts-liberation wrk curl
# pandoc: an independent reading of the .docx fixtures of `ashyq import` (tests/import.rs,
# tests/import_writers.rs); LibreOffice: the witness that the Strict and renamed-parts fixtures
# are documents a reader reads (tests/import_writers.rs).
scripts/apt-install.sh pandoc libreoffice-writer-nogui
# apache2: the .htaccess that `build` writes (htaccess: true), tried against a real Apache that
# tests/hosting_apache.rs starts on 127.0.0.1 with its own config and stops (Debian's own
# apache2 service is not started: apt-install.sh forbids it).
scripts/apt-install.sh apache2
# librsvg2-bin, zbar-tools: the notice-board QR code drawn to a picture and read by a scanner (tests/feed.rs).
scripts/apt-install.sh librsvg2-bin zbar-tools
# hunspell-kk, hunspell-ru: the spelling dictionaries `check` embeds (dictionaries/) must be
# Debian's, byte for byte (tests/spelling_dictionaries.rs).
scripts/apt-install.sh hunspell-kk hunspell-ru
step "npm tools (pinned in package-lock.json)"
# vnu-jar's install script would download its own Java; the machine's is used instead.
npm ci --no-audit --no-fund --ignore-scripts

step "the calendar's independent record: PyPI holidays (pinned) in a venv under target/"
scripts/apt-install.sh python3 python3-venv
[ -x target/oracle-venv/bin/python ] || python3 -m venv target/oracle-venv
target/oracle-venv/bin/pip install --quiet --disable-pip-version-check holidays==0.109 feedparser==6.0.14
# Read by tests/calendar.rs (pypi_holidays_agrees_on_every_day_of_2016_to_2027) and tests/feed.rs
# (feedparser_reads_valid_atom_with_our_titles_links_ids_and_order).
export ASHYQ_TEST_PYTHON="$PWD/target/oracle-venv/bin/python"

step "test servers for ashyq deploy on 127.0.0.1: proftpd, pyftpdlib, openssh"
serve_pid=""
full_disk="$PWD/target/full-disk"
cleanup() {
    [ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
    if mountpoint -q "$full_disk"; then umount "$full_disk" || true; fi
    scripts/test-servers.sh stop
}
trap cleanup EXIT
scripts/test-servers.sh start
# The ASHYQ_TEST_* variables the ignored deploy tests read.
# shellcheck disable=SC1091
source target/test-servers/env

step "a full disk for tests/full_disk.rs: a 256 KiB tmpfs at target/full-disk, unmounted at the end"
mkdir -p "$full_disk"
mountpoint -q "$full_disk" || mount -t tmpfs -o size=256k,mode=0755 tmpfs "$full_disk"
export ASHYQ_TEST_FULL_DISK="$full_disk"

step "the downloads: scripts/release.sh (Windows zip, static Linux tar.gz), for tests/download.rs"
# wine64 runs ashyq.exe out of the zip; file tells a static binary. release.sh installs its linkers
# (gcc-mingw-w64-x86-64, which also builds the tests' Windows helpers, and musl-tools).
scripts/apt-install.sh wine64 file
scripts/release.sh
export ASHYQ_TEST_DIST="${CARGO_TARGET_DIR:-$PWD/target}/dist"

step "format, lints and the API documentation's links"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# The Windows code (what sits behind cfg(windows)) is linted too.
cargo clippy --locked --target x86_64-pc-windows-gnu --lib --bins -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps

step "tests, including those that need real servers and browsers"
cargo test --locked -- --include-ignored

step "Nu HTML Checker on every page of the «Арай» site"
site=target/ci-site
cargo run --locked --release --quiet -- build --output "$site" --lang en
vnu=node_modules/vnu-jar/build/dist/vnu.jar
java -jar "$vnu" --skip-non-html --errors-only "$site"
find "$site" -name '*.css' -print0 | xargs -0 java -jar "$vnu" --css --errors-only
echo "no HTML or CSS errors in $(find "$site" -name '*.html' | wc -l) pages"

# The workspace's screens as the browser test left them (tests/workspace_http.rs, in Chromium).
java -jar "$vnu" --errors-only target/screenshots/workspace/*.html
echo "no HTML errors in the $(ls target/screenshots/workspace/*.html | wc -l) workspace screens"

step "accessibility in Chromium: axe-core (WCAG 2.1 AA) on every page, both languages, every look"
# Also: no request to another host, 50 KB per page, keyboard, 200 % zoom, no-JS, print.
# Screenshots and PDFs for people to look at go to target/screenshots/.
node tests/browser/a11y.mjs "$site" target/screenshots

step "the preview under load: wrk, 100 connections for 10 s"
cargo build --locked --release --quiet
log=target/ci-serve.log
./target/release/ashyq serve --port 0 --lang en >"$log.out" 2>"$log" &
serve_pid=$!
for _ in $(seq 600); do [ -s "$log.out" ] && break; sleep 0.1; done
url=$(head -n1 "$log.out")
if [ -z "$url" ]; then
    echo "the preview did not start within 60 s; its output:" >&2
    cat "$log" >&2
    exit 1
fi
page="${url}kk/2026/"
wrk_out=$(timeout 60 wrk -t2 -c100 -d10s --timeout 5s "$page")
echo "$wrk_out"
if grep -qE "Socket errors|Non-2xx" <<<"$wrk_out"; then
    echo "the preview gave errors under load" >&2
    exit 1
fi
status=$(curl -s -o /dev/null -w '%{http_code}' "$page")
[ "$status" = 200 ] || { echo "after the load the preview answered $status" >&2; exit 1; }
kill -INT $serve_pid
wait $serve_pid
serve_pid=""

step "all tests passed"
