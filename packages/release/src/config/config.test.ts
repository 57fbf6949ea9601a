import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "@homelab/chart-kit";
import { describe, expect, it } from "vitest";
import { loadServices } from "../services.ts";
import { renderHomelabSchema } from "../write-schema.ts";
import { loadConfig } from "./load-config.ts";
import { parseDotEnv, resolveSecrets } from "./secrets.ts";

const root = findRepoRoot(process.cwd());

describe("homelab config", () => {
  it("homelab.schema.json is what the build writes", async () => {
    expect(readFileSync(join(root, "homelab.schema.json"), "utf8")).toBe(await renderHomelabSchema(root));
  });

  it("accepts the shipped homelab.yaml and homelab.example.yaml", async () => {
    const services = [...(await loadServices(root)).keys()];
    expect(Object.keys(loadConfig(join(root, "homelab.yaml"), services).services)).toHaveLength(6);
    expect(loadConfig(join(root, "homelab.example.yaml"), services).hosts).toHaveLength(2);
  });

  it("reads .env files", () => {
    expect(parseDotEnv("# c\nA=1\nexport B='two'\nC=\"3 3\"\n\nbad line\n")).toEqual({ A: "1", B: "two", C: "3 3" });
  });

  it("prefers the environment over .env, and names the variable when both lack it", () => {
    const config = { services: { vaultwarden: { secrets: { admin: { ADMIN_TOKEN: { env: "VW_TOKEN" } } } } } };
    expect(resolveSecrets(config, "homelab.yaml", "/nonexistent/.env", { VW_TOKEN: "x" })).toEqual({ vaultwarden: { admin: { ADMIN_TOKEN: "x" } } });
    expect(() => resolveSecrets(config, "homelab.yaml", "/nonexistent/.env", {})).toThrow(
      "homelab.yaml: services.vaultwarden.secrets.admin.ADMIN_TOKEN: environment variable VW_TOKEN is not set. Fix: export VW_TOKEN=... or add it to /nonexistent/.env (never commit it)",
    );
  });
});
