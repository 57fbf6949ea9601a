import { readInputFile, shownPath } from "./read-input-file.ts";

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/**
 * Reads `KEY=value` lines of a .env file as the dotenv package does: blank lines and lines
 * starting with `#` are skipped; a value in single, double or back quotes is what is between
 * them, and anything after the closing quote that is a `# comment` is dropped; an unquoted
 * value ends at the first `#` (its comment) and is trimmed; in double quotes `\n` and `\r`
 * are a newline and a carriage return. Lines that are not assignments are ignored.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    out[m[1]!] = dotEnvValue(m[2]!);
  }
  return out;
}

/** The value of one assignment, after `=`: quoted (a trailing comment dropped) or up to its comment. */
function dotEnvValue(raw: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    const end = closingQuote(raw, quote);
    if (end > 0 && /^\s*(#.*)?$/.test(raw.slice(end + 1))) {
      const inner = raw.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, "\n").replace(/\\r/g, "\r") : inner;
    }
  }
  const hash = raw.indexOf("#");
  return (hash >= 0 ? raw.slice(0, hash) : raw).trim();
}

/** Index of the quote that closes `raw`'s opening one (a backslashed quote does not), or -1. */
function closingQuote(raw: string, quote: string): number {
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === "\\") i++;
    else if (raw[i] === quote) return i;
  }
  return -1;
}

/**
 * The variables of a .env file, read as an input file (a regular file of UTF-8 text, at most
 * 1 MiB: a directory, FIFO or device is a ConfigError naming it). None when it does not exist.
 */
export function readDotEnv(envFile: string): Record<string, string> {
  const text = readInputFile(envFile, {
    shown: shownPath(envFile),
    what: "a .env file",
    fix: "make .env a regular text file of KEY=value lines, or remove it and export the variables",
  });
  return text === undefined ? {} : parseDotEnv(text);
}
