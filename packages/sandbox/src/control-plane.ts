import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import type { ManagedProcess } from "./processes.ts";
import { freePort, startProcess, stopProcess, waitFor } from "./processes.ts";

/** A running test control plane: real etcd and kube-apiserver on loopback. */
export interface ControlPlane {
  /** Working directory: etcd data, certificates, logs, kubeconfig. */
  dir: string;
  /** `https://127.0.0.1:<port>`. */
  server: string;
  /** A kubeconfig (mode 0600) with cluster-admin rights, for the harness and helm-controller. */
  kubeconfig: string;
  /** A second cluster-admin kubeconfig whose user is `homelab-release`, so its requests stand apart in the audit log. */
  releaseKubeconfig: string;
  /** The apiserver's audit log (JSON lines, one per request stage). */
  auditLog: string;
  /** Audit events so far, at stage ResponseComplete. */
  auditEvents(): AuditEvent[];
  /** Stops everything started by this control plane; idempotent. */
  stop(): Promise<void>;
}

/** One request as the apiserver's audit log records it. */
export interface AuditEvent {
  verb: string;
  requestURI: string;
  user: { username: string };
  userAgent?: string;
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string };
  responseStatus?: { code?: number };
  stage: string;
}

const WRITE_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);
/** True for audit events that changed (or tried to change) something. */
export const isWrite = (e: AuditEvent) => WRITE_VERBS.has(e.verb);

const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
`;

export interface ControlPlaneOptions {
  /** Default: a new temporary directory, removed by stop(). */
  dir?: string;
}

/**
 * Starts real etcd and kube-apiserver (pinned, from tooling/tools/install.sh)
 * on free loopback ports, with RBAC, a cluster-admin token and an audit log.
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "homelab-cp-"));
  const ownsDir = options.dir === undefined;
  mkdirSync(join(dir, "pki"), { recursive: true });
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];

  const processes: ManagedProcess[] = [];
  const stop = async () => {
    for (const p of [...processes].reverse()) await stopProcess(p);
    processes.length = 0;
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    const etcd = startProcess(dir, "etcd", "etcd", [
      "--name=homelab-test",
      `--data-dir=${join(dir, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=homelab-test=http://127.0.0.1:${etcdPeer}`,
      "--unsafe-no-fsync",
      "--log-level=warn",
    ]);
    processes.push(etcd);
    await waitFor("etcd", async () => (await fetch(`http://127.0.0.1:${etcdClient}/health`)).ok, 30_000, etcd);

    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(join(dir, "pki", "sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    writeFileSync(join(dir, "pki", "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
    const token = randomBytes(24).toString("hex");
    const releaseToken = randomBytes(24).toString("hex");
    writeFileSync(
      join(dir, "pki", "tokens.csv"),
      `${token},homelab-admin,homelab-admin,"system:masters"\n${releaseToken},homelab-release,homelab-release,"system:masters"\n`,
      { mode: 0o600 },
    );
    writeFileSync(join(dir, "audit-policy.yaml"), AUDIT_POLICY);
    const auditLog = join(dir, "audit.log");

    const apiserver = startProcess(dir, "kube-apiserver", "kube-apiserver", [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dir, "pki")}`,
      `--token-auth-file=${join(dir, "pki", "tokens.csv")}`,
      "--authorization-mode=RBAC",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${join(dir, "pki", "sa.pub")}`,
      `--service-account-signing-key-file=${join(dir, "pki", "sa.key")}`,
      "--service-cluster-ip-range=10.43.0.0/16",
      `--audit-policy-file=${join(dir, "audit-policy.yaml")}`,
      `--audit-log-path=${auditLog}`,
      "--audit-log-format=json",
      "--audit-log-mode=blocking",
      "--v=1",
    ]);
    processes.push(apiserver);
    const server = `https://127.0.0.1:${apiPort}`;
    const certFile = join(dir, "pki", "apiserver.crt");
    await waitFor("kube-apiserver /readyz", async () => existsSync(certFile) && (await curlStatus(server, "/readyz", token, certFile)) === 200, 90_000, apiserver);

    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(kubeconfig, kubeconfigYaml(server, readFileSync(certFile), token), { mode: 0o600 });
    const releaseKubeconfig = join(dir, "release.kubeconfig");
    writeFileSync(releaseKubeconfig, kubeconfigYaml(server, readFileSync(certFile), releaseToken), { mode: 0o600 });
    return {
      dir,
      server,
      kubeconfig,
      releaseKubeconfig,
      auditLog,
      auditEvents: () => readAuditLog(auditLog),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A kubeconfig for a token user. */
export function kubeconfigYaml(server: string, caPem: Buffer, token: string): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: homelab-test",
    "    cluster:",
    `      server: ${server}`,
    `      certificate-authority-data: ${caPem.toString("base64")}`,
    "users:",
    "  - name: homelab-admin",
    "    user:",
    `      token: ${token}`,
    "contexts:",
    "  - name: homelab-test",
    "    context:",
    "      cluster: homelab-test",
    "      user: homelab-admin",
    "current-context: homelab-test",
    "",
  ].join("\n");
}

async function curlStatus(server: string, path: string, token: string, caFile: string): Promise<number> {
  const r = await execa("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", caFile, "-H", `Authorization: Bearer ${token}`, `${server}${path}`], { reject: false });
  return Number(r.stdout);
}

/** Parses the audit log; events at ResponseComplete only. */
export function readAuditLog(file: string): AuditEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as AuditEvent)
    .filter((e) => e.stage === "ResponseComplete");
}
