export type { HelmBinary, HelmOptions, HelmResult } from "./helm.ts";
export { HELM_BINARIES, helm, HelmCommandError } from "./helm.ts";
export { parseCli } from "./parse-cli.ts";
export { findRepoRoot } from "./repo-root.ts";
export { sortKeys, stableJson } from "./stable-json.ts";
export type { TarEntry } from "./tar-gz.ts";
export { tarGz } from "./tar-gz.ts";
export { findTool, ToolNotFoundError, toolsBinDir } from "./tools.ts";
