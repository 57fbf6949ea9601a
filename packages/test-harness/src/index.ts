export type { K8sObject, RenderOptions } from "./render.ts";
export { renderChart } from "./render.ts";
export type { ObjectProblem } from "./object-checks.ts";
export { checkRenderedObjects } from "./object-checks.ts";
export { describeChart } from "./describe-chart.ts";
