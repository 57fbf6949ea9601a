import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadServicePackage, podSecurityLevel } from "@homelab/chart-kit";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";

const root = findRepoRoot(process.cwd());

describe("the README's security table", () => {
  it("lists every declared exception of every service, with its level and reason", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const rows: string[] = [];
    for (const app of readdirSync(join(root, "apps")).sort()) {
      const def = (await loadServicePackage(join(root, "apps", app))).definition;
      const level = podSecurityLevel(def);
      for (const c of Object.values(def.controllers)) {
        if (c.capabilities) rows.push(`| ${def.name} | ${level} | adds ${c.capabilities.add.join(", ")}: ${c.capabilities.reason} |`);
        if (c.hostNetwork) rows.push(`| ${def.name} | ${level} | host network: ${c.hostNetwork.reason} |`);
        if (c.runAsRoot) rows.push(`| ${def.name} | ${level} | runs as root: ${c.runAsRoot.reason} |`);
        if (c.writableRootFilesystem) rows.push(`| ${def.name} | ${level} | writable root filesystem: ${c.writableRootFilesystem.reason} |`);
      }
    }
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(readme).toContain(row);
  });
});
