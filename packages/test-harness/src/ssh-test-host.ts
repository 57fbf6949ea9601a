/**
 * A test host reached over real SSH: Debian's sshd in a network namespace of
 * its own (its own address on a veth pair), with a mount namespace in which
 * /usr/local/bin, /etc/rancher and /var/lib/rancher are the host's own empty
 * directories. THE STAND-IN: k3s itself cannot run here, so the host's `curl`
 * serves a stand-in for k3s's install script, which records how it was called
 * (INSTALL_K3S_* and K3S_* variables) and "installs" a stand-in `k3s` that
 * reports the requested version, a node token, a kubeconfig, and a `systemctl`
 * that reports the unit active. SSH, host-key checking, sudo (for non-root
 * users, added to the host's own /etc/passwd), the commands the release tool
 * sends and the files it fetches are all real.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManagedProcess } from "@homelab/sandbox";
import { startProcess, stopProcess, waitFor } from "@homelab/sandbox";

/** A non-root login user on a test host. */
export interface SshTestUser {
  name: string;
  /** Whether the user may run any command as root with `sudo` and no password. Default: false. */
  sudo?: boolean;
}

export interface SshTestHostOptions {
  /** Non-root users that may log in with the host's key. Default: none, only root. */
  users?: SshTestUser[];
}

export interface SshTestHost {
  name: string;
  /** The host's address on its veth pair. */
  address: string;
  /** Private key authorised for root (and every extra user) on the host. */
  sshKey: string;
  /** A known_hosts file holding the host's key. */
  knownHosts: string;
  /** The host's own directory (its /usr/local/bin, /etc/rancher, /var/lib/rancher live below it). */
  dir: string;
  /** Invocations of the stand-in install script, one JSON object each. */
  installs(): Record<string, string>[];
  stop(): Promise<void>;
}

const sh = (cmd: string) => execFileSync("sh", ["-c", cmd], { stdio: "pipe" }).toString();

/**
 * The stand-ins find the host's directory in a file of the host's own
 * /usr/local/bin (not the environment: sudo resets it, and one airgap install
 * script serves every host).
 */
const HOST_DIR_MARKER = ".homelab-test-host-dir";
const FIND_HOST_DIR = `HOST_DIR="$(cat /usr/local/bin/${HOST_DIR_MARKER})"`;

/** The release the stand-in update.k3s.io resolves every channel to. */
export const STANDIN_CHANNEL_RELEASE = "v1.35.4+k3s1";

const CURL = `#!/bin/sh
# Stand-in curl of the test host: serves the stand-in k3s install script, and resolves a
# k3s channel (update.k3s.io) to ${STANDIN_CHANNEL_RELEASE}. Logs each URL; for -o, also the
# output file and its directory's mode and owner (to curl-out.log).
${FIND_HOST_DIR}
out=""; url=""; format=""
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2;; -w) format="$2"; shift 2;; -*) shift;; *) url="$1"; shift;; esac; done
echo "$url" >> "$HOST_DIR/curl.log"
[ -n "$out" ] && [ "$out" != /dev/null ] && echo "$out $(stat -c '%a %u' "$(dirname "$out")")" >> "$HOST_DIR/curl-out.log"
case "$url" in
  */install.sh) if [ -n "$out" ]; then cp "$HOST_DIR/install.sh" "$out"; else cat "$HOST_DIR/install.sh"; fi ;;
  https://update.k3s.io/v1-release/channels/*)
    [ "$format" = '%{url_effective}' ] && printf '%s' "https://github.com/k3s-io/k3s/releases/tag/${STANDIN_CHANNEL_RELEASE}" ;;
  *) echo "curl: (6) no network on the test host" >&2; exit 6 ;;
esac
`;

const INSTALL = `#!/bin/sh
# Stand-in for k3s's install script: records its environment and installs stand-ins.
set -e
${FIND_HOST_DIR}
printf '{"INSTALL_K3S_VERSION":"%s","INSTALL_K3S_CHANNEL":"%s","INSTALL_K3S_EXEC":"%s","K3S_URL":"%s","K3S_TOKEN":"%s","INSTALL_K3S_SKIP_DOWNLOAD":"%s"}\\n' \\
  "$INSTALL_K3S_VERSION" "$INSTALL_K3S_CHANNEL" "$INSTALL_K3S_EXEC" "$K3S_URL" "$K3S_TOKEN" "$INSTALL_K3S_SKIP_DOWNLOAD" >> "$HOST_DIR/installs.log"
version="\${INSTALL_K3S_VERSION:-v1.35.4+k3s1}"
if [ "$INSTALL_K3S_SKIP_DOWNLOAD" != "true" ]; then
  printf '#!/bin/sh\\necho "k3s version %s (standin)"\\necho "go version go1.25"\\n' "$version" > /usr/local/bin/k3s
fi
chmod 0755 /usr/local/bin/k3s
case "$INSTALL_K3S_EXEC" in
  server*)
    mkdir -p /etc/rancher/k3s /var/lib/rancher/k3s/server
    echo "K10standin::server:$(hostname)-token" > /var/lib/rancher/k3s/server/node-token
    cat > /etc/rancher/k3s/k3s.yaml <<KUBE
apiVersion: v1
kind: Config
clusters:
  - name: default
    cluster:
      server: https://127.0.0.1:6443
      insecure-skip-tls-verify: true
users:
  - name: default
    user:
      token: standin-admin-token
contexts:
  - name: default
    context: { cluster: default, user: default }
current-context: default
KUBE
    touch "$HOST_DIR/active-k3s" ;;
  agent*) touch "$HOST_DIR/active-k3s-agent" ;;
esac
`;

const SYSTEMCTL = `#!/bin/sh
# Stand-in systemctl of the test host: 'is-active UNIT' from the stand-in install's marks.
${FIND_HOST_DIR}
[ "$1" = "is-active" ] || exit 0
if [ -f "$HOST_DIR/active-$2" ]; then echo active; else echo inactive; exit 3; fi
`;

let counter = 0;

/**
 * The host's own /etc/passwd, /etc/group, /etc/shadow and /etc/sudoers.d with
 * `users` added (uids from 4200), and the mounts that put them in place in the
 * host's mount namespace; the machine's own files are not touched.
 */
function addUsers(dir: string, users: readonly SshTestUser[]): string[] {
  const etc = join(dir, "etc");
  mkdirSync(join(etc, "sudoers.d"), { recursive: true });
  const passwd = [readFileSync("/etc/passwd", "utf8").trimEnd()];
  const group = [readFileSync("/etc/group", "utf8").trimEnd()];
  const shadow = [readFileSync("/etc/shadow", "utf8").trimEnd()];
  const sudoers: string[] = [];
  users.forEach((u, i) => {
    const uid = 4200 + i;
    const home = join(dir, "home", u.name);
    mkdirSync(home, { recursive: true });
    chownSync(home, uid, uid);
    passwd.push(`${u.name}:x:${uid}:${uid}:test user:${home}:/bin/sh`);
    group.push(`${u.name}:x:${uid}:`);
    shadow.push(`${u.name}:*:20000:0:99999:7:::`);
    if (u.sudo) sudoers.push(`${u.name} ALL=(ALL:ALL) NOPASSWD: ALL`);
  });
  writeFileSync(join(etc, "passwd"), `${passwd.join("\n")}\n`, { mode: 0o644 });
  writeFileSync(join(etc, "group"), `${group.join("\n")}\n`, { mode: 0o644 });
  writeFileSync(join(etc, "shadow"), `${shadow.join("\n")}\n`, { mode: 0o640 });
  writeFileSync(join(etc, "sudoers.d", "homelab-test"), `${sudoers.join("\n")}\n`, { mode: 0o440 });
  return ["passwd", "group", "shadow", "sudoers.d"].map((f) => `mount --bind ${join(etc, f)} /etc/${f}`);
}

/** Starts one SSH test host; root on it is reachable with the returned key, its host key in the returned known_hosts. */
export async function startSshTestHost(name: string, options: SshTestHostOptions = {}): Promise<SshTestHost> {
  const id = `${process.pid % 10000}${counter++}`;
  const octet = ((process.pid + counter * 7) % 200) + 20;
  const subnet = `10.213.${octet}`;
  const address = `${subnet}.2`;
  const ns = `hl-${id}`;
  const dir = mkdtempSync(join(tmpdir(), `ssh-host-${name}-`));
  for (const d of ["usr-local-bin", "etc-rancher", "var-lib-rancher", "ssh"])
    mkdirSync(join(dir, d), { recursive: true });
  const write = (file: string, text: string, mode = 0o755) => {
    writeFileSync(file, text);
    chmodSync(file, mode);
  };
  write(join(dir, "usr-local-bin", HOST_DIR_MARKER), dir, 0o644);
  write(join(dir, "usr-local-bin", "curl"), CURL);
  write(join(dir, "usr-local-bin", "systemctl"), SYSTEMCTL);
  write(join(dir, "install.sh"), INSTALL);
  // Users read the shared authorized_keys and pass through the host's directory.
  chmodSync(dir, 0o755);
  const users = options.users ?? [];
  const userMounts = users.length > 0 ? addUsers(dir, users) : [];
  sh(
    `ssh-keygen -q -t ed25519 -N '' -f ${dir}/ssh/host_key && ssh-keygen -q -t ed25519 -N '' -f ${dir}/ssh/client_key`,
  );
  write(join(dir, "ssh", "authorized_keys"), readFileSync(join(dir, "ssh", "client_key.pub"), "utf8"), 0o644);
  write(
    join(dir, "ssh", "known_hosts"),
    `${address} ${readFileSync(join(dir, "ssh", "host_key.pub"), "utf8")
      .split(" ")
      .slice(0, 2)
      .join(" ")}\n`,
    0o644,
  );
  write(
    join(dir, "ssh", "sshd_config"),
    [
      `ListenAddress ${address}`,
      "Port 22",
      `HostKey ${dir}/ssh/host_key`,
      `AuthorizedKeysFile ${dir}/ssh/authorized_keys`,
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no",
      `PidFile ${dir}/ssh/sshd.pid`,
      "",
    ].join("\n"),
    0o600,
  );

  let sshd: ManagedProcess | undefined;
  const cleanup = async () => {
    if (sshd) await stopProcess(sshd);
    try {
      sh(`ip netns del ${ns} 2>/dev/null; ip link del ${ns}a 2>/dev/null; true`);
    } catch {
      // already gone
    }
  };
  try {
    mkdirSync("/run/sshd", { recursive: true });
    sh(
      [
        `ip netns add ${ns}`,
        `ip link add ${ns}a type veth peer name ${ns}b`,
        `ip link set ${ns}b netns ${ns}`,
        `ip addr add ${subnet}.1/30 dev ${ns}a`,
        `ip link set ${ns}a up`,
        `ip netns exec ${ns} ip addr add ${address}/30 dev ${ns}b`,
        `ip netns exec ${ns} ip link set ${ns}b up`,
        `ip netns exec ${ns} ip link set lo up`,
      ].join(" && "),
    );
    const script = [
      `mount --bind ${dir}/usr-local-bin /usr/local/bin`,
      "mkdir -p /etc/rancher /var/lib/rancher 2>/dev/null || true",
      `mount --bind ${dir}/etc-rancher /etc/rancher`,
      `mount --bind ${dir}/var-lib-rancher /var/lib/rancher`,
      ...userMounts,
      `exec /usr/sbin/sshd -D -e -f ${dir}/ssh/sshd_config`,
    ].join(" && ");
    sshd = startProcess(dir, "sshd", "ip", [
      "netns",
      "exec",
      ns,
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "sh",
      "-c",
      script,
    ]);
    await waitFor(
      `sshd on ${address}`,
      async () => {
        try {
          sh(
            `ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${dir}/ssh/known_hosts -o ConnectTimeout=2 -i ${dir}/ssh/client_key root@${address} true`,
          );
          return true;
        } catch {
          return false;
        }
      },
      30_000,
      sshd,
    );
  } catch (e) {
    await cleanup();
    throw e;
  }
  return {
    name,
    address,
    sshKey: join(dir, "ssh", "client_key"),
    knownHosts: join(dir, "ssh", "known_hosts"),
    dir,
    installs: () =>
      existsSync(join(dir, "installs.log"))
        ? readFileSync(join(dir, "installs.log"), "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Record<string, string>)
        : [],
    stop: async () => {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
