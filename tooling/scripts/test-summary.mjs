// Totals every package's Vitest JSON results (test-results/vitest.json) into one line.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const group of ["packages", "apps", "tooling"]) {
  for (const pkg of readdirSync(join(root, group))) {
    const file = join(root, group, pkg, "test-results", "vitest.json");
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    for (const suite of r.testResults) {
      for (const t of suite.assertionResults)
        if (t.status === "failed") failures.push(`${group}/${pkg}: ${t.fullName}`);
    }
  }
}
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
