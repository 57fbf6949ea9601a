import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ServicePackage } from "@homelab/chart-kit";
import { loadServicePackage } from "@homelab/chart-kit";

/** Every service package under `<root>/apps`, by chart name. */
export async function loadServices(root: string): Promise<Map<string, ServicePackage>> {
  const dirs = readdirSync(join(root, "apps"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const packages = await Promise.all(dirs.map((d) => loadServicePackage(join(root, "apps", d))));
  return new Map(packages.map((p) => [p.definition.name, p]));
}
