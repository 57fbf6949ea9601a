import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigErrors } from "../errors.ts";
import { loadConfig } from "../config/load-config.ts";
import { compareVersions, listVersions } from "./chart-versions.ts";

const SERVICES = ["jellyfin", "vaultwarden"];

/** Loads `text` as homelab.yaml (beside `files`); returns each problem as `line:col field: problem. Fix: fix`. */
function problems(text: string, files: Record<string, string> = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), "homelab-upstream-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const file = join(dir, "homelab.yaml");
  writeFileSync(file, text);
  try {
    loadConfig(file, SERVICES);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    return e.errors.map((x) =>
      `${x.line ?? "-"}:${x.column ?? "-"} ${x.field}: ${x.problem}. Fix: ${x.fix}`.replaceAll(dir, "<dir>"),
    );
  }
}

const CERT_MANAGER = `
  cert-manager:
    namespace: cert-manager
    chart: { repo: https://charts.jetstack.io, name: cert-manager, version: v1.19.1 }
    values: { crds: { enabled: true } }
`;

describe("services.<name>.chart in homelab.yaml", () => {
  it("accepts an upstream chart under any name, and our services needing it", () => {
    expect(problems(`services:\n${CERT_MANAGER}  jellyfin: { needs: [cert-manager] }\n`)).toEqual([]);
    expect(
      problems(
        "services:\n  registry-app: { chart: { oci: 'oci://127.0.0.1:5000/charts/app', version: 1.0.0, plainHttp: true } }\n",
      ),
    ).toEqual([]);
  });

  it("still calls a name without chart: an unknown service", () => {
    expect(problems("services:\n  jelyfin: {}\n")).toEqual([
      '2:3 services.jelyfin: unknown key "jelyfin". Fix: use one of: jellyfin, vaultwarden',
    ]);
  });

  it("requires a pinned version, not a range", () => {
    expect(
      problems("services:\n  cm:\n    chart: { repo: https://charts.jetstack.io, name: cert-manager }\n"),
    ).toEqual(["3:12 services.cm.chart.version: is missing. Fix: add version (a string, e.g. v1.19.1)"]);
    expect(
      problems(
        "services:\n  cm:\n    chart: { repo: https://charts.jetstack.io, name: cert-manager, version: '^1.19' }\n",
      )[0],
    ).toMatch(
      /^3:77 services\.cm\.chart\.version: "\^1\.19" does not have the expected form .*\. Fix: write it like v1\.19\.1 or 1\.2\.3$/,
    );
  });

  it("wants repo with name, or oci, and a repoCA file with a certificate", () => {
    expect(
      problems(
        [
          "services:",
          "  a: { chart: { repo: 'https://x.example', version: 1.0.0 } }",
          "  b: { chart: { repo: 'https://x.example', name: b, oci: 'oci://r.example/b', version: 1.0.0 } }",
          "  c: { chart: { version: 1.0.0 } }",
          "  d: { chart: { repo: 'https://x.example', name: d, version: 1.0.0, plainHttp: true, repoCA: nope.pem } }",
          "  e: { chart: { repo: 'https://x.example', name: e, version: 1.0.0, repoCA: notpem.txt } }",
          "  f: { chart: { oci: 'oci://r.example/f', version: 1.0.0, authSecret: { username: { env: U }, password: { env: P } } } }",
          "",
        ].join("\n"),
        { "notpem.txt": "hello\n" },
      ),
    ).toEqual([
      "2:15 services.a.chart.name: is missing (a Helm repository holds many charts). Fix: add name: <the chart's name in https://x.example>",
      "3:58 services.b.chart.oci: gives both repo and oci. Fix: keep one: repo + name for a Helm repository, or oci for an OCI registry",
      "4:15 services.c.chart: names no source. Fix: add repo: <URL> and name: <chart> (a Helm repository), or oci: oci://<registry>/<path>/<chart>",
      "5:80 services.d.chart.plainHttp: only applies to oci. Fix: remove it; a Helm repository's URL says http:// or https:// itself",
      "5:94 services.d.chart.repoCA: <dir>/nope.pem is not a file. Fix: give the path (relative to this file) of the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)",
      "6:77 services.e.chart.repoCA: <dir>/notpem.txt holds no PEM certificate. Fix: give the path (relative to this file) of the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)",
      "7:71 services.f.chart.authSecret: is for Helm repositories; credentials for an OCI registry are not supported yet. Fix: use a registry that allows anonymous pulls, or serve the chart from a Helm repository (repo + name) with authSecret",
    ]);
  });

  it("names a cycle of needs, at the line of the need that closes it", () => {
    expect(
      problems("services:\n  jellyfin: { needs: [vaultwarden] }\n  vaultwarden:\n    needs: [jellyfin]\n"),
    ).toEqual([
      "2:23 services.jellyfin.needs.0: a cycle of needs: jellyfin -> vaultwarden -> jellyfin. Fix: remove one of these needs, so that no service waits for itself",
    ]);
    expect(problems("services:\n  jellyfin: { needs: [cert-manager] }\n")).toEqual([
      '2:23 services.jellyfin.needs.0: "cert-manager" is not a service of this config. Fix: use one of: (no other service)',
    ]);
  });

  it("checks k3s.components against k3s.extraArgs", () => {
    expect(
      problems(
        "k3s:\n  components: { traefik: { enabled: false, values: { a: 1 } }, servicelb: { values: {} } }\nservices: {}\n",
      ),
    ).toEqual(['2:77 k3s.components.servicelb.values: unknown key "values". Fix: use one of: enabled']);
    expect(
      problems("k3s:\n  components:\n    traefik: { enabled: false, values: { a: 1 } }\nservices: {}\n"),
    ).toEqual([
      "3:40 k3s.components.traefik.values: traefik is disabled, so its values are never used. Fix: remove the values, or enable traefik",
    ]);
    expect(
      problems(
        "k3s:\n  extraArgs: ['--disable=traefik']\n  components:\n    traefik: { values: { a: 1 } }\nservices: {}\n",
      ),
    ).toEqual([
      "4:14 k3s.components.traefik: is enabled here, but k3s.extraArgs disables it (--disable traefik). Fix: say it once: set k3s.components.traefik.enabled: false and remove the --disable flag from k3s.extraArgs",
    ]);
  });
});

describe("chart versions in messages", () => {
  it("sorts by SemVer precedence, newest first", () => {
    expect(
      ["1.0.0", "v1.10.0", "1.2.0", "1.10.0-rc.1", "1.10.0-rc.10", "0.9.0", "junk"].sort(compareVersions),
    ).toEqual(["0.9.0", "1.0.0", "1.2.0", "1.10.0-rc.1", "1.10.0-rc.10", "v1.10.0", "junk"]);
    expect(listVersions(["1.0.0", "1.1.0", "1.2.0", "1.3.0"], 2)).toBe("1.3.0, 1.2.0 and 2 older");
  });
});

describe("credentials and files of services.<name>.chart", () => {
  it("refuses credentials in a repository URL without repeating them", () => {
    const found = problems(
      [
        "services:",
        "  a: { chart: { repo: 'https://admin:hunter2@charts.example', name: a, version: 1.0.0 } }",
        "  b: { chart: { oci: 'oci://robot@registry.example/charts/b', version: 1.0.0 } }",
        "",
      ].join("\n"),
    );
    expect(found).toEqual([
      "2:23 services.a.chart.repo: has credentials in the URL (user:password@ before the host): they would be copied into the HelmChart and into messages. Fix: remove them from the URL, and give the repository's credentials with chart.authSecret (from the environment or .env)",
      "3:22 services.b.chart.oci: has credentials in the URL (user:password@ before the host): they would be copied into the HelmChart and into messages. Fix: remove them from the URL, and give the repository's credentials with chart.authSecret (from the environment or .env)",
    ]);
    expect(found.join("\n")).not.toContain("hunter2");
    // A URL the schema refuses is quoted without its user:password@ too.
    expect(
      problems(
        "services:\n  c: { chart: { repo: 'https://admin:hunter2@charts example', name: c, version: 1.0.0 } }\n",
      ),
    ).toEqual([
      '2:23 services.c.chart.repo: "https://***@charts example" does not have the expected form (^https?://[^\\s]+$). Fix: write it like https://charts.jetstack.io',
    ]);
  });

  it("refuses authSecret over plain http:// unless allowInsecureCredentials says so for that repository", () => {
    const auth = "authSecret: { username: { env: U }, password: { env: P } }";
    const chart = (repo: string, extra = "") =>
      `services:\n  a:\n    chart: { repo: '${repo}', name: a, version: 1.0.0, ${auth}${extra} }\n`;
    expect(problems(chart("http://charts.lan"))).toEqual([
      "3:78 services.a.chart.authSecret: would send the user name and password in clear text: http://charts.lan is plain http://, so anyone on the network path can read them. Fix: serve the repository over https:// (with chart.repoCA for your own CA); or, on a network you trust, accept the risk with allowInsecureCredentials: true",
    ]);
    expect(problems(chart("http://charts.lan", ", allowInsecureCredentials: true"))).toEqual([]);
    expect(problems(chart("https://charts.lan"))).toEqual([]);
    expect(problems(chart("https://charts.lan", ", allowInsecureCredentials: true"))).toEqual([
      expect.stringMatching(
        /services\.a\.chart\.allowInsecureCredentials: only applies to authSecret with a plain http:\/\/ repo/,
      ),
    ]);
  });

  it("confines repoCA to the config's directory and refuses one with a private key", () => {
    const ca = readFileSync(join(import.meta.dirname, "fixtures", "test-ca.pem"), "utf8");
    const key = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const outside = join(mkdtempSync(join(tmpdir(), "outside-ca-")), "ca.pem");
    writeFileSync(outside, ca);
    const chart = (repoCA: string) =>
      `services:\n  a: { chart: { repo: https://x.example, name: a, version: 1.0.0, repoCA: '${repoCA}' } }\n`;
    expect(problems(chart("ca.pem"), { "ca.pem": ca })).toEqual([]);
    for (const path of ["/etc/ssl/certs/ca-certificates.crt", outside, "../../../etc/passwd"])
      expect(problems(chart(path))).toEqual([
        expect.stringMatching(
          /^2:\d+ services\.a\.chart\.repoCA: \S+ is outside <dir> \(the config's directory\)\. Fix: put the file under <dir>/,
        ),
      ]);
    const dir = mkdtempSync(join(tmpdir(), "homelab-upstream-link-"));
    symlinkSync(outside, join(dir, "link.pem"));
    writeFileSync(join(dir, "homelab.yaml"), chart("link.pem"));
    expect(() => loadConfig(join(dir, "homelab.yaml"), SERVICES)).toThrow(
      `(a link to ${outside}) is outside`,
    );
    const withKey = problems(chart("ca.pem"), { "ca.pem": `${ca}${key}` });
    expect(withKey).toEqual([
      expect.stringContaining(
        "services.a.chart.repoCA: <dir>/ca.pem holds a PRIVATE KEY block besides certificates",
      ),
    ]);
    expect(withKey[0]).not.toContain(key.split("\n")[1]);
  });
});
