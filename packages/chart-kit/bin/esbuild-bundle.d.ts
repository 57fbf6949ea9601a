/** What to bundle: a package's entries, built into its dist/ (see esbuild-bundle.js). */
export interface BundleSpec {
  /** Names the manifest (`<name>.bundle.json`) and the private build directory. */
  name: string;
  packageDir: string;
  distDir: string;
  /** Output name (without .js) to entry, relative to packageDir or a package name. */
  entryPoints: Record<string, string>;
  /** Files that configure the build: a change to one makes the bundle stale. */
  buildFiles: string[];
}

/** A bundle that exists: its directory and the digest of its output files. */
export interface LocatedBundle {
  dir: string;
  id: string;
}

/** An import specifier bound to an entry of another bundle (one copy of that code per process). */
export interface BundleLink {
  bundle: LocatedBundle;
  entry: string;
}

export const ESBUILD_OPTIONS: {
  bundle: true;
  platform: "node";
  format: "esm";
  target: string;
  write: false;
};

/** esbuild could not build a bundle (a source does not compile or an import does not resolve). */
export class BundleBuildError extends Error {}

/** Builds the bundle into outDir, atomically (chunks, then entries, then the manifest). */
export function buildBundle(
  spec: BundleSpec,
  outDir: string,
  links?: Record<string, BundleLink>,
  logLevel?: "error" | "silent",
): Promise<LocatedBundle>;
/** `pnpm build`: writes dist/ unless it is fresh there. */
export function ensureBuilt(spec: BundleSpec, links?: Record<string, BundleLink>): Promise<LocatedBundle>;
/** At run time: dist/ when fresh, else a private build in the temp dir, removed at exit. */
export function locateBundle(spec: BundleSpec, links?: Record<string, BundleLink>): Promise<LocatedBundle>;
/** A CLI's module from its bundle, or from its sources through tsx (HOMELAB_FROM_SOURCES=1, or unbundlable). */
export function loadCliModule<T>(cli: string, fromBundle: () => Promise<T>, sourceUrl: string): Promise<T>;
/** The file URL of one entry of a bundle. */
export function entryUrl(bundle: LocatedBundle, entry: string): string;

/** The part of esbuild's metafile the tests read: which output imports which, built from what. */
export interface BundleMetafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<
    string,
    {
      entryPoint?: string;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; kind: string; external?: boolean }[];
    }
  >;
}
/** The metafile of the bundle of spec in dir. */
export function metafileOf(spec: BundleSpec, dir: string): BundleMetafile;
