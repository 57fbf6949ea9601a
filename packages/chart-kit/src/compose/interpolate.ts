/**
 * Compose variable interpolation without any variables set: the importer reads
 * neither `.env` nor the environment, so a draft is the same on every machine.
 * `${VAR:-default}` and `${VAR-default}` take their default; `${VAR:+alt}` is
 * empty; `$$` is a `$`. A variable without a default stays in the text as
 * `${VAR}` and is reported, so the caller can leave a TODO where it was used.
 */

export interface Interpolated {
  value: string;
  /** Variables without a default, in order of appearance (each once). */
  unresolved: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The index of the `}` closing the `${` that starts at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function braced(expression: string, unresolved: Set<string>): string {
  const name = NAME.exec(expression)?.[0];
  if (!name) return `\${${expression}}`;
  const rest = expression.slice(name.length);
  const op = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)?.[0] ?? "";
  const word = rest.slice(op.length);
  if (op === ":-" || op === "-") return expand(word, unresolved);
  if (op === ":+" || op === "+") return "";
  unresolved.add(name);
  return `\${${name}}`;
}

function expand(text: string, unresolved: Set<string>): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "$") {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "{") {
      const close = closingBrace(text, i);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, close), unresolved);
      i = close;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) {
        out += "$";
        continue;
      }
      unresolved.add(name);
      out += `\${${name}}`;
      i += name.length;
    }
  }
  return out;
}

/** Interpolates one Compose string. */
export function interpolate(text: string): Interpolated {
  const unresolved = new Set<string>();
  const value = expand(text, unresolved);
  return { value, unresolved: [...unresolved] };
}

/** The `${VAR}` placeholders left in an interpolated string. */
export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] ?? "")),
];

/** The text with every `${VAR}` placeholder removed (what Compose uses for an unset variable). */
export const withoutPlaceholders = (text: string): string =>
  text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, "");
