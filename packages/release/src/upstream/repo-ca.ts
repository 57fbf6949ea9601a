import { X509Certificate } from "node:crypto";
import { readInputFile } from "../config/read-input-file.ts";
import { ConfigErrors } from "../errors.ts";

/** The certificates of a repoCA file, as sent (HelmChart repoCA), or why the file is refused. */
export type RepoCA = { pem: string } | { problem: string };

const BEGIN = /-----BEGIN ([^-\r\n]*)-----/g;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The CERTIFICATE blocks of a PEM file, each a valid X.509 certificate, and nothing else: a
 * file with any other PEM block (a private key above all) is refused, naming the block's type,
 * never its content; text outside the blocks is not kept. Only what `pem` holds is ever sent.
 */
export function certificatesOnly(text: string): RepoCA {
  const others = [...text.matchAll(BEGIN)].map((m) => m[1]!).filter((type) => type !== "CERTIFICATE");
  if (others.length > 0)
    return {
      problem: `holds a ${others[0]} block besides certificates${/PRIVATE KEY/.test(others.join()) ? " (a private key must never leave this machine, and the CA goes into the cluster)" : ""}`,
    };
  const blocks = [...text.matchAll(CERTIFICATE)].map((m) => m[0]);
  if (blocks.length === 0) return { problem: "holds no PEM certificate" };
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return { problem: `certificate ${i + 1} of ${blocks.length} is not a valid X.509 certificate` };
    }
  }
  return { pem: `${blocks.map((b) => b.replace(/\r\n/g, "\n")).join("\n")}\n` };
}

/** A repoCA file (an absolute path, already confined): read as an input file, certificates only. */
export function readRepoCA(file: string): RepoCA {
  let text: string | undefined;
  try {
    text = readInputFile(file, { shown: file, what: "a PEM file of CA certificates" });
  } catch (e) {
    if (!(e instanceof ConfigErrors)) throw e;
    return { problem: `${file} ${e.errors[0]!.problem}` };
  }
  if (text === undefined) return { problem: `${file} is not a file` };
  const ca = certificatesOnly(text);
  return "problem" in ca ? { problem: `${file} ${ca.problem}` } : ca;
}
