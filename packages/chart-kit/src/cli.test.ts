import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/homelab-chart.js", import.meta.url));
const fixture = fileURLToPath(new URL("./compose/fixtures/pihole.yaml", import.meta.url));

describe("homelab-chart", () => {
  it("imports a Compose file: the draft on stdout, what it did not import on stderr", async () => {
    const r = await execa("node", [bin, "import", fixture], { reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^import \{ defineCiValues, defineService \} from "@homelab\/chart-kit";/);
    expect(r.stdout).toContain('kind: "capabilities"');
    expect(r.stderr).toMatch(/services\.pihole\.restart: not imported/);
  });

  it("names the file and the fix when the Compose file is missing, with exit code 2", async () => {
    const r = await execa("node", [bin, "import", "nowhere.yaml"], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/nowhere\.yaml does not exist\. Fix: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("names the file, line and fix when src/service.ts does not compile, with exit code 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "homelab-chart-"));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "package.json"), '{ "name": "@homelab/broken", "version": "0.1.0" }\n');
    writeFileSync(
      join(dir, "src", "service.ts"),
      'import { defineService } from "@homelab/chart-kit";\nexport const x = ;\n',
    );
    const r = await execa("node", [bin, "build", "--dir", dir], { reject: false });
    rmSync(dir, { recursive: true, force: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `${join(dir, "src", "service.ts")}:2:18: does not compile: Unexpected ";". Fix: `,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("lists its exit codes in --help", async () => {
    const r = await execa("node", [bin, "--help"]);
    expect(r.stdout).toContain("import    draft src/service.ts from a Docker Compose file");
    expect(r.stdout).toContain("3  a cluster or host could not be reached or read");
  });
});
