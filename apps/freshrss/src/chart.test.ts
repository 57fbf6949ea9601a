import { describeChart } from "@homelab/test-harness";

await describeChart(new URL("..", import.meta.url));
