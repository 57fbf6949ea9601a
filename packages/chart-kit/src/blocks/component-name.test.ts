import { describe, expect, it } from "vitest";
import { componentName } from "./component-name.ts";

describe("componentName", () => {
  it("is the library's componentName include for the id", () => {
    expect(componentName("postgres")).toBe(
      '{{ include "homelab.componentName" (dict "root" . "id" "postgres") }}',
    );
  });
});
