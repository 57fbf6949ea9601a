/** `serviceAccount.<id>`: the ServiceAccounts of the chart. */
import { Type, type Static } from "typebox";
import { closed, enabled, metadataFields } from "./schema-builders.ts";

export const serviceAccountSchema = Type.Object(
  {
    enabled: Type.Optional(enabled("this ServiceAccount")),
    ...metadataFields("ServiceAccount"),
  },
  {
    ...closed,
    description: "A ServiceAccount (its API token is mounted only where pods ask). Default: none.",
  },
);
export type ServiceAccount = Static<typeof serviceAccountSchema>;
