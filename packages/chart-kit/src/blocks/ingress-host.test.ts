import { describe, expect, it } from "vitest";
import { ingressHost } from "./ingress-host.ts";

describe("ingressHost", () => {
  it("renders the first host of the main Ingress", () => {
    expect(ingressHost()).toBe("{{ (index .Values.ingress.main.hosts 0).host }}");
  });

  it("takes another Ingress id", () => {
    expect(ingressHost("admin")).toBe("{{ (index .Values.ingress.admin.hosts 0).host }}");
  });
});
