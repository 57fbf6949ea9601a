export type { HelmIndex, IndexEntry } from "./helm-index.ts";
export { addEntry, compareVersions, readIndex, renderIndex } from "./helm-index.ts";
export type { PublishedChart, PublishOptions } from "./publish.ts";
export { indexEntry, OciPushError, publishCharts, VersionNotBumpedError } from "./publish.ts";
export type { SigningKey } from "./provenance.ts";
export { checkSigningKey, clearSign, provenanceMessage, SigningError } from "./provenance.ts";
export { main } from "./cli.ts";
