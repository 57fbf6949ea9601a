/**
 * The values model of every homelab chart, one source for the TypeScript types
 * of a definition's values, the chart's values.schema.json, the comments of
 * values.yaml and the README's table (see library/VALUES.md).
 */
import { sortKeys } from "@homelab/toolbox";
import { Type, type Static } from "typebox";
import { NetworkingValues } from "./networking.ts";
import { WorkloadValues } from "./workloads.ts";

/** The values of a chart: every top-level key, each entry closed, each map open to new ids. */
export const chartValuesSchema = Type.Object(
  {
    nameOverride: Type.Optional(
      Type.String({
        description: "Replaces the chart name in object names and labels. Default: the chart name.",
      }),
    ),
    fullnameOverride: Type.Optional(
      Type.String({ description: "Replaces the full name (release-chart) of every object. Default: none." }),
    ),
    global: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "Helm's global values, unused by this chart. Default: {}.",
      }),
    ),
    "homelab-common": Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "The library chart's own values key, which helm adds; unused. Default: {}.",
      }),
    ),
    ...WorkloadValues.properties,
    ...NetworkingValues.properties,
  },
  { additionalProperties: false, description: "The chart's values." },
);

/** A chart's values, as a service definition gives its defaults. */
export type ChartValues = Static<typeof chartValuesSchema>;

/** A deep partial: what an installer overrides. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Values an installer sets on top of a chart's defaults. */
export type ValuesOverride = DeepPartial<ChartValues>;

let plain: Record<string, unknown> | undefined;

/** The JSON schema written to a chart's values.schema.json (keys sorted; the same for every chart but its title). */
export function valuesJsonSchema(title: string): Record<string, unknown> {
  plain ??= sortKeys(JSON.parse(JSON.stringify(chartValuesSchema))) as Record<string, unknown>;
  return { $schema: "http://json-schema.org/draft-07/schema#", title, ...plain };
}
