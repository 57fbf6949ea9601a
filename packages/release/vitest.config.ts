import { homelabVitest } from "@homelab/vitest-config";

export default homelabVitest({ globalSetup: ["./test/global-setup.ts"] });
