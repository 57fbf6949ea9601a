/**
 * Compose `command` and `entrypoint`: a list, or a string Compose splits into
 * words as a shell would (quotes and backslashes), without running a shell.
 */
import type { ComposeFile, KeyPath } from "./compose-file.ts";
import { fail } from "./compose-file.ts";

/** Splits a command line into words: '...' is literal, "..." allows \" \\ \$ \`, \ escapes outside quotes. */
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line.charAt(i + 1)))
        word += line.charAt(++i);
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < line.length) {
      word += line.charAt(++i);
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}

/** The words of a `command` or `entrypoint`; undefined when it is not given. */
export function parseCommand(
  compose: Pick<ComposeFile, "where">,
  value: unknown,
  at: KeyPath,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v: unknown) => String(v));
  if (typeof value === "string") {
    const words = shellWords(value);
    if (!words)
      fail(
        compose,
        at,
        `"${value}" has an unclosed quote`,
        "close the quote, or write the command as a list",
      );
    return words;
  }
  return fail(compose, at, "is neither a string nor a list", 'write it as a list, e.g. ["--port", "8080"]');
}
