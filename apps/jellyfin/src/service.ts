import type { Json } from "@homelab/chart-kit";
import { defineService } from "@homelab/chart-kit";

/** Jellyfin: the free media server. https://jellyfin.org/docs/general/installation/container */
export default defineService({
  name: "jellyfin",
  description: "Jellyfin, the free software media system: stream your movies, shows and music.",
  home: "https://jellyfin.org",
  sources: ["https://github.com/jellyfin/jellyfin"],
  icon: "https://jellyfin.org/images/logo.svg",
  keywords: ["media", "streaming", "homelab"],
  controllers: {
    main: {
      image: { repository: "docker.io/jellyfin/jellyfin", tag: "10.10.7" },
      env: { TZ: "Etc/UTC", JELLYFIN_PublishedServerUrl: "https://{{ .Values.ingress.main.host }}" },
      probes: {
        startup: { type: "http", path: "/health", port: "http", timing: { periodSeconds: 10, failureThreshold: 30 } },
        liveness: { type: "http", path: "/health", port: "http" },
        readiness: { type: "http", path: "/health", port: "http" },
      },
      resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "4Gi" } },
    },
  },
  services: { main: { ports: { http: { port: 8096 } } } },
  ingress: { main: { port: "http" } },
  persistence: {
    config: { type: "persistentVolumeClaim", mountPath: "/config", size: "5Gi" },
    cache: { type: "persistentVolumeClaim", mountPath: "/cache", size: "10Gi", retain: false },
    media: { type: "persistentVolumeClaim", mountPath: "/media", size: "100Gi", accessMode: "ReadWriteOnce" },
    tmp: { type: "emptyDir", mountPath: "/tmp" },
  },
});

/** Representative values: a StatefulSet with TLS, an existing media claim and a NodePort. */
export const ciValues: Record<string, Record<string, Json>> = {
  representative: {
    controllers: { main: { type: "statefulset", env: { TZ: "Europe/Berlin" } } },
    ingress: { main: { host: "media.example.org", tls: { enabled: true, secretName: "media-tls" } } },
    persistence: { media: { existingClaim: "nas-media", readOnly: true } },
    service: { main: { type: "NodePort" } },
  },
};
