/**
 * The homelab-common library's own tests, run by the real tools: every
 * helm-unittest case (one suite per feature, under library/test-chart/tests)
 * becomes a test here, and the Helm 3 / Helm 4 comparison of run-unittest.sh
 * is one more. Fails when a case fails or the script does.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../library/run-unittest.sh", import.meta.url));
const report = join(mkdtempSync(join(tmpdir(), "homelab-unittest-")), "junit.xml");
const run = await execa("bash", [script, "--output-type", "JUnit", "--output-file", report], {
  reject: false,
  all: true,
});

interface Case {
  suite: string;
  name: string;
  failure?: string;
}

/** The test cases of a JUnit report (helm-unittest's): suite, name and failure message. */
function junitCases(xml: string): Case[] {
  const cases: Case[] = [];
  for (const suite of xml.matchAll(/<testsuite\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/testsuite>/g)) {
    for (const c of suite[2]!.matchAll(
      /<testcase\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g,
    )) {
      const failure = /<failure\b[^>]*(?:message="([^"]*)")?[^>]*>/.exec(c[2] ?? "");
      cases.push({ suite: suite[1]!, name: c[1]!, ...(failure ? { failure: failure[1] ?? "failed" } : {}) });
    }
  }
  return cases;
}

const cases = (() => {
  try {
    return junitCases(readFileSync(report, "utf8"));
  } catch {
    return [];
  }
})();

describe("homelab-common library (helm-unittest)", () => {
  it("ran its suites", () => {
    expect(cases.length, run.all).toBeGreaterThan(100);
  });
  for (const c of cases) {
    it(`${c.suite}: ${c.name}`, () => {
      expect(c.failure, c.failure).toBeUndefined();
    });
  }
  it("renders alike with Helm 3 and Helm 4, and run-unittest.sh passes", () => {
    expect(run.all).toMatch(/PASS helm and helm4 lint and render/);
    expect(run.exitCode, run.all).toBe(0);
  });
});
