#!/usr/bin/env bash
# Makes the downloads, in target/dist/ (under $CARGO_TARGET_DIR when it is set):
#   ashyq-VERSION-windows-x86_64.zip     ashyq.exe and README.txt (kk, ru: what to double-click,
#                                        what happens, where the site is, how to stop it)
#   ashyq-VERSION-linux-x86_64.tar.gz    ashyq, a static binary (musl): any Linux, no glibc needed
#   SHA256SUMS                           of both
# Both are built with the `download` profile (release, without symbol tables) from this machine:
# the linkers are Debian's gcc-mingw-w64-x86-64 and musl-tools (set per target in
# .cargo/config.toml), installed here when missing, and the Rust targets come from rustup.
# The archives are made the same way every time (fixed times, owners and order); the programs in
# them are not yet bit for bit reproducible (mimalloc's __DATE__/__TIME__, the PE timestamp).
#
#   scripts/release.sh
set -euo pipefail
cd "$(dirname "$0")/.."

windows=x86_64-pc-windows-gnu
linux=x86_64-unknown-linux-musl
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
target=${CARGO_TARGET_DIR:-target}
dist="$target/dist"

scripts/apt-install.sh gcc-mingw-w64-x86-64 musl-tools
installed=$(rustup target list --installed)
for t in $windows $linux; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
done

printf '==> building ashyq %s for Windows and for Linux (static)\n' "$version"
cargo build --locked --profile download --target $windows --target $linux

rm -rf "$dist"
mkdir -p "$dist"
exe="$target/$windows/download/ashyq.exe"
bin="$target/$linux/download/ashyq"
zip="ashyq-$version-windows-x86_64.zip"
tgz="ashyq-$version-linux-x86_64.tar.gz"

# The read-me as Notepad reads it everywhere: UTF-8 with a byte-order mark, CRLF line ends.
# Zip entries: fixed time, `ashyq.exe` executable, names in ASCII (Explorer shows them whole).
python3 - "$dist/$zip" "$exe" "$version" <<'PY'
import sys, zipfile
out, exe, version = sys.argv[1:4]
readme = open("scripts/release/README.txt", encoding="utf-8").read().replace("{VERSION}", version)
readme = "\ufeff" + readme.replace("\r\n", "\n").replace("\n", "\r\n")
when = (2026, 1, 1, 0, 0, 0)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name, data, mode in [("ashyq.exe", open(exe, "rb").read(), 0o755), ("README.txt", readme.encode("utf-8"), 0o644)]:
        info = zipfile.ZipInfo(name, when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o100000 | mode) << 16
        z.writestr(info, data)
PY

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
folder="ashyq-$version-linux-x86_64"
mkdir "$stage/$folder"
install -m 755 "$bin" "$stage/$folder/ashyq"
tar --sort=name --mtime='2026-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
    -C "$stage" -cf - "$folder" | gzip -9 -n >"$dist/$tgz"

(cd "$dist" && sha256sum "$zip" "$tgz" >SHA256SUMS)
printf '==> %s\n' "$dist"
for f in "$dist/$zip" "$dist/$tgz" "$exe" "$bin"; do
    printf '    %-60s %9d bytes\n' "$f" "$(stat -c %s "$f")"
done
