import { resolve } from "node:path";
import { EXIT_CODES_HELP, reportError } from "@homelab/errors";
import { findRepoRoot, parseCli } from "@homelab/toolbox";
import { publishCharts } from "./publish.ts";

const HELP = `homelab-publish: publish every chart whose version is not yet in the Helm repository.

Usage: homelab-publish [--repo-dir DIR] [--oci oci://HOST/PATH [--oci-plain-http]]
                       [--sign KEY [--gpg-home DIR] [--passphrase-file FILE]] [--check] [--json]

  --repo-dir DIR   the static Helm repository: index.yaml and archives (default: repo/)
  --oci URL        also push new versions with helm push (e.g. oci://registry.example.org/charts)
  --oci-plain-http talk plain HTTP to the registry (a registry on localhost)
  --sign KEY       sign new versions with this gpg key (user id, email or fingerprint): a .prov
                   beside each archive, for helm install --verify (default: $HOMELAB_SIGN_KEY,
                   unsigned when neither is set)
  --gpg-home DIR   the GnuPG home holding the secret key (default: $GNUPGHOME, else ~/.gnupg)
  --passphrase-file FILE  the key's passphrase (default: $HOMELAB_SIGN_PASSPHRASE_FILE)
  --check          only check: fail when a published version's content changed; write nothing
  --json           print the result as JSON
  -h, --help       show this help

${EXIT_CODES_HELP}`;

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli("homelab-publish", HELP, {
    args: [...argv],
    options: {
      "repo-dir": { type: "string" },
      oci: { type: "string" },
      "oci-plain-http": { type: "boolean" },
      sign: { type: "string" },
      "gpg-home": { type: "string" },
      "passphrase-file": { type: "string" },
      check: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (typeof parsed === "number") return parsed;
  const { values } = parsed;
  const signKey = values.sign ?? process.env.HOMELAB_SIGN_KEY;
  const passphraseFile = values["passphrase-file"] ?? process.env.HOMELAB_SIGN_PASSPHRASE_FILE;
  try {
    const root = findRepoRoot(process.cwd());
    const results = await publishCharts({
      root,
      ...(values["repo-dir"] ? { repoDir: resolve(values["repo-dir"]) } : {}),
      ...(values.check ? { check: true } : {}),
      ...(values.oci ? { oci: values.oci, ociPlainHttp: Boolean(values["oci-plain-http"]) } : {}),
      ...(signKey
        ? {
            sign: {
              key: signKey,
              ...(values["gpg-home"] ? { gpgHome: resolve(values["gpg-home"]) } : {}),
              ...(passphraseFile ? { passphraseFile: resolve(passphraseFile) } : {}),
            },
          }
        : {}),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      for (const r of results)
        process.stdout.write(
          `${r.name} ${r.version}: ${values.check && r.status === "published" ? "not yet published" : r.status}${r.provenance ? ", signed" : ""}${r.oci ? ` (and ${r.oci})` : ""}\n`,
        );
    }
    return 0;
  } catch (e) {
    const { text, exitCode } = reportError("homelab-publish", e);
    process.stderr.write(text);
    return exitCode;
  }
}
