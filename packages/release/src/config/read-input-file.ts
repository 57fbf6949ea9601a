import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { Stats } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { ConfigError, ConfigErrors } from "../errors.ts";

/** The largest file the release reads as input (homelab.yaml, .env, a kubeconfig, a CA bundle). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** A file as messages show it: relative to the working directory when under it, else absolute. */
export function shownPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r && !r.startsWith("..") && !isAbsolute(r) ? r : file;
}

/** What a refused file is, for messages. */
function kindOf(s: Stats): string {
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

export interface InputFile {
  /** The file as messages show it. */
  shown: string;
  /** What the file should be, as messages say it: `a homelab config`, `a kubeconfig`. */
  what: string;
  /** Default: `give the path of <what>`. The fix of a file that is not a readable regular text file. */
  fix?: string;
  /** Default: `check that this is <what>`. The fix of a file over the cap. */
  sizeFix?: string;
  /** Default: MAX_INPUT_BYTES. */
  maxBytes?: number;
  /** Default: "". The config field that names the file, if one does. */
  field?: string;
}

/**
 * Reads a text file given as input, as a regular file only: it is opened (without blocking on a
 * FIFO), fstat'ed, refused unless it is a regular file, and read up to `maxBytes` + 1 bytes,
 * so a FIFO, a device or an endless file never gets past the cap. The text must be UTF-8.
 * Every refusal is a ConfigError (exit code 2) naming the file and what to do; undefined
 * when the file does not exist.
 */
export function readInputFile(file: string, input: InputFile): string | undefined {
  const max = input.maxBytes ?? MAX_INPUT_BYTES;
  const fix = input.fix ?? `give the path of ${input.what}`;
  const sizeFix = input.sizeFix ?? `check that this is ${input.what}`;
  const fail = (problem: string, why = fix): never => {
    throw new ConfigErrors([new ConfigError(input.shown, input.field ?? "", problem, why)]);
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return fail(
      code === "EACCES" ? "cannot be read (permission denied)" : `cannot be opened (${code ?? String(e)})`,
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) fail(`is ${kindOf(stats)}, not a file`);
    const tooLarge = (size: string) =>
      fail(`is ${size} bytes, more than the ${max} ${input.what} may have`, sizeFix);
    if (stats.size > max) tooLarge(String(stats.size));
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (e) {
        return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
      }
      if (n === 0) break;
      length += n;
      // A file that grew after fstat: the cap holds while reading too.
      if (length > max) tooLarge(`at least ${length}`);
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      return fail("is not UTF-8 text (a binary file?)");
    }
  } finally {
    closeSync(fd);
  }
}
