import { describe, expect, it } from "vitest";
import { generatedSecret } from "./generated-secret.ts";

describe("generatedSecret", () => {
  it("generates each key with its length", () => {
    expect(generatedSecret({ ADMIN_PASSWORD: 32, CREDENTIAL_SECRET: 24 })).toEqual({
      generate: { ADMIN_PASSWORD: { length: 32 }, CREDENTIAL_SECRET: { length: 24 } },
    });
  });
});
