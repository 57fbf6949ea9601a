import { describe, expect, it } from "vitest";
import { defaultPortOf, homeOf, isDatabaseImage, parseImage } from "./image.ts";

describe("parseImage", () => {
  it.each([
    ["redis:7.4.2", { repository: "docker.io/library/redis", tag: "7.4.2" }],
    ["vaultwarden/server:1.33.2", { repository: "docker.io/vaultwarden/server", tag: "1.33.2" }],
    ["docker.io/redis:7", { repository: "docker.io/library/redis", tag: "7" }],
    [
      "ghcr.io/home-assistant/home-assistant:2025.1.4",
      { repository: "ghcr.io/home-assistant/home-assistant", tag: "2025.1.4" },
    ],
    ["localhost:5000/app:1.0", { repository: "localhost:5000/app", tag: "1.0" }],
    [
      "docker.io/valkey/valkey:8-bookworm@sha256:a137",
      { repository: "docker.io/valkey/valkey", tag: "8-bookworm", digest: "sha256:a137" },
    ],
  ])("%s", (ref, expected) => expect(parseImage(ref)).toEqual(expected));

  it.each([
    ["pihole/pihole", /no tag/],
    ["pihole/pihole:latest", /"latest" moves/],
    ["ghcr.io/home-assistant/home-assistant:stable", /"stable" moves/],
    ["ghcr.io/immich-app/immich-server:${IMMICH_VERSION}", /variable/],
  ])("%s is not pinned: tag latest, with the reason", (ref, reason) => {
    const image = parseImage(ref);
    expect(image.tag).toBe("latest");
    expect(image.unpinned).toMatch(reason);
  });

  it("guesses the homepage from the registry", () => {
    expect(homeOf("ghcr.io/blakeblackshear/frigate")).toEqual({
      home: "https://github.com/blakeblackshear/frigate",
      source: "https://github.com/blakeblackshear/frigate",
    });
    expect(homeOf("docker.io/library/redis").home).toBe("https://hub.docker.com/_/redis");
    expect(homeOf("docker.io/pihole/pihole").home).toBe("https://hub.docker.com/r/pihole/pihole");
  });

  it("knows databases and their ports", () => {
    expect(isDatabaseImage("ghcr.io/immich-app/postgres")).toBe(true);
    expect(isDatabaseImage("docker.io/valkey/valkey")).toBe(true);
    expect(isDatabaseImage("docker.io/library/redis")).toBe(true);
    expect(isDatabaseImage("ghcr.io/immich-app/immich-server")).toBe(false);
    expect(isDatabaseImage("docker.io/library/eclipse-mosquitto")).toBe(false);
    expect(defaultPortOf("ghcr.io/immich-app/postgres")).toBe(5432);
    expect(defaultPortOf("docker.io/valkey/valkey")).toBe(6379);
    expect(defaultPortOf("ghcr.io/immich-app/immich-machine-learning")).toBeUndefined();
  });
});
