import { describeChart } from "@homelab/test-harness";

describeChart(new URL("..", import.meta.url));
