import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepoRoot, helm } from "@homelab/toolbox";
import type { ControlPlane } from "@homelab/sandbox";
import { freePort, startControlPlane, startProcess, stopProcess, waitFor } from "@homelab/sandbox";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { readIndex } from "../src/helm-index.ts";
import { publishCharts } from "../src/publish.ts";

const source = findRepoRoot(process.cwd());
/** A service's version in this checkout (before the test's changeset). */
const versionOf = (app: string) =>
  (JSON.parse(readFileSync(join(source, "apps", app, "package.json"), "utf8")) as { version: string })
    .version;
/** jellyfin's version after a minor changeset. */
const next = (() => {
  const [major, minor] = versionOf("jellyfin").split(".").map(Number);
  return major === 0 ? `0.${minor! + 1}.0` : `${major}.${minor! + 1}.0`;
})();

describe("a changeset on one service, versioned and published, installed by another homelab's helm", () => {
  let work: string;
  let cp: ControlPlane;
  let server: ReturnType<typeof createServer>;
  let url: string;
  let helmEnv: Record<string, string>;
  /** The directory the loopback HTTP server serves as a Helm repository. */
  let served: string;

  beforeAll(async () => {
    // A copy of the repository to version and publish, sharing installed packages.
    work = mkdtempSync(join(tmpdir(), "homelab-publish-"));
    for (const entry of [
      "apps",
      "packages",
      "tooling",
      "charts",
      "repo",
      ".changeset",
      "package.json",
      "pnpm-workspace.yaml",
      "pnpm-lock.yaml",
      "turbo.json",
    ]) {
      cpSync(join(source, entry), join(work, entry), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (p) => !p.includes("/test-results") && !p.endsWith("/.turbo"),
      });
    }
    symlinkSync(join(source, "node_modules"), join(work, "node_modules"));
    const git = (args: string[]) =>
      execa("git", args, {
        cwd: work,
        env: {
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    await git(["init", "-q", "-b", "main"]);
    await git(["add", "-A"]);
    await git(["commit", "-qm", "base"]);
    cp = await startControlPlane();
    served = join(work, "repo");
    server = createServer((req, res) => {
      try {
        res.end(readFileSync(join(served, decodeURIComponent((req.url ?? "/").split("?")[0]!))));
      } catch {
        res.statusCode = 404;
        res.end("not found");
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const home = mkdtempSync(join(tmpdir(), "helm-home-"));
    helmEnv = {
      HELM_CONFIG_HOME: join(home, "config"),
      HELM_CACHE_HOME: join(home, "cache"),
      HELM_DATA_HOME: join(home, "data"),
    };
  }, 120_000);

  afterAll(async () => {
    server?.close();
    await cp?.stop();
  });

  it("changeset version bumps the service, and build writes the version, changelog and Artifact Hub changes", async () => {
    writeFileSync(
      join(work, ".changeset", "jellyfin-transcoding.md"),
      '---\n"@homelab/jellyfin": minor\n---\n\nadded: hardware transcoding values\n',
    );
    const version = await execa("pnpm", ["exec", "changeset", "version"], {
      cwd: work,
      reject: false,
      all: true,
    });
    expect(version.exitCode, version.all).toBe(0);
    expect(JSON.parse(readFileSync(join(work, "apps", "jellyfin", "package.json"), "utf8")).version).toBe(
      next,
    );
    expect(JSON.parse(readFileSync(join(work, "apps", "vaultwarden", "package.json"), "utf8")).version).toBe(
      versionOf("vaultwarden"),
    );
    const build = await execa(
      "node",
      [join(work, "packages", "chart-kit", "bin", "homelab-chart.js"), "build"],
      { cwd: join(work, "apps", "jellyfin"), reject: false, all: true },
    );
    expect(build.exitCode, build.all).toBe(0);
    const chart = YAML.parse(readFileSync(join(work, "charts", "jellyfin", "Chart.yaml"), "utf8"));
    expect(chart.version).toBe(next);
    expect(YAML.parse(chart.annotations["artifacthub.io/changes"])).toEqual([
      { kind: "added", description: "Hardware transcoding values" },
    ]);
    expect(readFileSync(join(work, "charts", "jellyfin", "CHANGELOG.md"), "utf8")).toMatch(
      new RegExp(
        `^# jellyfin chart changelog\\n\\n## ${next.replace(/\./g, "\\.")}\\n[\\s\\S]*added: hardware transcoding values`,
      ),
    );
  }, 120_000);

  it("publishes exactly the one new version and leaves the others alone", async () => {
    const before = Object.fromEntries(
      ["vaultwarden", "uptime-kuma"].map((n) => [
        n,
        readFileSync(join(work, "repo", `${n}-${versionOf(n)}.tgz`)),
      ]),
    );
    const results = await publishCharts({ root: work });
    expect(results.filter((r) => r.status === "published").map((r) => `${r.name} ${r.version}`)).toEqual([
      `jellyfin ${next}`,
    ]);
    expect(results.filter((r) => r.status === "already published")).toHaveLength(results.length - 1);
    expect(results.length).toBeGreaterThanOrEqual(30);
    const index = readIndex(join(work, "repo", "index.yaml"));
    const published = readIndex(join(source, "repo", "index.yaml"));
    expect(index.entries.jellyfin!.map((e) => e.version)).toEqual([
      next,
      ...published.entries.jellyfin!.map((e) => e.version),
    ]);
    expect(index.entries.vaultwarden).toEqual(published.entries.vaultwarden);
    for (const [n, bytes] of Object.entries(before))
      expect(readFileSync(join(work, "repo", `${n}-${versionOf(n)}.tgz`)).equals(bytes)).toBe(true);
    expect(await publishCharts({ root: work })).toSatisfy((r: { status: string }[]) =>
      r.every((x) => x.status === "already published"),
    );
  }, 60_000);

  it("is a Helm repository: repo add, search, pull, template and install with the real helm", async () => {
    await helm(["repo", "add", "homelab", url], { env: helmEnv });
    const search = await helm(["search", "repo", "homelab/jellyfin", "--versions", "--output", "json"], {
      env: helmEnv,
    });
    expect((JSON.parse(search.stdout) as { version: string }[]).map((r) => r.version)).toEqual([
      next,
      ...readIndex(join(source, "repo", "index.yaml")).entries.jellyfin!.map((e) => e.version),
    ]);
    const dir = mkdtempSync(join(tmpdir(), "pulled-"));
    await helm(["pull", "homelab/jellyfin", "--version", next, "--destination", dir], { env: helmEnv });
    expect(
      readFileSync(join(dir, `jellyfin-${next}.tgz`)).equals(
        readFileSync(join(work, "repo", `jellyfin-${next}.tgz`)),
      ),
    ).toBe(true);
    const rendered = await helm(
      [
        "template",
        "media",
        "homelab/jellyfin",
        "--version",
        next,
        "--set-json",
        'ingress.main.hosts=[{"host":"tv.example.org","paths":[{"path":"/","service":{"identifier":"main","port":"http"}}]}]',
      ],
      { env: helmEnv },
    );
    expect(rendered.stdout).toContain('host: "tv.example.org"');
    await helm(
      [
        "install",
        "media",
        "homelab/jellyfin",
        "--version",
        next,
        "--namespace",
        "media",
        "--create-namespace",
        "--kubeconfig",
        cp.kubeconfig,
      ],
      { env: helmEnv },
    );
    const list = await helm(
      ["list", "--namespace", "media", "--kubeconfig", cp.kubeconfig, "--output", "json"],
      { env: helmEnv },
    );
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: "media", status: "deployed", chart: `jellyfin-${next}` }),
    ]);
  }, 120_000);

  it("pushes new versions to an OCI registry (the real distribution registry) that helm pulls from", async () => {
    const port = await freePort();
    const regDir = mkdtempSync(join(tmpdir(), "registry-"));
    writeFileSync(
      join(regDir, "config.yml"),
      `version: 0.1\nlog: { level: error }\nstorage: { filesystem: { rootdirectory: ${regDir}/data } }\nhttp: { addr: 127.0.0.1:${port} }\n`,
    );
    const registry = startProcess(regDir, "registry", "registry", ["serve", join(regDir, "config.yml")]);
    try {
      await waitFor(
        "the registry",
        async () => (await fetch(`http://127.0.0.1:${port}/v2/`)).ok,
        30_000,
        registry,
      );
      const oci = `oci://127.0.0.1:${port}/charts`;
      const results = await publishCharts({
        root: work,
        repoDir: mkdtempSync(join(tmpdir(), "repo2-")),
        oci,
        ociPlainHttp: true,
      });
      expect(results.find((r) => r.name === "jellyfin")).toMatchObject({
        status: "published",
        oci: `${oci}/jellyfin:${next}`,
      });
      const dir = mkdtempSync(join(tmpdir(), "oci-pull-"));
      await helm(["pull", `${oci}/jellyfin`, "--version", next, "--plain-http", "--destination", dir], {
        env: helmEnv,
      });
      expect(
        readFileSync(join(dir, `jellyfin-${next}.tgz`)).equals(
          readFileSync(join(work, "repo", `jellyfin-${next}.tgz`)),
        ),
      ).toBe(true);
    } finally {
      await stopProcess(registry);
    }
    // A registry that is not there: a clear error, and the repository's index is not written.
    const offline = mkdtempSync(join(tmpdir(), "repo3-"));
    const down = `oci://127.0.0.1:${await freePort()}/charts`;
    await expect(
      publishCharts({ root: work, repoDir: offline, oci: down, ociPlainHttp: true }),
    ).rejects.toThrow(
      new RegExp(
        `^pushing adguard-home \\S+ to ${down.replace(/[.]/g, "\\.")} failed: .*connection refused.*index\\.yaml was not updated, so nothing counts as published yet\\. Fix: check the registry address`,
      ),
    );
    expect(readdirSync(offline)).not.toContain("index.yaml");
  }, 120_000);

  it("signs new versions when a key is configured; helm verifies them, pulls them with --verify and refuses a tampered one", async () => {
    const gnupg = mkdtempSync(join(tmpdir(), "gnupg-"));
    const passphrase = join(mkdtempSync(join(tmpdir(), "secret-")), "passphrase");
    writeFileSync(passphrase, "correct horse battery staple\n", { mode: 0o600 });
    const gpg = (args: string[]) =>
      execa("gpg", ["--homedir", gnupg, "--batch", "--pinentry-mode", "loopback", ...args]);
    const publish = (args: string[], env: Record<string, string> = {}) =>
      execa("node", [join(work, "packages", "publish", "bin", "homelab-publish.js"), ...args], {
        cwd: work,
        reject: false,
        all: true,
        env,
      });
    try {
      await gpg([
        "--passphrase-file",
        passphrase,
        "--quick-gen-key",
        "Homelab Charts <charts@homelab.invalid>",
        "rsa3072",
        "sign",
        "never",
      ]);
      await gpg([
        "--passphrase",
        "",
        "--quick-gen-key",
        "Modern Key <modern@homelab.invalid>",
        "ed25519",
        "sign",
        "never",
      ]);
      const keyring = join(mkdtempSync(join(tmpdir(), "keyring-")), "pubring.gpg");
      writeFileSync(
        keyring,
        (
          await execa("gpg", ["--homedir", gnupg, "--export", "charts@homelab.invalid"], {
            encoding: "buffer",
          })
        ).stdout,
      );
      const signed = mkdtempSync(join(tmpdir(), "signed-repo-"));

      // Keys that cannot give a verifiable signature are refused before anything is written.
      const missing = await publish([
        "--repo-dir",
        signed,
        "--sign",
        "nobody@homelab.invalid",
        "--gpg-home",
        gnupg,
      ]);
      expect(missing.exitCode).toBe(1);
      expect(missing.all).toContain(
        `homelab-publish: no secret key "nobody@homelab.invalid" that can sign in ${gnupg}. Fix: list the keys with \`gpg --list-secret-keys\``,
      );
      const eddsa = await publish([
        "--repo-dir",
        signed,
        "--sign",
        "modern@homelab.invalid",
        "--gpg-home",
        gnupg,
      ]);
      expect(eddsa.exitCode).toBe(1);
      expect(eddsa.all).toContain(
        'the key "modern@homelab.invalid" signs with OpenPGP algorithm 22, which helm 3 cannot verify. Fix: create an RSA signing key',
      );
      expect(readdirSync(signed)).toEqual([]);

      // The key named by the environment, unlocked by its passphrase file.
      const r = await publish(["--repo-dir", signed, "--gpg-home", gnupg, "--json"], {
        HOMELAB_SIGN_KEY: "charts@homelab.invalid",
        HOMELAB_SIGN_PASSPHRASE_FILE: passphrase,
      });
      expect(r.exitCode, r.all).toBe(0);
      const results = JSON.parse(r.stdout) as { name: string; version: string; provenance?: string }[];
      expect(results.length).toBeGreaterThanOrEqual(30);
      for (const c of results) expect(c.provenance).toBe(join(signed, `${c.name}-${c.version}.tgz.prov`));
      const archive = join(signed, `jellyfin-${next}.tgz`);
      const verified = await helm(["verify", "--keyring", keyring, archive], { env: helmEnv });
      expect(verified.stdout).toContain("Signed by: Homelab Charts <charts@homelab.invalid>");
      expect(verified.stdout).toContain(
        `Chart Hash Verified: sha256:${readIndex(join(signed, "index.yaml")).entries.jellyfin![0]!.digest}`,
      );

      // Another homelab pulls and installs with --verify from the served repository.
      served = signed;
      await helm(["repo", "add", "signed", url], { env: helmEnv });
      const dir = mkdtempSync(join(tmpdir(), "verified-pull-"));
      await helm(
        [
          "pull",
          "signed/jellyfin",
          "--version",
          next,
          "--verify",
          "--keyring",
          keyring,
          "--destination",
          dir,
        ],
        { env: helmEnv },
      );
      expect(readdirSync(dir).sort()).toEqual([`jellyfin-${next}.tgz`, `jellyfin-${next}.tgz.prov`]);

      // A tampered archive fails verification.
      const tampered = mkdtempSync(join(tmpdir(), "tampered-"));
      writeFileSync(
        join(tampered, `jellyfin-${next}.tgz`),
        Buffer.concat([readFileSync(archive), Buffer.from([0])]),
      );
      cpSync(`${archive}.prov`, join(tampered, `jellyfin-${next}.tgz.prov`));
      await expect(
        helm(["verify", "--keyring", keyring, join(tampered, `jellyfin-${next}.tgz`)], { env: helmEnv }),
      ).rejects.toThrow(`sha256 sum does not match for jellyfin-${next}.tgz`);
    } finally {
      served = join(work, "repo");
      await execa("gpgconf", ["--homedir", gnupg, "--kill", "gpg-agent"], { reject: false });
    }
  }, 120_000);

  it("refuses to publish a chart whose content changed without a version bump", async () => {
    const service = join(work, "apps", "vaultwarden", "src", "service.ts");
    writeFileSync(
      service,
      readFileSync(service, "utf8").replace('SIGNUPS_ALLOWED: "false"', 'SIGNUPS_ALLOWED: "true"'),
    );
    const r = await execa("node", [join(work, "packages", "publish", "bin", "homelab-publish.js")], {
      cwd: work,
      reject: false,
      all: true,
    });
    expect(r.exitCode).toBe(1);
    expect(r.all).toContain(
      `homelab-publish: vaultwarden ${versionOf("vaultwarden")}: the chart's content changed but its version is already published. Fix: \`pnpm changeset\``,
    );
    expect(readIndex(join(work, "repo", "index.yaml")).entries.vaultwarden).toEqual(
      readIndex(join(source, "repo", "index.yaml")).entries.vaultwarden,
    );
  }, 60_000);
});
