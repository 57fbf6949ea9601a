import { defineCiValues, defineService } from "@homelab/chart-kit";

// A draft imported by `homelab-chart import` from mosquitto.yaml: the Compose service mosquitto.
// Every TODO is a decision to confirm; then delete the TODOs and this header.
//
// Not imported, or needs a person (also printed by the import):
// - services.mosquitto.restart: not imported: Kubernetes restarts failed containers itself
// - services.mosquitto.logging: not imported: Kubernetes keeps container logs itself

/** Mosquitto. TODO: link the upstream docs the values come from. */
export default defineService({
  name: "mosquitto",
  description: "Mosquitto: TODO: what it does, in one sentence.",
  // TODO: confirm: guessed from the image.
  home: "https://hub.docker.com/_/eclipse-mosquitto",
  // TODO: a few words people search Artifact Hub with.
  keywords: ["homelab"],
  values: {
    controllers: {
      // The Compose service mosquitto.
      main: {
        pod: { securityContext: { runAsUser: 1883, runAsGroup: 1883, fsGroup: 1883 } },
        containers: {
          // TODO: the root filesystem is read-only here (Compose's was writable): if the image writes outside
          // its volumes, mount an emptyDir there, or set securityContext.readOnlyRootFilesystem: false with a
          // writableRootFilesystem exception.
          main: {
            image: { repository: "docker.io/library/eclipse-mosquitto", tag: "2.0.20" },
            args: ["mosquitto", "-c", "/mosquitto/config/mosquitto.conf"],
            // From the Compose healthcheck
            // ["CMD","mosquitto_sub","-t","$SYS/#","-C","1","-i","healthcheck","-W","3"]. TODO: confirm:
            // Compose only marked the container unhealthy; the liveness probe restarts it.
            // Compose's start_period became a startup probe (up to 120s).
            probes: {
              startup: {
                type: "exec",
                command: ["mosquitto_sub", "-t", "$SYS/#", "-C", "1", "-i", "healthcheck", "-W", "3"],
                spec: { periodSeconds: 30, failureThreshold: 4 },
              },
              liveness: {
                type: "exec",
                command: ["mosquitto_sub", "-t", "$SYS/#", "-C", "1", "-i", "healthcheck", "-W", "3"],
                spec: { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 },
              },
              readiness: {
                type: "exec",
                command: ["mosquitto_sub", "-t", "$SYS/#", "-C", "1", "-i", "healthcheck", "-W", "3"],
                spec: { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 },
              },
            },
            // TODO: size from the service's docs: placeholders.
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "1Gi" } },
          },
        },
      },
    },
    service: {
      main: {
        controller: "main",
        ports: {
          // The web UI (TODO: confirm): Compose published it as 9001; the ingress below serves it now.
          http: { port: 9001 },
        },
      },
      // Compose published these ports on the host's addresses: a LoadBalancer Service (k3s's ServiceLB)
      // serves them on the nodes' addresses. TODO: confirm, or use type NodePort.
      lan: { controller: "main", type: "LoadBalancer", ports: { mqtt: { port: 1883 } } },
    },
    ingress: {
      // TODO: the host name the web UI is served at (http, port 9001).
      main: {
        hosts: [
          {
            host: "mosquitto.home.arpa",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
      },
    },
    persistence: {
      // The file ./mosquitto/config/mosquitto.conf of Compose, from the ConfigMap mosquitto. TODO: a service
      // that writes this file needs it on a claim instead.
      mosquitto: {
        type: "configMap",
        identifier: "mosquitto",
        globalMounts: [
          { path: "/mosquitto/config/mosquitto.conf", subPath: "mosquitto.conf", readOnly: true },
        ],
      },
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      "mosquitto-data": {
        type: "persistentVolumeClaim",
        size: "1Gi",
        globalMounts: [{ path: "/mosquitto/data" }],
      },
      // TODO: size: a placeholder (Compose volumes have none); give what the data needs.
      "mosquitto-log": {
        type: "persistentVolumeClaim",
        size: "1Gi",
        globalMounts: [{ path: "/mosquitto/log" }],
      },
      // The root filesystem is read-only: most images need a writable /tmp.
      tmp: { type: "emptyDir", globalMounts: [{ path: "/tmp" }] },
    },
    configMaps: {
      // TODO: paste the content of ./mosquitto/config/mosquitto.conf (Compose bind-mounted the file; import
      // does not read it). If it has {{ }} of its own, add templated: false.
      mosquitto: { data: { "mosquitto.conf": "# TODO: the content of ./mosquitto/config/mosquitto.conf\n" } },
    },
  },
});

/** Representative values: TODO: what another homelab changes. */
export const ciValues = defineCiValues({
  // TODO: another homelab's realistic choices; helm lint and the render tests check them.
  representative: {
    ingress: {
      main: {
        hosts: [
          {
            host: "mosquitto.example.org",
            paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
          },
        ],
        tls: [{ hosts: ["mosquitto.example.org"], secretName: "mosquitto-tls" }],
      },
    },
    persistence: { "mosquitto-data": { size: "4Gi" } },
  },
});

