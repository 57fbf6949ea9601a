/**
 * Upstream charts on the test control plane: fixture charts packaged by the real helm and
 * served from a loopback Helm repository (behind basic auth) and the loopback OCI registry
 * (the real distribution registry), installed by the real helm-controller.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManagedProcess, Sandbox } from "@homelab/sandbox";
import { freePort, startProcess, startSandbox, stopProcess, waitFor } from "@homelab/sandbox";
import { findTool } from "@homelab/toolbox";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { connect } from "../src/cluster/kube.ts";
import { ConfigErrors } from "../src/errors.ts";
import { executePlan } from "../src/execute-plan.ts";
import { prepareRelease } from "../src/prepare-release.ts";
import { helmReleases, releaseWrites, writeConfig } from "./helpers.ts";
import type { LoopbackRepository } from "./loopback-repository.ts";
import { startLoopbackRepository } from "./loopback-repository.ts";

const USER = "fixtures";
const PASSWORD = "repo-s3cret";
const DOTENV = `CHARTS_USER=${USER}\nCHARTS_PASSWORD=${PASSWORD}\n`;
/** A homelab of upstream charts only: its apps/ is empty. */
const UPSTREAM_ONLY = mkdtempSync(join(tmpdir(), "upstream-only-"));
mkdirSync(join(UPSTREAM_ONLY, "apps"));

/** A throwaway CA and a certificate it signed for 127.0.0.1, made by the real openssl. */
function testCertificates(): { ca: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "upstream-pki-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  run(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=homelab test CA",
  );
  run(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=127.0.0.1",
  );
  writeFileSync(
    join(dir, "ext"),
    "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
  );
  run(
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "ext",
  );
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  return { ca: read("ca.pem"), key: read("server.key"), cert: read("server.pem") };
}

describe("upstream charts from a Helm repository and an OCI registry (real helm, registry, helm-controller)", () => {
  let cluster: Sandbox;
  let server: LoopbackRepository;
  let registry: ManagedProcess;
  let repo: string;
  let oci: string;
  let helmBin: string;
  const progress: string[] = [];

  const configText = (crdApp: Record<string, unknown> = {}, widget: Record<string, unknown> = {}) =>
    YAML.stringify({
      services: {
        "crd-app": {
          namespace: "fixtures",
          chart: {
            repo: `${repo}/private`,
            name: "crd-app",
            version: "1.0.0",
            authSecret: { username: { env: "CHARTS_USER" }, password: { env: "CHARTS_PASSWORD" } },
            // The loopback repository speaks plain http://: basic auth over it needs this, per repository.
            allowInsecureCredentials: true,
          },
          values: { greeting: "from homelab.yaml" },
          ...crdApp,
        },
        "widget-app": {
          namespace: "fixtures",
          chart: { oci: `${oci}/widget-app`, version: "0.3.0", plainHttp: true },
          needs: ["crd-app"],
          ...widget,
        },
      },
      release: { timeoutSeconds: 90 },
    });
  const prepare = async (text: string) => {
    const { configFile, envFile } = writeConfig(text, DOTENV);
    return prepareRelease({
      root: UPSTREAM_ONLY,
      configFile,
      envFile,
      kubeconfig: cluster.kubeconfig,
      env: {},
    });
  };
  const release = async (text: string, opts: { prune?: boolean; dryRun?: boolean } = {}) => {
    const prepared = await prepare(text);
    progress.length = 0;
    return executePlan(prepared.kube, prepared.plan, prepared.config, {
      ...opts,
      timeoutMs: 90_000,
      pollMs: 200,
      onProgress: (s, m) => progress.push(`${s}: ${m}`),
    });
  };
  /** Every ConfigError of a config check, as `field: problem. Fix: fix`. */
  const configErrors = async (text: string): Promise<string[]> => {
    try {
      await prepare(text);
    } catch (e) {
      if (e instanceof ConfigErrors) return e.errors.map((x) => `${x.field}: ${x.problem}. Fix: ${x.fix}`);
      throw e;
    }
    return [];
  };

  beforeAll(async () => {
    helmBin = findTool("helm");
    // The repository: fixture charts packaged by the real helm, indexed by `helm repo index`.
    server = await startLoopbackRepository(
      [
        ["crd-app", "1.0.0"],
        ["crd-app", "1.1.0"],
        ["widget-app", "0.3.0"],
      ],
      { user: USER, password: PASSWORD },
    );
    repo = server.url;
    // The OCI registry: the real distribution registry on loopback, charts pushed by helm.
    const regPort = await freePort();
    const regDir = mkdtempSync(join(tmpdir(), "upstream-registry-"));
    writeFileSync(
      join(regDir, "config.yml"),
      `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${regDir}/data } }\nhttp: { addr: 127.0.0.1:${regPort} }\n`,
    );
    registry = startProcess(regDir, "registry", "registry", ["serve", join(regDir, "config.yml")]);
    await waitFor(
      "the registry",
      async () => (await fetch(`http://127.0.0.1:${regPort}/v2/`)).ok,
      30_000,
      registry,
    );
    oci = `oci://127.0.0.1:${regPort}/charts`;
    await execa(helmBin, ["push", join(server.dir, "widget-app-0.3.0.tgz"), oci, "--plain-http"]);
    cluster = await startSandbox();
  }, 240_000);
  afterAll(async () => {
    await cluster?.stop();
    if (registry) await stopProcess(registry);
    server?.close();
  });

  it("stops before the cluster when a chart, a version or a value does not exist, listing what there is", async () => {
    expect(
      await configErrors(
        configText({ chart: { repo: `${repo}/public`, name: "crd-app", version: "2.0.0" } }),
      ),
    ).toEqual([
      "services.crd-app.chart.version: crd-app has no version 2.0.0 in " +
        `${repo}/public (it has: 1.1.0, 1.0.0). Fix: pin one of the versions it has, e.g. version: 1.1.0`,
    ]);
    expect(
      await configErrors(configText({ chart: { repo: `${repo}/public`, name: "crd-ap", version: "1.0.0" } })),
    ).toEqual([
      `services.crd-app.chart.name: the Helm repository ${repo}/public has no chart "crd-ap". Fix: use one of: crd-app, widget-app`,
    ]);
    expect(
      await configErrors(
        configText({}, { chart: { oci: `${oci}/widget-app`, version: "0.4.0", plainHttp: true } }),
      ),
    ).toEqual([
      `services.widget-app.chart.version: ${oci}/widget-app has no version 0.4.0 (it has: 0.3.0). Fix: pin one of the versions it has, e.g. version: 0.3.0`,
    ]);
    const [missingAuth] = await configErrors(
      configText({ chart: { repo: `${repo}/private`, name: "crd-app", version: "1.0.0" } }),
    );
    expect(missingAuth).toMatch(
      /^services\.crd-app\.chart\.repo: cannot read the Helm repository's index: .*\/private\/index\.yaml answered 401 \(credentials needed\)\. Fix: .*authSecret/,
    );
    // The values are checked by `helm template` of the pulled chart, against its values.schema.json.
    const [badValue] = await configErrors(configText({ values: { replicas: "many" } }));
    expect(badValue).toMatch(/^services\.crd-app\.values: rejected by the crd-app chart: .*replicas.*/);
    expect(badValue).toContain(
      `Fix: correct the value named above; \`helm show values crd-app --repo ${repo}/private --version 1.0.0\` lists the chart's values`,
    );
    expect(releaseWrites(cluster.cp.auditEvents())).toEqual([]);
  }, 120_000);

  it("helm-controller installs them from the repository (with credentials) and the registry, in needs order", async () => {
    const plan = await release(configText(), { dryRun: true });
    expect(plan.services.map((s) => [s.service, s.change])).toEqual([
      ["crd-app", "create"],
      ["widget-app", "create"],
    ]);
    expect(progress).toEqual(["release: order (needs): 1. crd-app  2. widget-app"]);
    const summary = await release(configText());
    expect(summary.services.map((s) => [s.service, s.status, s.reason])).toEqual([
      ["crd-app", "installed", undefined],
      ["widget-app", "installed", undefined],
    ]);
    // The order: widget-app waited for crd-app (whose CRD its Widget needs) and started after it ran.
    expect(progress[0]).toBe("release: order (needs): 1. crd-app  2. widget-app");
    expect(progress).toContain("widget-app: waiting for crd-app (needs)");
    const started = progress.indexOf("widget-app: starting: crd-app released");
    expect(started).toBeGreaterThan(progress.findLastIndex((l) => l.startsWith("crd-app: ")));
    expect(progress.slice(0, started).some((l) => l.startsWith("widget-app: HelmChart"))).toBe(false);

    const releases = await helmReleases(cluster.cp.kubeconfig, helmBin);
    expect(releases.map((r) => [r.name, r.namespace, r.status, r.chart]).sort()).toEqual([
      ["crd-app", "fixtures", "deployed", "crd-app-1.0.0"],
      ["widget-app", "fixtures", "deployed", "widget-app-0.3.0"],
    ]);
    const kube = connect(cluster.cp.kubeconfig);
    const read = async <T>(apiVersion: string, kind: string, name: string, namespace?: string) =>
      (await kube.objects.read({
        apiVersion,
        kind,
        metadata: { name, ...(namespace ? { namespace } : {}) },
      } as never)) as unknown as T;
    // The chart's CRD was installed, and the Widget that needs it.
    await read("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.fixtures.homelab.dev");
    expect(
      (await read<{ spec: { size: number } }>("fixtures.homelab.dev/v1", "Widget", "widget-app", "fixtures"))
        .spec,
    ).toEqual({ size: 3 });
    expect(
      (await read<{ data: Record<string, string> }>("v1", "ConfigMap", "crd-app-settings", "fixtures")).data,
    ).toEqual({ greeting: "from homelab.yaml", chartVersion: "1.0.0" });
    // The HelmCharts name the source, not an inline chart; credentials only by the Secret's name.
    const crdApp = await read<{ spec: Record<string, unknown> }>(
      "helm.cattle.io/v1",
      "HelmChart",
      "crd-app",
      "kube-system",
    );
    expect(crdApp.spec).toMatchObject({
      repo: `${repo}/private`,
      chart: "crd-app",
      version: "1.0.0",
      authSecret: { name: "homelab-crd-app-repo-auth" },
      targetNamespace: "fixtures",
    });
    expect(crdApp.spec.chartContent).toBeUndefined();
    expect(JSON.stringify(crdApp)).not.toContain(PASSWORD);
    const auth = await kube.core.readNamespacedSecret({
      name: "homelab-crd-app-repo-auth",
      namespace: "kube-system",
    });
    expect(auth.type).toBe("kubernetes.io/basic-auth");
    const widget = await read<{ spec: Record<string, unknown> }>(
      "helm.cattle.io/v1",
      "HelmChart",
      "widget-app",
      "kube-system",
    );
    expect(widget.spec).toMatchObject({ chart: `${oci}/widget-app`, version: "0.3.0", plainHTTP: true });
    expect(widget.spec.repo).toBeUndefined();
  }, 240_000);

  it("re-releasing the same config writes nothing", async () => {
    const before = releaseWrites(cluster.cp.auditEvents()).length;
    const summary = await release(configText());
    expect(summary.services.map((s) => [s.service, s.change, s.status])).toEqual([
      ["crd-app", "unchanged", "unchanged"],
      ["widget-app", "unchanged", "unchanged"],
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(releaseWrites(cluster.cp.auditEvents()).slice(before)).toEqual([]);
  }, 120_000);

  it("a new pinned version is a planned change that helm-controller upgrades to", async () => {
    const next = configText({
      chart: {
        repo: `${repo}/private`,
        name: "crd-app",
        version: "1.1.0",
        authSecret: { username: { env: "CHARTS_USER" }, password: { env: "CHARTS_PASSWORD" } },
        allowInsecureCredentials: true,
      },
    });
    const plan = await release(next, { dryRun: true });
    expect(plan.services.find((s) => s.service === "crd-app")).toMatchObject({
      change: "update",
      diff: ["chart version 1.0.0 -> 1.1.0"],
    });
    const summary = await release(next);
    expect(summary.ok).toBe(true);
    const rel = (await helmReleases(cluster.cp.kubeconfig, helmBin)).find((r) => r.name === "crd-app")!;
    expect([rel.chart, rel.revision]).toEqual(["crd-app-1.1.0", "2"]);
  }, 240_000);

  it("when a service fails, the services that need it are skipped with that reason", async () => {
    const broken = configText(
      {
        chart: { repo: `${repo}/public`, name: "crd-app", version: "1.1.0" },
        values: { configName: "Not_A_Valid_Name" },
      },
      { chart: { oci: `${oci}/widget-app`, version: "0.3.0", plainHttp: true }, values: { size: 5 } },
    );
    const summary = await release(broken);
    expect(summary.ok).toBe(false);
    const byName = Object.fromEntries(summary.services.map((s) => [s.service, s]));
    expect(byName["crd-app"]!.status).toBe("failed");
    expect(byName["crd-app"]!.logExcerpt ?? byName["crd-app"]!.reason).toMatch(/Not_A_Valid_Name/);
    expect(byName["widget-app"]).toMatchObject({ status: "skipped", change: "update" });
    expect(byName["widget-app"]!.reason).toMatch(/^not released: it needs crd-app, which failed: /);
    expect(progress).toContain("widget-app: skipped: it needs crd-app, which failed");
    // The skipped service was not touched: its Widget keeps the old size.
    const kube = connect(cluster.cp.kubeconfig);
    const w = (await kube.objects.read({
      apiVersion: "fixtures.homelab.dev/v1",
      kind: "Widget",
      metadata: { name: "widget-app", namespace: "fixtures" },
    } as never)) as unknown as { spec: { size: number } };
    expect(w.spec.size).toBe(3);
  }, 240_000);

  it("reads a repository whose HTTPS certificate its own CA signed (repoCA), and so does helm-controller's Job", async () => {
    const pki = testCertificates();
    const tlsRepo = await startLoopbackRepository(
      [["crd-app", "1.1.0"]],
      { user: USER, password: PASSWORD },
      { key: pki.key, cert: pki.cert },
    );
    try {
      const text = (repoCA?: string) =>
        YAML.stringify({
          services: {
            "tls-app": {
              namespace: "fixtures-tls",
              chart: {
                repo: `${tlsRepo.url}/public`,
                name: "crd-app",
                version: "1.1.0",
                ...(repoCA ? { repoCA } : {}),
              },
              values: { configName: "tls-app" },
            },
          },
        });
      const [untrusted] = await configErrors(text());
      expect(untrusted).toMatch(
        /^services\.tls-app\.chart\.repo: cannot read the Helm repository's index: .*(self-signed|unable to verify|certificate)/i,
      );
      const { configFile, envFile, dir } = writeConfig(text("certs/ca.pem"), DOTENV);
      mkdirSync(join(dir, "certs"));
      writeFileSync(join(dir, "certs", "ca.pem"), pki.ca);
      const prepared = await prepareRelease({
        root: UPSTREAM_ONLY,
        configFile,
        envFile,
        kubeconfig: cluster.kubeconfig,
        env: {},
      });
      const summary = await executePlan(prepared.kube, prepared.plan, prepared.config, {
        timeoutMs: 90_000,
        pollMs: 200,
      });
      expect(summary.services.find((s) => s.service === "tls-app")).toMatchObject({ status: "installed" });
      const hc = (await connect(cluster.cp.kubeconfig).objects.read({
        apiVersion: "helm.cattle.io/v1",
        kind: "HelmChart",
        metadata: { name: "tls-app", namespace: "kube-system" },
      } as never)) as unknown as { spec: { repoCA: string } };
      expect(hc.spec.repoCA).toBe(pki.ca);
      const rel = (await helmReleases(cluster.cp.kubeconfig, helmBin)).find((r) => r.name === "tls-app")!;
      expect([rel.status, rel.chart]).toEqual(["deployed", "crd-app-1.1.0"]);
    } finally {
      tlsRepo.close();
    }
  }, 240_000);

  it("prunes upstream services like our own", async () => {
    const summary = await release("services: {}\n", { prune: true });
    expect(summary.services.map((s) => [s.service, s.status])).toEqual([
      ["crd-app", "pruned"],
      ["tls-app", "pruned"],
      ["widget-app", "pruned"],
    ]);
    expect((await helmReleases(cluster.cp.kubeconfig, helmBin)).map((r) => r.name)).toEqual([]);
  }, 240_000);
});
