import { PooledKubeConfig } from "@homelab/toolbox/kube";
import YAML, { LineCounter } from "yaml";
import { readInputFile, shownPath } from "../config/read-input-file.ts";
import { ConfigError, ConfigErrors } from "../errors.ts";

const FIX =
  "give a kubeconfig (k3s writes one to /etc/rancher/k3s/k3s.yaml; `kubectl config view --raw` prints yours)";

/**
 * A kubeconfig's text loaded for API clients. Its YAML is parsed first by a parser whose
 * errors name the line and column only: a kubeconfig holds tokens and client keys, and the
 * client library's own YAML errors quote the lines around the mistake. Anything wrong is a
 * ConfigError (exit code 2) naming `shown`, never the content.
 */
export function kubeConfigFromText(text: string, shown: string): PooledKubeConfig {
  const fail = (problem: string, line?: number, column?: number): never => {
    throw new ConfigErrors([new ConfigError(shown, "", problem, FIX, line, column)]);
  };
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    fail(`is not valid YAML (${first.message.split("\n")[0]})`, pos.line, pos.col);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== "object" || Array.isArray(value))
    fail("is not a kubeconfig (its YAML is not a mapping of clusters, users and contexts)");
  const kc = new PooledKubeConfig();
  try {
    kc.loadFromString(text);
  } catch (e) {
    // The library's checks name a missing field (`users[0].name is missing`); only that line is kept.
    fail(
      `is not a kubeconfig: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 200)}`,
    );
  }
  return kc;
}

/** A kubeconfig file, read as an input file (a regular file of text, at most 1 MiB) and loaded. */
export function readKubeconfigFile(file: string): PooledKubeConfig {
  const shown = shownPath(file);
  const text = readInputFile(file, { shown, what: "a kubeconfig", fix: FIX });
  if (text === undefined) throw new ConfigErrors([new ConfigError(shown, "", "does not exist", FIX)]);
  return kubeConfigFromText(text, shown);
}
