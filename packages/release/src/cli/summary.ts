import type { ReleaseSummary, ServiceResult } from "../execute-plan.ts";

const STATUS_MARK: Record<ServiceResult["status"], string> = {
  installed: "ok",
  applied: "ok",
  unchanged: "ok",
  pruned: "ok",
  planned: "plan",
  kept: "kept",
  failed: "FAILED",
};

/** The summary as a table, then the details of changes and failures. */
export function renderSummary(summary: ReleaseSummary): string {
  const lines = [summary.dryRun ? "Plan (nothing was written):" : "Release:", ""];
  lines.push(`${"SERVICE".padEnd(16)} ${"CHANGE".padEnd(10)} ${"STATUS".padEnd(10)} SECONDS`);
  for (const r of summary.services) lines.push(`${r.service.padEnd(16)} ${r.change.padEnd(10)} ${`${STATUS_MARK[r.status]} ${r.status === "failed" ? "" : r.status}`.trim().padEnd(10)} ${r.seconds}`);
  for (const r of summary.services) {
    if (r.diff.length && (summary.dryRun || r.status === "failed" || r.change !== "create")) {
      lines.push("", `${r.service}:`, ...r.diff.map((d) => `  ${d}`));
    }
    if (r.reason) lines.push("", `${r.service}: ${r.reason}`);
    if (r.logExcerpt) lines.push(...r.logExcerpt.split("\n").map((l) => `  | ${l}`));
  }
  const failed = summary.services.filter((r) => r.status === "failed").map((r) => r.service);
  lines.push("", failed.length ? `${failed.length} service(s) failed: ${failed.join(", ")}. The others were released; fix and re-run to resume.` : summary.dryRun ? "Run without --plan to apply." : "All services released.", "");
  return lines.join("\n");
}
