import { existsSync } from "node:fs";
import { ReleaseSettingsSchema } from "../config/schema.ts";
import { UsageError } from "../errors.ts";

/** A whole-number option's bounds; the config's own fields give them where it has one. */
interface Bounds {
  min: number;
  max: number;
  example: number;
}

/** A config field's bounds, as its schema states them. */
function schemaBounds(field: "timeoutSeconds" | "concurrency", example: number): Bounds {
  const { minimum, maximum } = ReleaseSettingsSchema.properties[field] as unknown as {
    minimum: number;
    maximum: number;
  };
  return { min: minimum, max: maximum, example };
}

/** The release CLI's whole-number options: decimal digits only, within these bounds (listed by --help). */
export const NUMBER_OPTIONS = {
  timeout: schemaBounds("timeoutSeconds", 600),
  concurrency: schemaBounds("concurrency", 4),
  "lock-timeout": { min: 0, max: 3600, example: 300 },
} as const satisfies Record<string, Bounds>;

/** `1-64`: an option's range as --help states it. */
export const range = (name: keyof typeof NUMBER_OPTIONS) =>
  `${NUMBER_OPTIONS[name].min}-${NUMBER_OPTIONS[name].max}`;

/**
 * A whole-number option's value: decimal digits only (no `1e1`, `0x10`, `+4`, ` 4`, `4.0`),
 * within its bounds. Undefined when not given.
 */
export function wholeNumberOption(
  name: keyof typeof NUMBER_OPTIONS,
  raw: string | undefined,
): number | undefined {
  if (raw === undefined) return undefined;
  const { min, max, example } = NUMBER_OPTIONS[name];
  const n = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(
      `--${name} ${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`,
      `pass decimal digits in that range, e.g. --${name} ${example}`,
    );
  return n;
}

/** The options as main() reads them from node's parseArgs. */
export interface ReleaseOptionValues {
  target?: string | undefined;
  kubeconfig?: string | undefined;
  plan?: boolean | undefined;
  "dry-run"?: boolean | undefined;
  prune?: boolean | undefined;
  "delete-data"?: boolean | undefined;
  keep?: boolean | undefined;
  timeout?: string | undefined;
  concurrency?: string | undefined;
  "lock-timeout"?: string | undefined;
}

export type ReleaseTarget = "sandbox" | "hosts" | "kubeconfig";

export interface ReleaseOptions {
  /** Undefined: hosts when the config lists them. */
  target: ReleaseTarget | undefined;
  kubeconfig: string | undefined;
  dryRun: boolean;
  timeout: number | undefined;
  concurrency: number | undefined;
  lockTimeout: number;
}

const TARGETS: readonly string[] = ["sandbox", "hosts", "kubeconfig"];

/** Checks the command line as a whole before anything runs: UsageError (exit 2) for each misuse. */
export function releaseOptions(values: ReleaseOptionValues): ReleaseOptions {
  const timeout = wholeNumberOption("timeout", values.timeout);
  const concurrency = wholeNumberOption("concurrency", values.concurrency);
  const lockTimeout = wholeNumberOption("lock-timeout", values["lock-timeout"]) ?? 300;
  const kubeconfig = values.kubeconfig;
  const target = values.target ?? (kubeconfig ? "kubeconfig" : undefined);
  if (target !== undefined && !TARGETS.includes(target))
    throw new UsageError(
      `--target ${JSON.stringify(target)} is not a target`,
      "use --target sandbox, --target hosts or --kubeconfig FILE",
    );
  if (kubeconfig !== undefined && target !== "kubeconfig")
    throw new UsageError(
      `--kubeconfig with --target ${target}: the target makes its own cluster`,
      "pass either --kubeconfig FILE or --target",
    );
  if (target === "kubeconfig" && kubeconfig === undefined)
    throw new UsageError("--target kubeconfig without --kubeconfig FILE", "pass --kubeconfig FILE");
  if (kubeconfig !== undefined && !existsSync(kubeconfig))
    throw new UsageError(`--kubeconfig ${kubeconfig} does not exist`, "pass the path of a kubeconfig file");
  if (values["delete-data"] && !values.prune)
    throw new UsageError(
      "--delete-data without --prune: only pruned services have data to delete",
      "add --prune (services the config no longer enables are uninstalled, their PersistentVolumeClaims deleted), or drop --delete-data",
    );
  if (values.keep && target !== "sandbox")
    throw new UsageError(
      "--keep without --target sandbox: only the sandbox is stopped at the end, so only it can be kept",
      "add --target sandbox, or drop --keep",
    );
  return {
    target: target as ReleaseTarget | undefined,
    kubeconfig,
    dryRun: Boolean(values.plan || values["dry-run"]),
    timeout,
    concurrency,
    lockTimeout,
  };
}
