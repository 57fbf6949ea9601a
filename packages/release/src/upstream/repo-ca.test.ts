import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { certificatesOnly, readRepoCA } from "./repo-ca.ts";

/** A self-signed test CA (not trusted anywhere); the private key is made per run, never committed. */
const CA = readFileSync(join(import.meta.dirname, "fixtures", "test-ca.pem"), "utf8");
const KEY = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

describe("repoCA: certificates only", () => {
  it("keeps only the CERTIFICATE blocks, each a real certificate", () => {
    expect(certificatesOnly(CA)).toEqual({ pem: CA });
    expect(certificatesOnly(`# our CA\n${CA}trailing notes\n${CA}`)).toEqual({ pem: `${CA}${CA}` });
  });

  it("refuses a file with a private key, naming the block type and never its content", () => {
    for (const text of [`${CA}${KEY}`, `${KEY}${CA}`]) {
      const r = certificatesOnly(text);
      expect(r).toEqual({
        problem:
          "holds a PRIVATE KEY block besides certificates (a private key must never leave this machine, and the CA goes into the cluster)",
      });
    }
    const rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n";
    expect(certificatesOnly(`${CA}${rsa}`)).toMatchObject({
      problem: expect.stringContaining("RSA PRIVATE KEY"),
    });
  });

  it("refuses no certificate, and a block that is not one", () => {
    expect(certificatesOnly("hello\n")).toEqual({ problem: "holds no PEM certificate" });
    expect(certificatesOnly("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).toEqual({
      problem: "certificate 1 of 1 is not a valid X.509 certificate",
    });
  });

  it("reads the file as an input file (a directory or device is refused)", () => {
    const dir = mkdtempSync(join(tmpdir(), "repo-ca-"));
    writeFileSync(join(dir, "ca.pem"), `${CA}${KEY}`);
    const r = readRepoCA(join(dir, "ca.pem"));
    expect(r).toMatchObject({ problem: expect.stringContaining("PRIVATE KEY block") });
    expect(JSON.stringify(r)).not.toContain(KEY.split("\n")[1]);
    expect(readRepoCA(dir)).toEqual({ problem: `${dir} is a directory, not a file` });
    expect(readRepoCA("/dev/zero")).toEqual({ problem: "/dev/zero is a character device, not a file" });
  });
});
