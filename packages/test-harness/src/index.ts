export type { K8sObject, RenderOptions } from "./render.ts";
export { renderChart } from "./render.ts";
export type { ObjectProblem } from "./object-checks.ts";
export { checkRenderedObjects } from "./object-checks.ts";
export { describeChart } from "./describe-chart.ts";
export type { SshTestHost, SshTestHostOptions, SshTestUser } from "./ssh-test-host.ts";
export { STANDIN_CHANNEL_RELEASE, startSshTestHost } from "./ssh-test-host.ts";
