// Before the tests, as turbo's `test` task does through its `build` dependency: the CLI's bundle
// in dist/ is current, so every test that runs the CLI starts it from there. Sources that cannot
// be bundled (an edit in progress) leave it to the CLI, which then runs them through tsx; the
// bundle's own test fails.
import { BundleBuildError } from "@homelab/chart-kit/esbuild-bundle";
import { ensureReleaseBuilt } from "../bin/release-bundle.js";

export default async function setup(): Promise<void> {
  await ensureReleaseBuilt().catch((error: unknown) => {
    if (!(error instanceof BundleBuildError)) throw error;
    process.stderr.write(`release bundle not built: ${error.message}\n`);
  });
}
