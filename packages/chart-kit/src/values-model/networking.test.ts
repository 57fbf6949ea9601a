import { describe, expect, it } from "vitest";

import { Ingress } from "./ingress.ts";
import { PodMonitor, ServiceMonitor } from "./monitor.ts";
import { NetworkPolicy } from "./network-policy.ts";
import { NetworkingValues, type NetworkingValues as NetworkingValuesType } from "./networking.ts";
import { Route } from "./route.ts";
import { Service } from "./service.ts";
import { describeSchemaDocumentation, valuesFixture } from "./schema-checks.test-helpers.ts";

/** Every key of every networking entry, set once. */
const full = {
  service: {
    main: {
      enabled: true,
      controller: "main",
      primary: true,
      type: "LoadBalancer",
      annotations: { "metallb.io/address-pool": "lan" },
      labels: { tier: "web" },
      externalTrafficPolicy: "Local",
      internalTrafficPolicy: "Cluster",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
      loadBalancerIP: "192.168.1.20",
      loadBalancerClass: "metallb",
      loadBalancerSourceRanges: ["192.168.0.0/16"],
      allocateLoadBalancerNodePorts: false,
      clusterIP: "10.43.0.20",
      externalIPs: ["192.168.1.21"],
      sessionAffinity: "ClientIP",
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
      publishNotReadyAddresses: false,
      ports: {
        http: {
          enabled: true,
          port: 80,
          targetPort: 8080,
          protocol: "HTTP",
          nodePort: 30080,
          appProtocol: "http",
          primary: true,
        },
        dns: { port: 53, targetPort: "dns", protocol: "UDP" },
      },
    },
    upstream: { type: "ExternalName", externalName: "example.org" },
  },
  ingress: {
    main: {
      enabled: true,
      className: "traefik",
      annotations: { "traefik.ingress.kubernetes.io/router.middlewares": "kube-system-auth@kubernetescrd" },
      labels: { tier: "web" },
      hosts: [
        {
          host: "{{ .Release.Name }}.example.org",
          paths: [
            { path: "/", pathType: "Prefix", service: { identifier: "main", port: "http" } },
            { path: "/api", pathType: "Exact", service: { name: "api", port: 8080 } },
          ],
        },
      ],
      tls: [{ hosts: ["app.example.org"], secretName: "app-tls" }],
    },
  },
  route: {
    main: {
      enabled: true,
      kind: "HTTPRoute",
      forceRender: false,
      annotations: { note: "web" },
      labels: { tier: "web" },
      parentRefs: [
        {
          name: "traefik-gateway",
          namespace: "kube-system",
          sectionName: "websecure",
          group: "gateway.networking.k8s.io",
          kind: "Gateway",
          port: 443,
        },
      ],
      hostnames: ["app.example.org"],
      rules: [
        {
          name: "web",
          backendRefs: [
            { identifier: "main", port: "http", weight: 90 },
            { name: "canary", namespace: "web", group: "", kind: "Service", port: 80, weight: 10 },
          ],
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          filters: [{ type: "RequestHeaderModifier", requestHeaderModifier: { add: [] } }],
          timeouts: { request: "30s" },
        },
      ],
    },
  },
  networkpolicies: {
    main: {
      enabled: true,
      annotations: { note: "isolated" },
      labels: { tier: "web" },
      controller: "main",
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Ingress", "Egress"],
      preset: "isolate",
      ingressController: {
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } },
        podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } },
      },
      allowFrom: [{ ipBlock: { cidr: "192.168.0.0/16" } }],
      rules: {
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 9090 }] }],
        egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443 }] }],
      },
    },
  },
  serviceMonitor: {
    main: {
      enabled: true,
      annotations: { note: "metrics" },
      labels: { release: "prometheus" },
      service: { identifier: "main" },
      selector: { matchLabels: { app: "web" } },
      endpoints: [
        {
          port: "http",
          path: "/metrics",
          scheme: "http",
          interval: "30s",
          scrapeTimeout: "10s",
          honorLabels: true,
          honorTimestamps: true,
          params: { format: ["prometheus"] },
          relabelings: [{ action: "labeldrop", regex: "pod" }],
          metricRelabelings: [{ action: "drop", sourceLabels: ["__name__"], regex: "go_.*" }],
          tlsConfig: { insecureSkipVerify: true },
          authorization: { type: "Bearer" },
          basicAuth: { username: { name: "auth", key: "user" } },
          bearerTokenSecret: { name: "auth", key: "token" },
          followRedirects: true,
          enableHttp2: false,
          proxyUrl: "http://proxy:3128",
          filterRunning: true,
        },
      ],
      jobLabel: "app",
      targetLabels: ["tier"],
    },
  },
  podMonitor: {
    worker: {
      enabled: true,
      annotations: { note: "metrics" },
      labels: { release: "prometheus" },
      controller: "worker",
      selector: { matchLabels: { app: "worker" } },
      endpoints: [{ port: "metrics", path: "/metrics", interval: "1m" }],
      jobLabel: "app",
      podTargetLabels: ["tier"],
    },
  },
} satisfies NetworkingValuesType;

const { check, errorPaths, withValue, without } = valuesFixture(NetworkingValues, full);

describe("networking values", () => {
  it("accepts a full example that sets every key", () => {
    expect(errorPaths(full)).toEqual([]);
  });

  it("accepts empty maps and minimal entries", () => {
    const minimal = {
      service: { main: { ports: { http: { port: 80 } } } },
      ingress: { main: { hosts: [{ paths: [{ service: { identifier: "main" } }] }] } },
      route: { main: { parentRefs: [{ name: "gw" }], rules: [{}] } },
      networkpolicies: { main: {} },
      serviceMonitor: { main: {} },
      podMonitor: { main: { endpoints: [{ port: "metrics" }] } },
    };
    expect(errorPaths(minimal)).toEqual([]);
    expect(errorPaths({})).toEqual([]);
  });

  it.each([
    ["/service/main/ports/http/protocl", "TCP"],
    ["/service/main/loadBalancerIp", "192.168.1.20"],
    ["/ingress/main/hosts/0/paths/0/service/identifer", "main"],
    ["/ingress/main/tls/0/secret", "app-tls"],
    ["/route/main/rules/0/backendRefs/0/weigth", 1],
    ["/route/main/parentRefs/0/section", "websecure"],
    ["/networkpolicies/main/allowfrom", []],
    ["/networkpolicies/main/rules/egres", []],
    ["/serviceMonitor/main/endpoints/0/intervall", "30s"],
    ["/podMonitor/worker/contoller", "main"],
  ])("refuses the misspelled key %s with its path", (pointer, value) => {
    const errors = check.Errors(withValue(pointer, value));
    expect(errors.map((e) => e.instancePath)).toContain(pointer);
  });

  it.each([
    ["/service/main/type", "Ingress"],
    ["/service/main/ports/http/port", 70000],
    ["/service/main/ports/http/protocol", "ICMP"],
    ["/ingress/main/hosts/0/paths/0/pathType", "Regex"],
    ["/route/main/kind", "Route"],
    ["/networkpolicies/main/preset", "open"],
    ["/networkpolicies/main/policyTypes/0", "In"],
    ["/podMonitor/worker/endpoints/0/port", 9090],
  ])("refuses a wrong value at %s", (pointer, value) => {
    expect(errorPaths(withValue(pointer, value))).toContain(pointer);
  });

  it("refuses entries that miss a required key, naming the entry", () => {
    const noPort = check.Errors(without("/service/main/ports/http/port"));
    expect(noPort.map((e) => [e.instancePath, e.message])).toContainEqual([
      "/service/main/ports/http",
      "must have required properties port",
    ]);
    expect(errorPaths(without("/route/main/parentRefs/0/name"))).toContain("/route/main/parentRefs/0");
    expect(errorPaths(without("/ingress/main/hosts/0/paths/0/service"))).toContain(
      "/ingress/main/hosts/0/paths/0",
    );
  });

  it("refuses ids and port names Kubernetes cannot use in names", () => {
    expect(errorPaths(withValue("/service/Main", { ports: { http: { port: 80 } } }))).toContain(
      "/service/Main",
    );
    expect(errorPaths(withValue("/service/main/ports/a-very-long-port-name", { port: 81 }))).toContain(
      "/service/main/ports/a-very-long-port-name",
    );
  });

  it("keeps Kubernetes structures open", () => {
    expect(
      errorPaths(withValue("/route/main/rules/0/matches/0/headers", [{ name: "x", value: "1" }])),
    ).toEqual([]);
    expect(errorPaths(withValue("/networkpolicies/main/allowFrom/0/podSelector", {}))).toEqual([]);
    expect(errorPaths(withValue("/service/main/sessionAffinityConfig/anything", true))).toEqual([]);
  });
});

describeSchemaDocumentation("networking schema documentation", NetworkingValues, {
  Service,
  Ingress,
  Route,
  NetworkPolicy,
  ServiceMonitor,
  PodMonitor,
});
