import { homelabVitest } from "@homelab/vitest-config";

export default homelabVitest();
