/**
 * Compose durations (`1m30s`) and byte sizes (`512mb`, `1g`, 1000000000) as
 * Kubernetes takes them: whole seconds, and quantities (`512Mi`).
 */

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Seconds of a Compose duration (`1m30s`, `500ms`, `10`), or undefined when it is not one. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  let seconds = 0;
  let rest = text;
  while (rest) {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    seconds += Number(m[1]) * (DURATION_UNITS[m[2] ?? "s"] ?? 1);
    rest = rest.slice(m[0].length);
  }
  return text ? seconds : undefined;
}

/** Whole seconds, at least 1 (Kubernetes probe and grace fields take integers). */
export const wholeSeconds = (seconds: number): number => Math.max(1, Math.ceil(seconds - 1e-9));

const BYTE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes of a Compose size (`512mb`, `1g`, `100k`, a number of bytes), or undefined. */
export function sizeBytes(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt])?b?$/i.exec(value.trim());
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (BYTE_UNITS[(m[2] ?? "b").toLowerCase()] ?? 1));
}

/** A byte count as a Kubernetes quantity: the largest binary (then decimal) unit that divides it. */
export function quantity(bytes: number): string {
  for (const [unit, size] of [
    ["Ti", 1024 ** 4],
    ["Gi", 1024 ** 3],
    ["Mi", 1024 ** 2],
    ["Ki", 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  for (const [unit, size] of [
    ["T", 1e12],
    ["G", 1e9],
    ["M", 1e6],
    ["k", 1e3],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** A Compose CPU count (`0.5`, `2`) as a Kubernetes quantity (`500m`, `2`). */
export function cpuQuantity(value: unknown): string | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}
