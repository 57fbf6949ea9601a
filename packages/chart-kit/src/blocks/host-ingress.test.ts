import { describe, expect, it } from "vitest";
import { hostIngress } from "./host-ingress.ts";

describe("hostIngress", () => {
  it("routes / of the host to the main Service's http port, writing nothing else", () => {
    expect(hostIngress({ host: "jellyfin.home.arpa" })).toEqual({
      hosts: [
        { host: "jellyfin.home.arpa", paths: [{ path: "/", service: { identifier: "main", port: "http" } }] },
      ],
    });
    expect(Object.keys(hostIngress({ host: "a.example.org" }))).toEqual(["hosts"]);
  });

  it("adds TLS for the host with tlsSecret", () => {
    expect(hostIngress({ host: "media.example.org", tlsSecret: "media-tls" }).tls).toEqual([
      { hosts: ["media.example.org"], secretName: "media-tls" },
    ]);
  });

  it("writes class, path type, annotations and another backend when given", () => {
    expect(
      hostIngress({
        host: "mqtt.example.org",
        service: "main",
        port: "websockets",
        className: "traefik",
        pathType: "Prefix",
        annotations: { "traefik.ingress.kubernetes.io/router.middlewares": "auth@kubernetescrd" },
      }),
    ).toEqual({
      className: "traefik",
      annotations: { "traefik.ingress.kubernetes.io/router.middlewares": "auth@kubernetescrd" },
      hosts: [
        {
          host: "mqtt.example.org",
          paths: [{ path: "/", pathType: "Prefix", service: { identifier: "main", port: "websockets" } }],
        },
      ],
    });
  });
});
