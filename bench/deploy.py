#!/usr/bin/env python3
"""Benchmark of `ashyq deploy` over a slow link, beside `rclone sync` on the same link.

The link: a delaying TCP proxy on 127.0.0.2 (the kernel here has no netem) that holds every
chunk 30 ms (`--delay`) in each direction before passing it on to the real server on 127.0.0.1,
so a round trip costs 60 ms more. FTP's data connections go through it too: it listens on the
server's passive ports as well, and clients connect to the control connection's address for them
(ashyq always; rclone by EPSV). The servers are those `scripts/test-servers.sh start` runs
(sshd, proftpd, proftpd with FTPS), as root; this reads target/test-servers/env.

Each client deploys the «Арай» site (built once, ~31 files, 0.5 MB) to a new folder (the first
deploy), then again with no change; every run of each is timed from start to exit, RUNS times,
clients in turn. ashyq runs with --no-build (the build is not the link's) at each width given,
and `--baseline BIN` runs an earlier ashyq as it is (one file after another before issue 25).

    sudo scripts/test-servers.sh start
    python3 bench/deploy.py
    python3 bench/deploy.py --protocols sftp --widths 1,4,8,16 --runs 5 --baseline target/ashyq-serial
"""
import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROXY_HOST = "127.0.0.2"


def read_env():
    path = os.path.join(REPO, "target", "test-servers", "env")
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run `sudo scripts/test-servers.sh start` first")
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("export ") and "=" in line:
                key, value = line[len("export ") :].split("=", 1)
                env[key] = value
    return env


class Proxy:
    """Forwards PROXY_HOST:port to 127.0.0.1:port for each port, every chunk `delay` seconds late
    in each direction, in order."""

    def __init__(self, ports, delay):
        self.ports, self.delay = ports, delay
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        if not self.ready.wait(10):
            sys.exit("the delaying proxy did not start")
        return self

    def __exit__(self, *_):
        async def shutdown():
            for server in self.servers:
                server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _run(self):
        asyncio.set_event_loop(self.loop)

        def quiet(loop, context):
            # Connections cut off when the proxy stops are no news.
            if not isinstance(context.get("exception"), asyncio.CancelledError):
                loop.default_exception_handler(context)

        self.loop.set_exception_handler(quiet)
        self.servers = []
        for port in self.ports:
            start = asyncio.start_server(self._serve(port), PROXY_HOST, port)
            self.servers.append(self.loop.run_until_complete(start))
        self.ready.set()
        self.loop.run_forever()
        self.loop.close()

    def _serve(self, port):
        async def serve(client_r, client_w):
            try:
                server_r, server_w = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                client_w.close()
                return
            for w in (client_w, server_w):
                sock = w.get_extra_info("socket")
                if sock is not None:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            await asyncio.gather(self._pump(client_r, server_w), self._pump(server_r, client_w))

        return serve

    async def _pump(self, reader, writer):
        """Copies reader to writer, each chunk `delay` late; the end of input too."""
        queue = asyncio.Queue()
        loop = asyncio.get_running_loop()

        async def write():
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                try:
                    if not data:
                        if writer.can_write_eof():
                            writer.write_eof()
                        return
                    writer.write(data)
                    await writer.drain()
                except (ConnectionError, OSError):
                    return

        writing = asyncio.create_task(write())
        while True:
            try:
                data = await reader.read(1 << 16)
            except (ConnectionError, OSError):
                data = b""
            queue.put_nowait((loop.time() + self.delay, data))
            if not data:
                break
        await writing
        writer.close()


def ports_of(env, name):
    var = name.upper().replace("-", "_")
    url = env[f"ASHYQ_TEST_{var}_URL"]
    port = int(url.split("@", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
    ports = [port]
    pasv = env.get(f"ASHYQ_TEST_{var}_PASV")
    if pasv:
        lo, hi = map(int, pasv.split("-"))
        ports.extend(range(lo, hi + 1))
    return url, port, ports


def run_timed(cmd, env):
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    took = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}")
    return took, out.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protocols", default="sftp,ftp,ftps",
                    help="of sftp (sshd, logging in by the test key), ftp and ftps (proftpd), pyftpdlib (FTP)")
    ap.add_argument("--widths", default="1,2,4,8,16", help="ashyq --parallel values to run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delay", type=float, default=0.030, help="seconds each way")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "ashyq"))
    ap.add_argument("--no-build", action="store_true", help="use --bin as it is")
    ap.add_argument("--baseline", help="an earlier ashyq to run beside, as it is")
    ap.add_argument("--rclone-transfers", default="4,8", help="rclone --transfers values ('' for none)")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    env = read_env()
    servers = {"sftp": "sshd", "ftp": "proftpd-ftp", "ftps": "proftpd-ftps", "pyftpdlib": "pyftpdlib"}
    protocols = [p for p in args.protocols.split(",") if p]
    tmp = tempfile.mkdtemp(prefix="ashyq-bench-deploy-")
    try:
        public = os.path.join(tmp, "public")
        subprocess.run([args.bin, "build", "--root", REPO, "--output", public, "--lang", "en"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        files = sum(len(fs) for _, _, fs in os.walk(public)) - 1
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(public) for f in fs)
        print(f"«Арай»: {files} files, {size / 1e6:.2f} MB; link: +{args.delay * 1000:.0f} ms each way "
              f"({PROXY_HOST} -> 127.0.0.1); {args.runs} runs, median (min-max) in seconds")
        home = os.path.join(tmp, "home")
        os.makedirs(os.path.join(home, ".ssh"))
        # Both of sshd's host keys: rclone asks for ECDSA first, and refuses a server known by
        # another key type as changed.
        sshd_port = ports_of(env, "sshd")[1]
        known_hosts = os.path.join(home, ".ssh", "known_hosts")
        with open(known_hosts, "w") as f:
            for kind in ("ed25519", "ecdsa"):
                with open(os.path.join(env["ASHYQ_TEST_SSHD_CTL"], f"host_{kind}.pub")) as pub:
                    f.write(f"[{PROXY_HOST}]:{sshd_port} {' '.join(pub.read().split()[:2])}\n")
        run_env = dict(os.environ, HOME=home, ASHYQ_DEPLOY_PASSWORD=env["ASHYQ_TEST_PASSWORD"],
                       SSL_CERT_FILE=env["ASHYQ_TEST_CERT"])
        run_env.pop("SSH_AUTH_SOCK", None)
        obscured = subprocess.run(["rclone", "obscure", env["ASHYQ_TEST_PASSWORD"]], check=True,
                                  stdout=subprocess.PIPE, text=True).stdout.strip()
        for protocol in protocols:
            url, port, ports = ports_of(env, servers[protocol])
            url = url.replace("127.0.0.1", PROXY_HOST)
            user = url.split("://", 1)[1].split("@", 1)[0]
            clients = []
            # SFTP logs in by the test key (as `--identity` does in the tests), FTP by password.
            key = ["--identity", env["ASHYQ_TEST_SSH_KEY"]] if protocol == "sftp" else []

            def ashyq(binary, folder, extra):
                return [binary, "deploy", "--root", REPO, "--no-build", "--dir", public, "--url", url + folder,
                        "--yes", "--lang", "en"] + key + extra

            if args.baseline:
                clients.append(("ashyq before (one file at a time)", lambda f: ashyq(args.baseline, f, [])))
            for w in [w for w in args.widths.split(",") if w]:
                clients.append((f"ashyq --parallel {w}", lambda f, w=w: ashyq(args.bin, f, ["--parallel", w])))
            for t in [t for t in args.rclone_transfers.split(",") if t]:
                if protocol == "sftp":
                    remote = (f":sftp,host={PROXY_HOST},port={port},user={user},"
                              f"key_file={env['ASHYQ_TEST_SSH_KEY']},known_hosts_file={known_hosts}:")
                else:
                    tls = ",explicit_tls=true,no_check_certificate=true" if protocol == "ftps" else ""
                    remote = f":ftp,host={PROXY_HOST},port={port},user={user},pass={obscured}{tls}:"
                clients.append((f"rclone sync --transfers {t}", lambda folder, remote=remote, t=t: [
                    "rclone", "sync", public, remote + folder, "--transfers", t]))
            times = {name: ([], []) for name, _ in clients}
            with Proxy(ports, args.delay):
                for run in range(args.runs):
                    for i, (name, command) in enumerate(clients):
                        folder = f"bench-{protocol}-{os.getpid()}-{run}-{i}"
                        if protocol == "pyftpdlib" and name.startswith("rclone"):
                            # rclone stops at pyftpdlib's 501 for a folder that is not there yet
                            # (it expects 550): the folder is made first, untimed.
                            os.makedirs(os.path.join(env["ASHYQ_TEST_PYFTPDLIB_HOME"], folder))
                            shutil.chown(os.path.join(env["ASHYQ_TEST_PYFTPDLIB_HOME"], folder), "ashyqtest", "ashyqtest")
                        first, _ = run_timed(command(folder), run_env)
                        again, out = run_timed(command(folder), run_env)
                        if name.startswith("ashyq") and "nothing was sent" not in out:
                            sys.exit(f"{name}: the second deploy sent something:\n{out}")
                        times[name][0].append(first)
                        times[name][1].append(again)
            print(f"\n{protocol} (through the proxy to {servers[protocol]})")
            print(f"  {'client':40} {'first deploy':>20} {'no change':>20}")
            for name, (first, again) in times.items():
                cell = lambda xs: f"{statistics.median(xs):.2f} ({min(xs):.2f}-{max(xs):.2f})"
                print(f"  {name:40} {cell(first):>20} {cell(again):>20}")
            home_dir = env[f"ASHYQ_TEST_{servers[protocol].upper().replace('-', '_')}_HOME"]
            for d in os.listdir(home_dir):
                if d.startswith(f"bench-{protocol}-{os.getpid()}-"):
                    shutil.rmtree(os.path.join(home_dir, d), ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
