// Before the tests, as turbo's `test` task does through its `build` dependency: the CLI's bundle
// in dist/ is current, so every test that runs the CLI starts it from there.
import { ensureReleaseBuilt } from "../bin/release-bundle.js";

export default async function setup(): Promise<void> {
  await ensureReleaseBuilt();
}
