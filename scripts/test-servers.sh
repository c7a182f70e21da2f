#!/usr/bin/env bash
# The real servers that `ashyq deploy` is tested against, on 127.0.0.1 only:
#   proftpd-ftp     Debian's proftpd, plain FTP
#   proftpd-ftps    Debian's proftpd, explicit FTPS, TLS 1.2 and 1.3 (1.3 is chosen), and mod_tls's
#                   default: a data connection must reuse the control connection's TLS session
#   proftpd-ftps12  the same, TLS 1.2 only
#   proftpd-ftps13  the same, TLS 1.3 only: each data connection spends one session ticket
#   pyftpdlib       an FTP server of another make (PyPI's pyftpdlib), with a folder without end
#   sshd            Debian's openssh-server, SFTP
# Each has a login folder under target/test-servers/NAME/home with `readonly/` (refused to the
# user) and, where this machine lets root mount a 64 KiB tmpfs, `full/` (a full disk).
#
#   scripts/test-servers.sh start   installs what is missing, writes target/test-servers/env
#                                   (the ASHYQ_TEST_* variables the ignored tests read), starts all
#   scripts/test-servers.sh stop    stops each server by the PID it wrote, unmounts the tmpfs,
#                                   removes the throwaway user and its group and whatever else
#                                   `start` made outside target/: the machine is as before. It
#                                   can be run any number of times, also after a failed `start`.
#
# Every server has target/test-servers/NAME/start and .../stop, which the tests also use to kill a
# server in the middle of an upload and bring it back.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    echo "$0 needs root: it adds a throwaway user, mounts a small tmpfs and runs sshd" >&2
    exit 1
fi
dir="$PWD/target/test-servers"
user=ashyqtest
# The throwaway user's comment: `stop` removes only a user that carries it.
marker="ashyq test servers (scripts/test-servers.sh), removed by its stop"

say() { printf '    %s\n' "$*"; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something listens on 127.0.0.1:$1.
wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    return 1
}

# A login folder: owned by the throwaway user, with a folder it may not write and a full disk.
make_home() {
    local home=$1
    mkdir -p "$home/readonly"
    chown "$user:$user" "$home"
    chmod 755 "$home"
    chown root:root "$home/readonly"
    chmod 555 "$home/readonly"
    mkdir -p "$home/full"
    if mountpoint -q "$home/full" || mount -t tmpfs -o size=64k,mode=0755 tmpfs "$home/full" 2>/dev/null; then
        chown "$user:$user" "$home/full"
        echo "$home/full" >>"$dir/mounts"
    else
        rmdir "$home/full"
    fi
}

# Writes NAME/start and NAME/stop. `start` runs CMD in the background, records its PID and waits
# for PORT; `stop` ends that PID and the session processes it forked (sshd and proftpd serve each
# connection in a child of their own), by PID.
write_control() {
    local name=$1 port=$2 cmd=$3 d="$dir/$1"
    cat >"$d/start" <<EOF
#!/usr/bin/env bash
set -e
cd "$d"
$cmd >>"$d/server.log" 2>&1 &
echo \$! >"$d/pid"
for _ in \$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && exit 0; sleep 0.1; done
echo "$name does not listen on 127.0.0.1:$port" >&2
exit 1
EOF
    cat >"$d/stop" <<EOF
#!/usr/bin/env bash
[ -f "$d/pid" ] || exit 0
pid=\$(cat "$d/pid")
# The server and every process below it (sshd's session has a child of its own).
all=\$pid
todo=\$pid
while [ -n "\$todo" ]; do
    kids=\$(ps -o pid= --ppid "\$(echo \$todo | tr ' ' ,)" 2>/dev/null | tr -s ' \n' ' ' || true)
    all="\$all \$kids"
    todo=\$kids
done
kill -9 \$all 2>/dev/null || true
rm -f "$d/pid"
for _ in \$(seq 50); do kill -0 "\$pid" 2>/dev/null || exit 0; sleep 0.1; done
EOF
    chmod +x "$d/start" "$d/stop"
}

setup_common() {
    scripts/apt-install.sh proftpd-core proftpd-mod-crypto openssh-server openssl ca-certificates procps python3 python3-venv
    rm -rf "$dir" && mkdir -p "$dir"
    : >"$dir/mounts"
    # The throwaway user: no home of its own, no shell, its own group; a new password on every
    # run. The comment marks it as ours, for `stop`.
    useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --user-group \
        --comment "$marker" "$user"
    password=$(openssl rand -hex 12)
    echo "$user:$password" | chpasswd
    uid=$(id -u "$user")
    gid=$(id -g "$user")
    # A self-signed certificate that rustls accepts as a server's own: not a CA, for serverAuth,
    # with the address as an IP SAN.
    cat >"$dir/cert.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = 127.0.0.1
[v3]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,IP:127.0.0.2,DNS:localhost
EOF
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -config "$dir/cert.cnf" -extensions v3 \
        -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    chmod 600 "$dir/key.pem"
    {
        echo "export ASHYQ_TEST_PASSWORD=$password"
        echo "export ASHYQ_TEST_CERT=$dir/cert.pem"
    } >"$dir/env"
}

setup_proftpd() {
    local name=$1 tls=$2 d="$dir/$1"
    mkdir -p "$d"
    make_home "$d/home"
    local port pasv
    port=$(free_port)
    pasv=$(free_port)
    # Virtual users of this instance only, as the throwaway user's uid, at this instance's home.
    echo "$user:$(openssl passwd -6 "$password"):$uid:$gid::$d/home:/bin/false" >"$d/passwd"
    chmod 600 "$d/passwd"
    echo "$user:x:$gid:" >"$d/group"
    cat >"$d/proftpd.conf" <<EOF
ServerName "ashyq test $name"
ServerType standalone
DefaultServer on
UseIPv6 off
DefaultAddress 127.0.0.1
SocketBindTight on
Port $port
PassivePorts $pasv $((pasv + 40))
User $user
Group $user
PidFile $d/proftpd.pid
ScoreboardFile $d/proftpd.scoreboard
DelayTable none
WtmpLog off
UseReverseDNS off
SystemLog $d/proftpd.log
TransferLog $d/xfer.log
AuthOrder mod_auth_file.c
AuthUserFile $d/passwd
AuthGroupFile $d/group
RequireValidShell off
DefaultRoot ~
AllowOverwrite on
Umask 022
MaxInstances 30
EOF
    if [ "$tls" != none ]; then
        local protocols="TLSv1.2 TLSv1.3"
        [ "$tls" = 1.2 ] && protocols="TLSv1.2"
        [ "$tls" = 1.3only ] && protocols="TLSv1.3"
        # No TLSOptions: mod_tls's default requires that every data connection reuses the
        # control connection's TLS session, as many hostings do.
        cat >>"$d/proftpd.conf" <<EOF
ModulePath /usr/lib/proftpd
LoadModule mod_tls.c
TLSEngine on
TLSRequired on
TLSProtocol $protocols
TLSRSACertificateFile $dir/cert.pem
TLSRSACertificateKeyFile $dir/key.pem
TLSVerifyClient off
TLSLog $d/tls.log
EOF
    fi
    proftpd -t -c "$d/proftpd.conf" >/dev/null 2>&1 || { proftpd -t -c "$d/proftpd.conf"; exit 1; }
    write_control "$name" "$port" "exec /usr/sbin/proftpd -n -q -c $d/proftpd.conf"
    local scheme=ftp var
    [ "$tls" != none ] && scheme=ftps
    var=$(echo "$name" | tr 'a-z-' 'A-Z_')
    {
        echo "export ASHYQ_TEST_${var}_URL=$scheme://$user@127.0.0.1:$port/"
        echo "export ASHYQ_TEST_${var}_HOME=$d/home"
        echo "export ASHYQ_TEST_${var}_CTL=$d"
        echo "export ASHYQ_TEST_${var}_PASV=$pasv-$((pasv + 40))"
    } >>"$dir/env"
}

setup_pyftpdlib() {
    local d="$dir/pyftpdlib"
    mkdir -p "$d"
    make_home "$d/home"
    if [ ! -x "$dir/../test-venv/bin/python" ]; then
        python3 -m venv "$dir/../test-venv"
    fi
    "$dir/../test-venv/bin/pip" install -q --disable-pip-version-check pyftpdlib==2.2.0
    local port pasv
    port=$(free_port)
    pasv=$(free_port)
    cat >"$d/server.py" <<EOF
# pyftpdlib as a hosting: one user at its home; readonly/ may be read, not written; endless/ is
# a folder without end, as a server that reports a folder loop as folders shows one: every
# folder in it holds 2,000 more; flood/ is one folder whose listing never ends.
import itertools, os, stat, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer

home = "$d/home"
endless = os.path.join(home, "endless")
flood = os.path.join(home, "flood")


class EndlessFS(AbstractedFS):
    def _endless(self, path):
        return path == endless or path.startswith(endless + os.sep)

    def isdir(self, path):
        return self._endless(path) or path == flood or super().isdir(path)

    def listdir(self, path):
        if path == flood:
            return ("файл-%d.html" % i for i in itertools.count())
        return ["d%04d" % i for i in range(2000)] if self._endless(path) else super().listdir(path)

    def stat(self, path):
        if self._endless(path) or path == flood:
            return os.stat_result((stat.S_IFDIR | 0o755, 1, 1, 2, 0, 0, 4096, 0, 0, 0))
        if path.startswith(flood + os.sep):
            return os.stat_result((stat.S_IFREG | 0o644, 1, 1, 1, 0, 0, 4096, 0, 0, 0))
        return super().stat(path)

    lstat = stat

    def chdir(self, path):
        if self._endless(path) or path == flood:
            self.cwd = self.fs2ftp(path)
        else:
            super().chdir(path)


auth = DummyAuthorizer()
auth.add_user("$user", os.environ["ASHYQ_TEST_PASSWORD"], home, perm="elradfmwMT")
auth.override_perm("$user", os.path.join(home, "readonly"), perm="elr", recursive=True)
FTPHandler.abstracted_fs = EndlessFS
FTPHandler.authorizer = auth
FTPHandler.passive_ports = range($pasv, $pasv + 40)
FTPHandler.permit_foreign_addresses = False
server = FTPServer(("127.0.0.1", $port), FTPHandler)
server.max_cons = 30
server.serve_forever()
EOF
    write_control pyftpdlib "$port" "ASHYQ_TEST_PASSWORD=$password exec $dir/../test-venv/bin/python -u $d/server.py"
    {
        echo "export ASHYQ_TEST_PYFTPDLIB_URL=ftp://$user@127.0.0.1:$port/"
        echo "export ASHYQ_TEST_PYFTPDLIB_HOME=$d/home"
        echo "export ASHYQ_TEST_PYFTPDLIB_CTL=$d"
        echo "export ASHYQ_TEST_PYFTPDLIB_PASV=$pasv-$((pasv + 39))"
    } >>"$dir/env"
}

setup_sshd() {
    local d="$dir/sshd"
    mkdir -p "$d"
    # sshd needs its privilege-separation folder; remembered for `stop` when made here.
    if [ ! -d /run/sshd ]; then
        mkdir -p /run/sshd
        echo /run/sshd >>"$dir/made"
    fi
    make_home "$d/home"
    # sshd wants a home it can enter; the SFTP folder itself comes from `internal-sftp -d` below
    # (which takes no quotes).
    usermod --home "$d/home" "$user"
    local port
    port=$(free_port)
    ssh-keygen -q -t ed25519 -N '' -f "$d/host_ed25519" -C ashyq-test-host
    ssh-keygen -q -t ecdsa -N '' -f "$d/host_ecdsa" -C ashyq-test-host
    # A key for --identity, and an agent-less login by password otherwise.
    ssh-keygen -q -t ed25519 -N '' -f "$d/client_key" -C ashyq-test-client
    cp "$d/client_key.pub" "$d/authorized_keys"
    cat >"$d/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $d/host_ed25519
HostKey $d/host_ecdsa
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $user
Subsystem sftp internal-sftp
ForceCommand internal-sftp -d $d/home
MaxStartups 30
LogLevel VERBOSE
EOF
    /usr/sbin/sshd -t -f "$d/sshd_config"
    write_control sshd "$port" "exec /usr/sbin/sshd -D -e -f $d/sshd_config"
    # What ~/.ssh/known_hosts says after a first connection with OpenSSH: the ed25519 key only.
    echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$d/host_ed25519.pub")" >"$d/known_hosts"
    {
        echo "export ASHYQ_TEST_SSHD_URL=sftp://$user@127.0.0.1:$port/"
        echo "export ASHYQ_TEST_SSHD_HOME=$d/home"
        echo "export ASHYQ_TEST_SSHD_CTL=$d"
        echo "export ASHYQ_TEST_KNOWN_HOSTS=$d/known_hosts"
        echo "export ASHYQ_TEST_SSH_KEY=$d/client_key"
    } >>"$dir/env"
}

# Ends what `start` began, in any state it left: servers, mounts, the user, folders it made.
stop_all() {
    if [ -d "$dir" ]; then
        for stop in "$dir"/*/stop; do [ -x "$stop" ] && "$stop"; done
        if [ -f "$dir/mounts" ]; then
            while read -r m; do umount "$m" 2>/dev/null || true; done <"$dir/mounts"
            : >"$dir/mounts"
        fi
        if [ -f "$dir/made" ]; then
            while read -r m; do rmdir "$m" 2>/dev/null || true; done <"$dir/made"
            rm -f "$dir/made"
        fi
    fi
    remove_user
}

# Removes the throwaway user and its group, if they are ours (the marker, or what an older
# version of this script made: that name with no home of its own or a home under a
# target/test-servers). A process still running as the user (a server of a start that failed
# before writing its PID) is ended first, by PID.
remove_user() {
    local entry comment home
    entry=$(getent passwd "$user" || true)
    if [ -n "$entry" ]; then
        comment=$(echo "$entry" | cut -d: -f5)
        home=$(echo "$entry" | cut -d: -f6)
        if [ "$comment" = "$marker" ] || [ "$home" = /nonexistent ] || [[ "$home" == */target/test-servers/* ]]; then
            local pids
            pids=$(pgrep -u "$user" || true)
            # shellcheck disable=SC2086 # one PID per word
            [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
            for _ in $(seq 50); do pgrep -u "$user" >/dev/null || break; sleep 0.1; done
            userdel "$user" 2>/dev/null || userdel -f "$user"
        else
            echo "$0: a user $user exists that this script did not make; it is left alone" >&2
        fi
    fi
    if getent group "$user" >/dev/null && [ -z "$(getent group "$user" | cut -d: -f4)" ]; then
        groupdel "$user" 2>/dev/null || true
    fi
}

case "${1:-}" in
start)
    stop_all
    setup_common
    setup_proftpd proftpd-ftp none
    setup_proftpd proftpd-ftps 1.3
    setup_proftpd proftpd-ftps12 1.2
    setup_proftpd proftpd-ftps13 1.3only
    setup_pyftpdlib
    setup_sshd
    for start in "$dir"/*/start; do "$start"; done
    say "test servers listen on 127.0.0.1; their settings are in $dir/env"
    ;;
stop)
    stop_all
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
