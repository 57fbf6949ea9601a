import type { ChartChange } from "./chart-yaml.ts";

const KINDS = ["added", "changed", "deprecated", "removed", "fixed", "security"] as const;

/**
 * The changes of one version from a changesets CHANGELOG.md. A change's kind
 * (as Artifact Hub defines them) is the summary's prefix (`fixed: ...`,
 * `security: ...`), else `changed`. Dependency-update notes count as changed.
 */
export function changesForVersion(changelog: string, version: string): ChartChange[] {
  const lines = changelog.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${version}`);
  if (start < 0) return [];
  const changes: ChartChange[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("## ")) break;
    const m = /^- (?:[0-9a-f]{7,40}: )?(.*)$/.exec(line);
    if (!m || !m[1]!.trim()) continue;
    const text = m[1]!.trim();
    const kind = KINDS.find((k) => text.toLowerCase().startsWith(`${k}:`));
    const description = (kind ? text.slice(kind.length + 1) : text).trim();
    if (/^Updated dependencies( \[[^\]]*\])?$/.test(description)) {
      changes.push({ kind: "changed", description: "Rebuilt with an updated chart kit" });
      continue;
    }
    changes.push({
      kind: kind ?? "changed",
      description: description.charAt(0).toUpperCase() + description.slice(1),
    });
  }
  return changes;
}

/** The chart's CHANGELOG.md: the package's changesets changelog under the chart's own title. */
export function chartChangelog(name: string, packageChangelog: string): string {
  const body = packageChangelog.replace(/^# .*\n+/, "").trim();
  return `# ${name} chart changelog\n\n${body}\n`;
}
