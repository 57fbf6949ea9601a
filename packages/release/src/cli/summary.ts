import type { ReleaseSummary, ServiceResult } from "../execute-plan.ts";

const STATUS_MARK: Record<ServiceResult["status"], string> = {
  installed: "ok",
  applied: "ok",
  unchanged: "ok",
  pruned: "ok",
  planned: "plan",
  kept: "kept",
  failed: "FAILED",
  skipped: "SKIPPED",
};

/** `2/3` pods ready, or `-` when the release did not wait for pods. */
const readyColumn = (r: ServiceResult) => (r.pods ? `${r.pods.ready}/${r.pods.total}` : "-");

/** The summary as a table, then the details of changes and failures. */
export function renderSummary(summary: ReleaseSummary): string {
  const rows = [
    ["SERVICE", "CHANGE", "STATUS", "READY", "SECONDS"],
    ...summary.services.map((r) => [
      r.service,
      r.change,
      r.status === "failed" || r.status === "skipped"
        ? STATUS_MARK[r.status]
        : `${STATUS_MARK[r.status]} ${r.status}`,
      readyColumn(r),
      String(r.seconds),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = [summary.dryRun ? "Plan (nothing was written):" : "Release:", ""];
  for (const row of rows)
    lines.push(row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join("  "));
  for (const r of summary.services) {
    if (r.diff.length && (summary.dryRun || r.status === "failed" || r.change !== "create")) {
      lines.push("", `${r.service}:`, ...r.diff.map((d) => `  ${d}`));
    }
    if (r.reason) lines.push("", `${r.service}: ${r.reason}`);
    if (r.logExcerpt) lines.push(...r.logExcerpt.split("\n").map((l) => `  | ${l}`));
  }
  const failed = summary.services.filter((r) => r.status === "failed").map((r) => r.service);
  const skipped = summary.services.filter((r) => r.status === "skipped").map((r) => r.service);
  const waitedForPods = summary.services.some((r) => r.pods);
  lines.push(
    "",
    failed.length
      ? `${failed.length} service(s) failed: ${failed.join(", ")}.${skipped.length ? ` Skipped, as they need a failed service: ${skipped.join(", ")}.` : ""} The others were released; fix and re-run to resume.`
      : summary.dryRun
        ? "Run without --plan to apply."
        : waitedForPods
          ? "All services released: every pod is ready."
          : "All services released.",
    "",
  );
  return lines.join("\n");
}
