/** Chart versions as a repository lists them, newest first, for messages. */

interface Parsed {
  nums: number[];
  pre: string | undefined;
}

function parse(v: string): Parsed | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  return m ? { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] } : undefined;
}

/** SemVer precedence (build metadata ignored); versions that are not SemVer sort last, by text. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < 3; i++) if (pa.nums[i] !== pb.nums[i]) return pa.nums[i]! - pb.nums[i]!;
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  const xa = pa.pre.split(".");
  const xb = pb.pre.split(".");
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const [ia, ib] = [xa[i], xb[i]];
    if (ia === undefined) return -1;
    if (ib === undefined) return 1;
    const [na, nb] = [/^\d+$/.test(ia) ? Number(ia) : NaN, /^\d+$/.test(ib) ? Number(ib) : NaN];
    if (!Number.isNaN(na) && !Number.isNaN(nb)) {
      if (na !== nb) return na - nb;
    } else if (ia !== ib) {
      return Number.isNaN(na) ? (Number.isNaN(nb) ? (ia < ib ? -1 : 1) : 1) : -1;
    }
  }
  return 0;
}

/** `1.2.0, 1.1.0, 1.0.0` (newest first), at most `limit`, then `and N older`. */
export function listVersions(versions: readonly string[], limit = 15): string {
  const sorted = [...new Set(versions)].sort((a, b) => compareVersions(b, a));
  if (sorted.length === 0) return "none";
  const shown = sorted.slice(0, limit).join(", ");
  return sorted.length > limit ? `${shown} and ${sorted.length - limit} older` : shown;
}

/** The same version written with or without a leading `v`. */
export const sameVersion = (a: string, b: string) => a.replace(/^v/, "") === b.replace(/^v/, "");
