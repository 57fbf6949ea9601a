import { createHash } from "node:crypto";
import { FixableError } from "@homelab/errors";
import { execa } from "execa";
import YAML from "yaml";

/** The OpenPGP key that signs new chart versions (a `.prov` file beside each archive). */
export interface SigningKey {
  /** The key's user id, email or fingerprint, as `gpg --local-user` takes it. */
  key: string;
  /** GnuPG home directory holding the secret key. Default: `$GNUPGHOME`, else `~/.gnupg`. */
  gpgHome?: string;
  /** File whose first line is the key's passphrase. Default: none (an unprotected key, or gpg-agent asks). */
  passphraseFile?: string;
}

/** Signing a chart failed; nothing was written. */
export class SigningError extends FixableError {
  override readonly name = "SigningError";
  constructor(
    message: string,
    fix: string,
    readonly stderr = "",
  ) {
    super(message, fix);
  }
}

/**
 * The message helm signs for a chart archive: its Chart.yaml metadata, the
 * YAML document end marker, then the archive's sha256 by file name
 * (helm's pkg/provenance format, which `helm verify` parses).
 */
export function provenanceMessage(chartYaml: string, archive: Buffer, fileName: string): string {
  const metadata = YAML.stringify(YAML.parse(chartYaml), { sortMapEntries: true, lineWidth: 0 });
  const sum = createHash("sha256").update(archive).digest("hex");
  return `${metadata}\n...\n${YAML.stringify({ files: { [fileName]: `sha256:${sum}` } }, { lineWidth: 0 })}`;
}

/** OpenPGP public key algorithms helm 3's verifier reads (RFC 4880 ids: 1 and 3 RSA, 17 DSA). */
const HELM_VERIFIABLE = new Set(["1", "3", "17"]);

/** gpg with the key's home and passphrase options; never throws on a non-zero exit. */
async function gpg(args: readonly string[], signing: SigningKey, input?: string) {
  const options = [
    "--batch",
    ...(signing.gpgHome ? ["--homedir", signing.gpgHome] : []),
    ...(signing.passphraseFile
      ? ["--pinentry-mode", "loopback", "--passphrase-file", signing.passphraseFile]
      : []),
  ];
  const result = await execa("gpg", [...options, ...args], {
    ...(input !== undefined ? { input } : { stdin: "ignore" as const }),
    reject: false,
    stripFinalNewline: false,
  });
  if ((result as { code?: string }).code === "ENOENT") {
    throw new SigningError(
      "gpg is not installed, so charts cannot be signed",
      "install GnuPG (apt-get install gnupg), or publish without --sign",
    );
  }
  return {
    exitCode: result.exitCode ?? 1,
    stdout: String(result.stdout),
    stderr: String(result.stderr).trim(),
  };
}

/**
 * Checks that the secret key exists and can sign with an algorithm helm 3
 * verifies (RSA or DSA; helm 3 cannot read EdDSA or ECDSA keys), before
 * anything is signed or written.
 */
export async function checkSigningKey(signing: SigningKey): Promise<void> {
  const where = signing.gpgHome ?? process.env.GNUPGHOME ?? "~/.gnupg";
  const listed = await gpg(["--with-colons", "--list-secret-keys", "--", signing.key], signing);
  const keys = listed.stdout
    .split("\n")
    .map((l) => l.split(":"))
    .filter((f) => (f[0] === "sec" || f[0] === "ssb") && f[11]?.includes("s"));
  if (listed.exitCode !== 0 || keys.length === 0) {
    throw new SigningError(
      `no secret key "${signing.key}" that can sign in ${where}`,
      "list the keys with `gpg --list-secret-keys`, then name one with --sign (and --gpg-home when it lives elsewhere)",
      listed.stderr,
    );
  }
  if (!keys.some((f) => HELM_VERIFIABLE.has(f[3]!))) {
    throw new SigningError(
      `the key "${signing.key}" signs with OpenPGP algorithm ${keys.map((f) => f[3]).join(", ")}, which helm 3 cannot verify`,
      `create an RSA signing key: gpg --quick-gen-key '${signing.key.includes("@") ? `Homelab Charts <${signing.key}>` : signing.key}' rsa3072 sign never`,
    );
  }
}

/** Clear-signs `message` with the real gpg (SHA-512, as helm signs); returns the `.prov` text. */
export async function clearSign(message: string, signing: SigningKey): Promise<string> {
  const result = await gpg(
    ["--yes", "--armor", "--digest-algo", "SHA512", "--local-user", signing.key, "--clearsign"],
    signing,
    message,
  );
  if (result.exitCode !== 0) {
    if (/passphrase|Bad PIN|pinentry|Operation cancelled/i.test(result.stderr)) {
      throw new SigningError(
        `gpg could not unlock the key "${signing.key}"`,
        "give the key's passphrase with --passphrase-file FILE",
        result.stderr,
      );
    }
    throw new SigningError(
      `gpg failed to sign with "${signing.key}" (exit ${result.exitCode}): ${result.stderr.split("\n").at(-1)}`,
      `try it by hand: echo test | gpg --local-user '${signing.key}' --clearsign`,
      result.stderr,
    );
  }
  return result.stdout;
}
