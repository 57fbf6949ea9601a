import { generateKeyPair, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpsStatus } from "./probe.ts";
import type { ManagedProcess } from "./processes.ts";
import { freePort, startProcess, stopProcess, waitFor } from "./processes.ts";

/** The clients of the apiserver, each its own token user so the audit log tells them apart. */
export const COMPONENT_USERS = {
  /** The harness and whoever needs cluster-admin. */
  admin: { user: "homelab-admin", groups: ["system:masters"] },
  /** `homelab-release`, whose requests tests count. */
  release: { user: "homelab-release", groups: ["system:masters"] },
  // Every controller writes as this user (--use-service-account-credentials=false), so it needs
  // more than the bootstrap role made for per-controller service accounts.
  "kube-controller-manager": { user: "system:kube-controller-manager", groups: ["system:masters"] },
  /** The bootstrap `system:kube-scheduler` and `system:volume-scheduler` bindings suffice. */
  "kube-scheduler": { user: "system:kube-scheduler", groups: [] },
  kwok: { user: "homelab-kwok", groups: ["system:masters"] },
  "local-path-provisioner": { user: "homelab-local-path-provisioner", groups: ["system:masters"] },
  "helm-controller": { user: "homelab-helm-controller", groups: ["system:masters"] },
  /** The stand-in for k3s's servicelb: it publishes LoadBalancer Services' addresses. */
  servicelb: { user: "homelab-servicelb", groups: ["system:masters"] },
  /** The node stand-in, as the kubelet of helm-controller's install pods. */
  "node-standin": { user: "homelab-node-standin", groups: ["system:masters"] },
} as const satisfies Record<string, { user: string; groups: readonly string[] }>;

/** A client of the apiserver with its own token user. */
export type Component = keyof typeof COMPONENT_USERS;

/** A running test control plane: real etcd and kube-apiserver on loopback. */
export interface ControlPlane {
  /** Working directory: etcd data, certificates, logs, kubeconfig. */
  dir: string;
  /** `https://127.0.0.1:<port>`. */
  server: string;
  /** The apiserver's self-signed serving certificate, the CA of every kubeconfig (PEM file). */
  caFile: string;
  /** A kubeconfig (mode 0600) with cluster-admin rights (`homelab-admin`), for the harness. */
  kubeconfig: string;
  /** A second cluster-admin kubeconfig whose user is `homelab-release`, so its requests stand apart in the audit log. */
  releaseKubeconfig: string;
  /** The kubeconfig (mode 0600) of a component's token user (see COMPONENT_USERS). */
  kubeconfigFor(component: Component): string;
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
  objectRef?: {
    resource?: string;
    namespace?: string;
    name?: string;
    apiGroup?: string;
    subresource?: string;
  };
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
 * on free loopback ports, with RBAC, a token user per component and an audit log.
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "homelab-cp-"));
  const ownsDir = options.dir === undefined;
  const pki = join(dir, "pki");
  mkdirSync(pki, { recursive: true });
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];

  const processes: ManagedProcess[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const p of [...processes].reverse()) await stopProcess(p);
      processes.length = 0;
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    })());

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
    // The key pair and tokens are made while etcd starts.
    const { privateKey, publicKey } = await generateRsaKeyPair();
    writeFileSync(join(pki, "sa.key"), privateKey, { mode: 0o600 });
    writeFileSync(join(pki, "sa.pub"), publicKey);
    const tokens = Object.fromEntries(
      Object.keys(COMPONENT_USERS).map((c) => [c, randomBytes(24).toString("hex")]),
    ) as Record<Component, string>;
    writeFileSync(join(pki, "tokens.csv"), tokensCsv(tokens), { mode: 0o600 });
    writeFileSync(join(dir, "audit-policy.yaml"), AUDIT_POLICY);
    const auditLog = join(dir, "audit.log");
    const etcdHealthy = async () => (await fetch(`http://127.0.0.1:${etcdClient}/health`)).ok;
    await waitFor("etcd", etcdHealthy, 30_000, etcd);

    const apiserver = startProcess(dir, "kube-apiserver", "kube-apiserver", [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${pki}`,
      `--token-auth-file=${join(pki, "tokens.csv")}`,
      "--authorization-mode=RBAC",
      // As k3s runs it: privileged pods are for Pod Security admission to allow or refuse.
      "--allow-privileged=true",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${join(pki, "sa.pub")}`,
      `--service-account-signing-key-file=${join(pki, "sa.key")}`,
      "--service-cluster-ip-range=10.43.0.0/16",
      `--audit-policy-file=${join(dir, "audit-policy.yaml")}`,
      `--audit-log-path=${auditLog}`,
      "--audit-log-format=json",
      "--audit-log-mode=blocking",
      "--v=1",
    ]);
    processes.push(apiserver);
    const server = `https://127.0.0.1:${apiPort}`;
    const caFile = join(pki, "apiserver.crt");
    const ready = async () =>
      existsSync(caFile) &&
      (await httpsStatus(`${server}/readyz`, { ca: readFileSync(caFile), token: tokens.admin })) === 200;
    await waitFor("kube-apiserver /readyz", ready, 90_000, apiserver);

    // The CA exists only now: one kubeconfig per token user.
    const ca = readFileSync(caFile);
    const kubeconfigs = {} as Record<Component, string>;
    for (const component of Object.keys(COMPONENT_USERS) as Component[]) {
      const file = join(dir, KUBECONFIG_FILES[component] ?? `${component}.kubeconfig`);
      writeFileSync(file, kubeconfigYaml(server, ca, tokens[component], COMPONENT_USERS[component].user), {
        mode: 0o600,
      });
      kubeconfigs[component] = file;
    }
    return {
      dir,
      server,
      caFile,
      kubeconfig: kubeconfigs.admin,
      releaseKubeconfig: kubeconfigs.release,
      kubeconfigFor: (component) => kubeconfigs[component],
      auditLog,
      auditEvents: () => readAuditLog(auditLog),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** File names kept from before components had their own users. */
const KUBECONFIG_FILES: Partial<Record<Component, string>> = {
  admin: "kubeconfig",
  release: "release.kubeconfig",
};

/** The apiserver's --token-auth-file: `token,user,uid,"group,..."` per line. */
function tokensCsv(tokens: Record<Component, string>): string {
  return Object.entries(COMPONENT_USERS)
    .map(([component, { user, groups }]) => {
      const fields = [tokens[component as Component], user, user];
      return `${[...fields, ...(groups.length ? [`"${groups.join(",")}"`] : [])].join(",")}\n`;
    })
    .join("");
}

/** An RSA key pair for service account tokens: PKCS#8 private key, SPKI public key (PEM). */
function generateRsaKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      "rsa",
      {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      },
      (err, publicKey, privateKey) => (err ? reject(err) : resolve({ privateKey, publicKey })),
    ),
  );
}

/** A kubeconfig for a token user. */
export function kubeconfigYaml(server: string, caPem: Buffer, token: string, user = "homelab-admin"): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: homelab-test",
    "    cluster:",
    `      server: ${server}`,
    `      certificate-authority-data: ${caPem.toString("base64")}`,
    "users:",
    `  - name: ${user}`,
    "    user:",
    `      token: ${token}`,
    "contexts:",
    "  - name: homelab-test",
    "    context:",
    "      cluster: homelab-test",
    `      user: ${user}`,
    "current-context: homelab-test",
    "",
  ].join("\n");
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
