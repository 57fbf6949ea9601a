import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { ControlPlane } from "@homelab/sandbox";
import { startControlPlane } from "@homelab/sandbox";
import { findRepoRoot, HELM_BINARIES, helm } from "@homelab/toolbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";

const root = findRepoRoot(process.cwd());
const repoDir = join(root, "repo");
const index = YAML.parse(readFileSync(join(repoDir, "index.yaml"), "utf8")) as {
  entries: Record<string, { version: string }[]>;
};
const jellyfinVersion = (
  JSON.parse(readFileSync(join(root, "apps/jellyfin/package.json"), "utf8")) as { version: string }
).version;
/** The last published jellyfin before the chart kit v2: the newest 0.1.x. */
const oldest = [...(index.entries.jellyfin ?? [])]
  .map((e) => e.version)
  .filter((v) => v.startsWith("0.1."))
  .sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]))
  .at(-1)!;

interface Claim {
  metadata: { name: string; uid: string };
}
interface Pod {
  initContainers?: { name: string; restartPolicy?: string }[];
  containers: { name: string; resources?: { limits?: Record<string, string> } }[];
  volumes: { name: string; nfs?: { server: string; path: string }; hostPath?: { path: string } }[];
}

/** The charts served from repo/ over loopback HTTP, as another homelab would `helm repo add` them. */
function serveRepo(): Promise<Server> {
  const server = createServer((req, res) => {
    const file = join(repoDir, decodeURIComponent((req.url ?? "/").split("?")[0]!).replace(/^\/+/, ""));
    if (!file.startsWith(repoDir)) return void res.writeHead(403).end();
    try {
      res.writeHead(200).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("the published jellyfin chart, installed from repo/ by another homelab", () => {
  let cp: ControlPlane;
  let server: Server;
  let url: string;
  const kubectlJson = async <T>(args: string[]): Promise<T> => {
    const { execa } = await import("execa");
    const token = /token: (\S+)/.exec(readFileSync(cp.kubeconfig, "utf8"))![1]!;
    const { stdout } = await execa("curl", [
      "-sk",
      "-H",
      `Authorization: Bearer ${token}`,
      `${cp.server}${args[0]}`,
    ]);
    return JSON.parse(stdout) as T;
  };

  beforeAll(async () => {
    cp = await startControlPlane();
    server = await serveRepo();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await cp?.stop();
  });

  it("publishes the chart kit v2 version beside the 0.1.x one", () => {
    expect(oldest).toMatch(/^0\.1\./);
    expect(index.entries.jellyfin!.map((e) => e.version)).toContain(jellyfinVersion);
  });

  for (const binary of HELM_BINARIES) {
    it(`upgrades from ${oldest} keeping every claim (${binary})`, async () => {
      const ns = `upgrade-${binary}`;
      const common = ["--repo", url, "--namespace", ns, "--kubeconfig", cp.kubeconfig];
      await helm(["install", "media", "jellyfin", "--version", oldest, "--create-namespace", ...common], {
        binary,
      });
      const claims = async () =>
        (await kubectlJson<{ items: Claim[] }>([`/api/v1/namespaces/${ns}/persistentvolumeclaims`])).items
          .map((c) => `${c.metadata.name}=${c.metadata.uid}`)
          .sort();
      const before = await claims();
      expect(before.length).toBe(3);
      await helm(["upgrade", "media", "jellyfin", "--version", jellyfinVersion, ...common], { binary });
      expect(await claims()).toEqual(before);
    }, 120_000);

    it(`takes an NFS share, /dev/dri, an Intel GPU, an init container and a sidecar from values alone (${binary})`, async () => {
      const ns = `extras-${binary}`;
      const values = join(root, "charts/jellyfin/ci/nas-and-gpu-values.yaml");
      await helm(
        ["install", "media", "jellyfin", "--repo", url, "--version", jellyfinVersion, "-f", values].concat([
          "--namespace",
          ns,
          "--create-namespace",
          "--kubeconfig",
          cp.kubeconfig,
        ]),
        { binary },
      );
      const deployment = await kubectlJson<{ spec: { template: { spec: Pod } } }>([
        `/apis/apps/v1/namespaces/${ns}/deployments/media-jellyfin`,
      ]);
      const pod = deployment.spec.template.spec;
      expect(pod.volumes.find((v) => v.name === "music")?.nfs).toEqual({
        server: "nas.home.arpa",
        path: "/export/music",
      });
      expect(pod.volumes.find((v) => v.name === "dri")?.hostPath?.path).toBe("/dev/dri");
      expect(pod.containers[0]!.resources?.limits?.["gpu.intel.com/i915"]).toBe("1");
      expect(pod.initContainers?.map((c) => [c.name, c.restartPolicy ?? ""])).toEqual([
        ["log-shipper", "Always"],
        ["wait-for-nas", ""],
      ]);
    }, 120_000);
  }
});
