import { gzipSync } from "node:zlib";

/** One regular file of an archive. */
export interface TarEntry {
  path: string;
  content: Buffer | string;
}

const BLOCK = 512;
/** Fixed modification time (2000-01-01T00:00:00Z), so archives are byte-for-byte reproducible. */
const MTIME = 946684800;

/** A gzipped ustar archive of regular files, in the given order, with fixed owner, mode and time. */
export function tarGz(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = typeof entry.content === "string" ? Buffer.from(entry.content, "utf8") : entry.content;
    parts.push(header(entry.path, body.length), body);
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  // The same level as helm (Go's gzip default): fixed, so archives stay byte-for-byte reproducible.
  return gzipSync(Buffer.concat(parts), { level: 6 });
}

function header(path: string, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf("/", path.length - 1);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
      throw new Error(`path too long for a tar archive: ${path}`);
  }
  h.write(name, 0, 100, "utf8");
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(MTIME, 12), 136);
  h.write("        ", 148); // checksum placeholder: eight spaces
  h.write("0", 156); // regular file
  h.write("ustar\u000000", 257);
  h.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148);
  return h;
}

const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, "0")}\u0000`;
