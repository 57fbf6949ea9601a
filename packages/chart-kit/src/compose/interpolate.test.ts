import { describe, expect, it } from "vitest";
import { interpolate, placeholdersIn, withoutPlaceholders } from "./interpolate.ts";

describe("interpolate", () => {
  it.each([
    [
      "ghcr.io/immich-app/immich-server:${IMMICH_VERSION:-release}",
      "ghcr.io/immich-app/immich-server:release",
    ],
    ["${PORT-8080}:80", "8080:80"],
    ["${EXPOSE_PORT-:2283:2283}", ":2283:2283"],
    ["${OUTER:-${INNER:-x}}/y", "x/y"],
    ["${SET:+yes}", ""],
    ["$$SYS/#", "$SYS/#"],
    ["costs $5", "costs $5"],
    ["plain", "plain"],
  ])("%s -> %s", (text, value) => expect(interpolate(text)).toEqual({ value, unresolved: [] }));

  it("keeps variables without a default as ${VAR} and reports each once", () => {
    expect(interpolate("${UPLOAD_LOCATION}:/data:${UPLOAD_LOCATION}")).toEqual({
      value: "${UPLOAD_LOCATION}:/data:${UPLOAD_LOCATION}",
      unresolved: ["UPLOAD_LOCATION"],
    });
    expect(interpolate("$HOME/etc-pihole")).toEqual({ value: "${HOME}/etc-pihole", unresolved: ["HOME"] });
    expect(interpolate("${NEEDED:?set it}")).toEqual({ value: "${NEEDED}", unresolved: ["NEEDED"] });
  });

  it("finds and removes the placeholders left", () => {
    expect(placeholdersIn("postgres://${USER}:${PASS}@db/${USER}")).toEqual(["USER", "PASS"]);
    expect(withoutPlaceholders("a${X}b")).toBe("ab");
  });
});
