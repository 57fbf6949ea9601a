import type { V1PodSpec } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { classifyPod, morePermissive } from "./classify-pod.ts";

/** A pod as the chart kit renders it by default: restricted. */
const restrictedPod = (): V1PodSpec => ({
  securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
  containers: [
    {
      name: "main",
      image: "example/app:1.0",
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        readOnlyRootFilesystem: true,
      },
    },
  ],
  volumes: [
    { name: "data", persistentVolumeClaim: { claimName: "data" } },
    { name: "tmp", emptyDir: {} },
  ],
});

describe("Pod Security level of a rendered pod", () => {
  it("finds the chart kit's default pod restricted", () => {
    expect(classifyPod(restrictedPod())).toEqual({ level: "restricted", findings: [] });
  });

  it("needs baseline for root, a missing drop ALL, a baseline capability or an nfs volume", () => {
    const root = restrictedPod();
    root.securityContext = { runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } };
    expect(classifyPod(root)).toEqual({
      level: "baseline",
      findings: [
        { needs: "baseline", what: "pod: runs as root (runAsUser 0)" },
        { needs: "baseline", what: "container main: runAsNonRoot is not true" },
      ],
    });
    const chown = restrictedPod();
    chown.containers[0]!.securityContext!.capabilities = {
      drop: ["ALL"],
      add: ["CHOWN", "NET_BIND_SERVICE"],
    };
    expect(classifyPod(chown).findings).toEqual([
      { needs: "baseline", what: "container main: adds capabilities CHOWN" },
    ]);
    const nfs = restrictedPod();
    nfs.volumes!.push({ name: "media", nfs: { server: "nas", path: "/media" } });
    expect(classifyPod(nfs)).toMatchObject({ level: "baseline", findings: [{ what: "nfs volume media" }] });
    const noSeccomp = restrictedPod();
    delete noSeccomp.securityContext!.seccompProfile;
    expect(classifyPod(noSeccomp).findings).toEqual([
      { needs: "baseline", what: "container main: no seccomp profile (RuntimeDefault or Localhost)" },
    ]);
  });

  it("keeps NET_BIND_SERVICE restricted", () => {
    const dns = restrictedPod();
    dns.containers[0]!.securityContext!.capabilities = { drop: ["ALL"], add: ["NET_BIND_SERVICE"] };
    expect(classifyPod(dns).level).toBe("restricted");
  });

  it("needs privileged for host namespaces, hostPath, privileged containers, other capabilities, host ports", () => {
    const spec = restrictedPod();
    spec.hostNetwork = true;
    spec.volumes!.push({ name: "dev", hostPath: { path: "/dev/dri" } });
    spec.initContainers = [
      {
        name: "setup",
        image: "busybox:1",
        securityContext: { privileged: true, allowPrivilegeEscalation: true },
      },
    ];
    spec.containers[0]!.securityContext!.capabilities = { drop: ["ALL"], add: ["NET_ADMIN"] };
    spec.containers[0]!.ports = [{ containerPort: 53, hostPort: 53 }];
    const need = classifyPod(spec);
    expect(need.level).toBe("privileged");
    expect(need.findings.filter((f) => f.needs === "privileged").map((f) => f.what)).toEqual([
      "host network",
      "hostPath volume dev (/dev/dri)",
      "init container setup: privileged",
      "container main: adds capabilities NET_ADMIN",
      "container main: host port 53",
    ]);
  });

  it("reads AppArmor annotations, seccomp Unconfined and unsafe sysctls as privileged", () => {
    const spec = restrictedPod();
    spec.securityContext!.sysctls = [{ name: "net.core.somaxconn", value: "1024" }];
    expect(classifyPod(spec).findings).toEqual([{ needs: "privileged", what: "sysctl net.core.somaxconn" }]);
    expect(
      classifyPod(restrictedPod(), {
        annotations: { "container.apparmor.security.beta.kubernetes.io/main": "unconfined" },
      }).level,
    ).toBe("privileged");
    expect(
      classifyPod(restrictedPod(), {
        annotations: { "container.apparmor.security.beta.kubernetes.io/main": "runtime/default" },
      }).level,
    ).toBe("restricted");
  });

  it("orders levels from restricted to privileged", () => {
    expect(morePermissive("restricted", "baseline")).toBe("baseline");
    expect(morePermissive("privileged", "baseline")).toBe("privileged");
    expect(morePermissive("restricted", "restricted")).toBe("restricted");
  });
});
