import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/toolbox";
import { describe, expect, it } from "vitest";

const root = findRepoRoot(process.cwd());

describe("chart-testing docs", () => {
  it("name ct's container image at the version the tools script pins", () => {
    const pinned = /^CT_VERSION=(\S+)$/m.exec(
      readFileSync(join(root, "tooling", "tools", "versions.env"), "utf8"),
    )?.[1];
    expect(pinned).toMatch(/^v\d+\.\d+\.\d+$/);
    const images = [
      ...readFileSync(join(root, "tooling", "chart-testing", "README.md"), "utf8").matchAll(
        /quay\.io\/helmpack\/chart-testing(:\S+)?/g,
      ),
    ].map((m) => m[1]);
    expect(images).toEqual([`:${pinned}`]);
  });
});
