import { describe, expect, it } from "vitest";
import { changesForVersion, chartChangelog } from "./changelog.ts";

const CHANGELOG = `# @homelab/jellyfin

## 0.2.0

### Minor Changes

- 1a2b3c4: added: hardware transcoding values
- security: drop the last capability

### Patch Changes

- Updated dependencies [1a2b3c4]
  - @homelab/chart-kit@0.1.1

## 0.1.1

- fixed: probe path
`;

describe("changesForVersion", () => {
  it("reads one version's entries with their Artifact Hub kinds", () => {
    expect(changesForVersion(CHANGELOG, "0.2.0")).toEqual([
      { kind: "added", description: "Hardware transcoding values" },
      { kind: "security", description: "Drop the last capability" },
      { kind: "changed", description: "Rebuilt with an updated chart kit" },
    ]);
    expect(changesForVersion(CHANGELOG, "0.1.1")).toEqual([{ kind: "fixed", description: "Probe path" }]);
    expect(changesForVersion(CHANGELOG, "9.9.9")).toEqual([]);
  });

  it("titles the chart's changelog with the chart name", () => {
    expect(chartChangelog("jellyfin", CHANGELOG)).toMatch(/^# jellyfin chart changelog\n\n## 0\.2\.0\n/);
  });
});
