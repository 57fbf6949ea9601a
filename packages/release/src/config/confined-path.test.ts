import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { confinedPath } from "./confined-path.ts";

const base = realpathSync(mkdtempSync(join(tmpdir(), "confined-")));
mkdirSync(join(base, "certs"));
writeFileSync(join(base, "certs", "ca.pem"), "x");
const outside = realpathSync(mkdtempSync(join(tmpdir(), "outside-")));
writeFileSync(join(outside, "secret"), "x");
symlinkSync(join(outside, "secret"), join(base, "certs", "link.pem"));
symlinkSync(outside, join(base, "linked-dir"));

describe("paths from the config, confined to the config's directory", () => {
  it("resolves relative and absolute paths under it, existing or not", () => {
    expect(confinedPath("certs/ca.pem", base, "config-dir")).toEqual({ path: join(base, "certs", "ca.pem") });
    expect(confinedPath(join(base, "certs/ca.pem"), base, "config-dir")).toEqual({
      path: join(base, "certs", "ca.pem"),
    });
    expect(confinedPath("./airgap/../certs/new.pem", base, "config-dir")).toEqual({
      path: join(base, "certs", "new.pem"),
    });
  });

  it("refuses ../ out of it, an absolute path elsewhere, and links that lead out (file or directory)", () => {
    for (const raw of ["../../../tmp/y", "/etc/shadow", "certs/link.pem", "linked-dir/secret"]) {
      const r = confinedPath(raw, base, "config-dir");
      expect(r, raw).toMatchObject({
        problem: expect.stringContaining(`is outside ${base} (the config's directory)`),
      });
    }
    expect(confinedPath("certs/link.pem", base, "config-dir")).toMatchObject({
      problem: `${join(base, "certs", "link.pem")} (a link to ${join(outside, "secret")}) is outside ${base} (the config's directory)`,
    });
  });

  it("lets sshKey-like fields be under $HOME too, with ~/", () => {
    const home = realpathSync(homedir());
    expect(confinedPath("~/.ssh/id_ed25519", base, "config-dir-or-home")).toEqual({
      path: join(home, ".ssh", "id_ed25519"),
    });
    expect(confinedPath("/etc/shadow", base, "config-dir-or-home")).toMatchObject({
      problem: expect.stringContaining("is outside"),
    });
  });
});
