import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { valuesReference, withValuesReference } from "./values-reference.ts";

const doc = readFileSync(new URL("../../library/VALUES.md", import.meta.url), "utf8");

describe("VALUES.md's key reference", () => {
  it("is the one the values model generates (fix: pnpm --filter @homelab/chart-kit values-doc)", () => {
    expect(withValuesReference(doc)).toBe(doc);
  });
  it("lists nested keys of id maps and lists", () => {
    const reference = valuesReference();
    expect(reference).toContain("| `controllers.<id>.containers.<id>.image.tag` |");
    expect(reference).toContain("| `ingress.<id>.hosts[].paths[].service.identifier` |");
  });
});
