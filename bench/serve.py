#!/usr/bin/env python3
"""Benchmark of the preview: the time from saving one document to the reload event that open
pages receive, i.e. (the workspace's save +) file-system notice + debounce + incremental rebuild +
event.

Runs `ashyq serve` (release build) on a copy of the «Арай» site and on a generated corpus of
10,000 pages and saves one document RUNS times: by writing its file (`file`, as an editor does) and
through the workspace's interface (`workspace`: the PUT that the workspace's form makes, with its
version check, the loader's check and the atomic write, timed from the request). Prints the
median and the spread of each.

    python3 bench/serve.py
    python3 bench/serve.py --runs 30 --sites arai --via workspace
"""
import json
import urllib.parse
import urllib.request
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(REPO, "..", "shared", "bench"))


def events(addr):
    host, port = addr.split(":")
    s = socket.create_connection((host, int(port)), timeout=30)
    # The preview answers only requests addressed to this computer.
    s.sendall(f"GET /__ashyq/events HTTP/1.1\r\nHost: {addr}\r\n\r\n".encode())
    return s.makefile("rb")


def workspace_put(addr, key, doc, line):
    """Saves `doc` with `line` added, as the workspace's page does: the text and its version."""
    port = addr.split(":")[1]
    headers = {"Cookie": f"ashyq_key_{port}={key}", "Origin": f"http://{addr}", "Content-Type": "application/json"}
    target = f"http://{addr}/_ashyq/api/file?path=" + urllib.parse.quote(doc, safe="")
    got = json.load(urllib.request.urlopen(urllib.request.Request(target, headers=headers)))
    body = json.dumps({"text": got["text"] + line, "version": got["version"]}).encode()
    start = time.perf_counter()
    urllib.request.urlopen(urllib.request.Request(target, data=body, headers=headers, method="PUT")).read()
    return start


def next_reload(stream):
    reload = False
    while True:
        line = stream.readline()
        if not line:
            sys.exit("the event stream closed")
        if line.startswith(b"event: reload"):
            reload = True
        elif reload and line.startswith(b"data: "):
            return int(line[6:])


def measure(site, doc, runs, via):
    proc = subprocess.Popen([os.path.join(REPO, "target", "release", "ashyq"), "serve", "--root", site,
                             "--port", "0", "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        url = proc.stdout.readline().decode().strip()
        key = proc.stdout.readline().decode().strip().rsplit("?key=", 1)[-1]
        addr = url.removeprefix("http://").rstrip("/")
        stream = events(addr)
        next_reload(stream)
        path = os.path.join(site, "content", doc)
        times = []
        for i in range(runs):
            time.sleep(0.3)
            line = f"\nӨзгеріс {i}.\n"
            if via == "workspace":
                start = workspace_put(addr, key, doc, line)
            else:
                with open(path, "a", encoding="utf-8") as f:
                    f.write(line)
                start = time.perf_counter()
            next_reload(stream)
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--sites", default="arai,10000")
    ap.add_argument("--via", default="file,workspace", help="how a save is made: file, workspace, or both")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(REPO, "Cargo.toml")],
                   check=True)
    work = tempfile.mkdtemp(prefix="ashyq-serve-bench-")
    rows = []
    try:
        for name in a.sites.split(","):
            site = os.path.join(work, name)
            if name == "arai":
                os.makedirs(site)
                shutil.copy(os.path.join(REPO, "site.yaml"), site)
                shutil.copytree(os.path.join(REPO, "content"), os.path.join(site, "content"))
                doc = "2026/report.kk.md"
            else:
                sections = int(name) // 200
                subprocess.run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--layout", "ours",
                                "--sections", str(sections), "--docs", "100", "--out", site],
                               check=True, stdout=subprocess.DEVNULL)
                doc = f"s{sections // 2:04d}/d050.kk.md"
            pages = sum(1 for r, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md"))
            for via in a.via.split(","):
                t = measure(site, doc, a.runs, via)
                q = statistics.quantiles(t, n=10)
                rows.append((name, via, pages, statistics.median(t), q[0], q[-1], max(t)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'site':<8} {'save by':<10} {'pages':>6} {'median ms':>10} {'p10 ms':>8} {'p90 ms':>8} {'max ms':>8}")
    for name, via, pages, med, p10, p90, mx in rows:
        print(f"{name:<8} {via:<10} {pages:>6} {med:>10.1f} {p10:>8.1f} {p90:>8.1f} {mx:>8.1f}")
    print(f"\nsave of one document to the reload event, {a.runs} saves each (includes the 30 ms debounce)")


if __name__ == "__main__":
    main()
