import { homelabVitest } from "@homelab/vitest-config";

// One shared sandbox (test/shared-sandbox.ts); files one at a time, as CPU is the limit.
export default homelabVitest({ globalSetup: ["test/shared-sandbox.ts"], fileParallelism: false });
