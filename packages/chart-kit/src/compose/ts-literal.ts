/**
 * Prints plain data (objects, arrays, strings, numbers, booleans) as TypeScript
 * literal text, with `//` comments above chosen entries. Comments are kept beside
 * the data (`Notes`), so the code that builds a draft stays plain object code.
 * Short entries without comments print on one line; the rest one key a line.
 */

/** Comment lines attached to entries: an (object or array, key or index) pair. */
export class Notes {
  readonly #byOwner = new WeakMap<object, Map<string | number, string[]>>();

  /** Adds comment lines above `owner[key]`. */
  add(owner: object, key: string | number, ...lines: string[]): void {
    let byKey = this.#byOwner.get(owner);
    if (!byKey) this.#byOwner.set(owner, (byKey = new Map()));
    byKey.set(key, [...(byKey.get(key) ?? []), ...lines]);
  }

  /** The comment lines above `owner[key]`. */
  of(owner: object, key: string | number): readonly string[] {
    return this.#byOwner.get(owner)?.get(key) ?? [];
  }

  /** True when `value` or anything inside it has comments. */
  within(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const byKey = this.#byOwner.get(value);
    if (byKey && [...byKey.values()].some((l) => l.length > 0)) return true;
    return Object.values(value).some((v) => this.within(v));
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An object key as TypeScript writes it: bare when it is an identifier. */
export const printKey = (key: string): string => (IDENTIFIER.test(key) ? key : JSON.stringify(key));

/** Wraps comment text to `width` columns, as `// ` lines at `indent`. */
export function commentLines(text: string, indent: number, width: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent + 3 + line.length + 1 + word.length > width) {
        out.push(`${pad}// ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    out.push(line ? `${pad}// ${line}` : `${pad}//`);
  }
  return out;
}

interface PrintOptions {
  notes: Notes;
  /** Maximum line length. */
  width: number;
}

function scalar(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  throw new TypeError(`cannot print ${typeof value} as a literal`);
}

/** The value on one line, or undefined when it has comments inside. */
function inline(value: unknown, o: PrintOptions): string | undefined {
  if (typeof value !== "object" || value === null) return scalar(value);
  if (o.notes.within(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => inline(v, o));
    return `[${items.join(", ")}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return "{}";
  return `{ ${entries.map(([k, v]) => `${printKey(k)}: ${inline(v, o)}`).join(", ")} }`;
}

/**
 * A long property value as `"..." +` lines that fit (split after spaces), on the lines after the key,
 * as the repository's formatter (biome) writes it; undefined when it cannot split.
 */
function splitString(value: string, indent: number, width: number): string | undefined {
  const words = value.split(/(?<= )/);
  const room = width - indent - 2 - 3;
  const chunks: string[] = [];
  let chunk = "";
  for (const word of words) {
    if (chunk && JSON.stringify(chunk + word).length > room) {
      chunks.push(chunk);
      chunk = word;
    } else chunk += word;
  }
  chunks.push(chunk);
  const pad = " ".repeat(indent + 2);
  if (chunks.length < 2 && pad.length + JSON.stringify(value).length + 1 > width) return undefined;
  return `\n${chunks.map((c) => `${pad}${JSON.stringify(c)}`).join(" +\n")}`;
}

/**
 * The value as it follows `prefix` (e.g. `key: `) on a line indented by `indent`;
 * multi-line values end at `indent`. Does not print the prefix.
 */
function print(value: unknown, indent: number, prefixLength: number, o: PrintOptions): string {
  const one = inline(value, o);
  if (one !== undefined && indent + prefixLength + one.length + 1 <= o.width) return one;
  if (typeof value === "string" && prefixLength > 0)
    return splitString(value, indent, o.width) ?? scalar(value);
  if (typeof value !== "object" || value === null) return scalar(value);
  const pad = " ".repeat(indent + 2);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      for (const c of o.notes.of(value, i)) lines.push(...commentLines(c, indent + 2, o.width));
      lines.push(`${pad}${print(v, indent + 2, 0, o)},`);
    });
    return `[\n${lines.join("\n")}\n${" ".repeat(indent)}]`;
  }
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    for (const c of o.notes.of(value, k)) lines.push(...commentLines(c, indent + 2, o.width));
    const key = `${printKey(k)}: `;
    const text = print(v, indent + 2, key.length, o);
    lines.push(`${pad}${text.startsWith("\n") ? key.trimEnd() : key}${text},`);
  }
  return `{\n${lines.join("\n")}\n${" ".repeat(indent)}}`;
}

/** `value` as TypeScript literal text starting after `prefix` on a line at `indent`. */
export function printLiteral(
  value: unknown,
  notes: Notes,
  {
    indent = 0,
    prefixLength = 0,
    width = 110,
  }: { indent?: number; prefixLength?: number; width?: number } = {},
): string {
  return print(value, indent, prefixLength, { notes, width });
}
