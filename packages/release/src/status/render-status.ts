import type { HomelabStatus, ServiceStatus } from "./read-status.ts";

const versions = (s: ServiceStatus) => `${s.desiredVersion ?? "-"}/${s.deployedVersion ?? "-"}`;
const claims = (s: ServiceStatus) =>
  s.claims.length ? `${s.claims.filter((c) => c.phase === "Bound").length}/${s.claims.length} bound` : "-";

/** The status as a table (one row per service), then each service's URLs, claims and problems. */
export function renderStatus(status: HomelabStatus, when: Date = new Date()): string {
  const rows = [
    [
      "SERVICE",
      "NAMESPACE",
      "CHART want/have",
      "HELMCHART",
      "INSTALL JOB",
      "PODS",
      "RESTARTS",
      "CLAIMS",
      "POD SECURITY",
      "STATE",
    ],
    ...status.services.map((s) => [
      s.service,
      s.namespace,
      versions(s),
      s.helmChart.startsWith("failed") ? "failed" : s.helmChart,
      s.installJob.replace(/:.*$/, ""),
      `${s.pods.ready}/${s.pods.total}`,
      String(s.pods.restarts),
      claims(s),
      s.podSecurity,
      s.healthy ? "ok" : "UNHEALTHY",
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = [`Status at ${when.toISOString().replace(/\.\d+Z$/, "Z")}:`, ""];
  for (const row of rows)
    lines.push(
      row
        .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell))
        .join("  ")
        .trimEnd(),
    );
  for (const s of status.services) {
    const details = [
      ...s.urls.map((u) => `url: ${u}`),
      ...(s.claims.length
        ? [`claims: ${s.claims.map((c) => `${c.name} ${c.size} ${c.phase}`).join(", ")}`]
        : []),
      ...s.problems.map((p) => `UNHEALTHY: ${p}`),
      ...s.notes.map((n) => `note: ${n}`),
    ];
    if (details.length) lines.push("", `${s.service}:`, ...details.map((d) => `  ${d}`));
  }
  lines.push(
    "",
    status.healthy
      ? `All ${status.services.length} services healthy.`
      : `${status.unhealthy.length} service(s) unhealthy: ${status.unhealthy.join(", ")}.`,
    "",
  );
  return lines.join("\n");
}
