import { describe, expect, it } from "vitest";
import { evaluateDraft, importFixture, type Loose } from "./draft.test-helpers.ts";
import { importCompose } from "./import-compose.ts";

const main = (def: Loose) => def.values.controllers.main.containers.main;
const secretRef = (key: string) => ({ valueFrom: { secretKeyRef: { identifier: "app", key } } });
/** The draft's text with wrapped comments joined, for assertions on what a comment says. */
const flat = (source: string) => source.replace(/\s*\n\s*\/\/\s*/g, " ");
const inline = (yaml: string, options = {}) => {
  const r = importCompose(yaml, { file: "compose.yaml", ...options });
  return { ...r, ...evaluateDraft(r.source) };
};

describe("Pi-hole: UDP ports, cap_add, a secret, an unpinned image", () => {
  const d = importFixture("pihole.yaml");

  it("leaves an unpinned image at latest with a TODO and a warning (the build refuses latest)", () => {
    expect(main(d.def).image).toEqual({ repository: "docker.io/pihole/pihole", tag: "latest" });
    expect(flat(d.source)).toMatch(/TODO: pin a release: Compose had "pihole\/pihole:latest"/);
    expect(d.warnings).toContainEqual(
      expect.stringMatching(/^services\.pihole\.image: "pihole\/pihole:latest" is not pinned/),
    );
  });

  it("serves the web port through the ingress and the published DNS/DHCP ports through a LoadBalancer", () => {
    expect(d.def.values.service.main).toEqual({ controller: "main", ports: { http: { port: 80 } } });
    expect(d.def.values.service.lan).toEqual({
      controller: "main",
      type: "LoadBalancer",
      ports: {
        "dns-tcp": { port: 53 },
        "dns-udp": { port: 53, protocol: "UDP" },
        https: { port: 443 },
        dhcp: { port: 67, protocol: "UDP" },
      },
    });
    expect(d.def.values.ingress.main.hosts[0]).toEqual({
      host: "pihole.home.arpa",
      paths: [{ path: "/", service: { identifier: "main", port: "http" } }],
    });
    expect(flat(d.source)).toMatch(
      /TODO: DHCP works by broadcast or multicast on the LAN: it needs the host network/,
    );
  });

  it("adds the capabilities (and NET_BIND_SERVICE for ports below 1024) with one exception", () => {
    expect(main(d.def).securityContext).toEqual({
      capabilities: { add: ["NET_ADMIN", "SYS_TIME", "SYS_NICE", "NET_BIND_SERVICE"] },
    });
    expect(d.def.exceptions).toEqual([
      {
        kind: "capabilities",
        controller: "main",
        container: "main",
        reason: expect.stringMatching(
          /^TODO: confirm: NET_ADMIN: .*NET_BIND_SERVICE: binds port 53, 67, 80, 443 \(below 1024\)/,
        ),
      },
    ]);
  });

  it("generates the password in a Secret and keeps the Compose value out of the draft", () => {
    expect(main(d.def).env).toEqual({
      TZ: "Europe/London",
      FTLCONF_webserver_api_password: secretRef("FTLCONF_webserver_api_password"),
      FTLCONF_dns_listeningMode: "all",
    });
    expect(d.def.values.secrets).toEqual({
      app: { generate: { FTLCONF_webserver_api_password: { length: 32 } } },
    });
    expect(d.source).not.toContain("correct horse battery staple");
    expect(flat(d.source)).toMatch(
      /TODO: confirm it is a secret: the Secret "app" generates FTLCONF_webserver_api_password/,
    );
  });

  it("turns data bind mounts into claims with placeholder sizes and comments", () => {
    expect(d.def.values.persistence.pihole).toEqual({
      type: "persistentVolumeClaim",
      size: "1Gi",
      globalMounts: [{ path: "/etc/pihole" }],
    });
    expect(d.def.values.persistence["dnsmasq-d"]).toMatchObject({
      size: "1Gi",
      globalMounts: [{ path: "/etc/dnsmasq.d" }],
    });
    expect(flat(d.source)).toMatch(/TODO: Compose bind-mounted \.\/etc-pihole: a new claim starts empty/);
    expect(flat(d.source)).toMatch(/TODO: size: a placeholder/);
  });

  it("lists every Compose key it did not import, in the warnings and at the top", () => {
    for (const key of ["container_name", "restart"]) {
      expect(d.warnings).toContainEqual(
        expect.stringMatching(new RegExp(`^services\\.pihole\\.${key}: not imported: `)),
      );
      expect(d.source.split("\n\n")[1]).toContain(`services.pihole.${key}: not imported`);
    }
  });
});

describe("Immich: depends_on becomes sibling controllers", () => {
  const d = importFixture("immich.yaml", { service: ["immich-server", "immich-machine-learning"] });
  const values = d.def.values;

  it("makes one controller per service, named without the chart's prefix; databases as StatefulSets", () => {
    expect(d.def.name).toBe("immich");
    expect(Object.keys(values.controllers)).toEqual(["main", "redis", "database", "machine-learning"]);
    expect(values.controllers.redis.type).toBe("statefulset");
    expect(values.controllers.database.type).toBe("statefulset");
    expect(values.controllers.main.type).toBeUndefined();
    expect(values.controllers.redis.containers.main.image).toEqual({
      repository: "docker.io/valkey/valkey",
      tag: "8-bookworm",
      digest: "sha256:a137a2b60aca1a75130022d6bb96af423fefae4eb55faf395732db3544803280",
    });
  });

  it("gives the siblings Services on their images' usual ports (Compose listed none), with a TODO", () => {
    expect(values.service.redis).toEqual({ controller: "redis", ports: { redis: { port: 6379 } } });
    expect(values.service.database).toEqual({ controller: "database", ports: { postgres: { port: 5432 } } });
    expect(values.service["machine-learning"]).toBeUndefined();
    expect(flat(d.source)).toMatch(
      /TODO: Compose listed no port, and the other services reach it: add the port it listens on/,
    );
  });

  it("shares one generated password between the services that use the same variable", () => {
    expect(values.controllers.database.containers.main.env.POSTGRES_PASSWORD).toEqual(
      secretRef("DB_PASSWORD"),
    );
    expect(values.secrets.app.generate).toEqual({ DB_PASSWORD: { length: 32 } });
    expect(values.controllers.database.containers.main.env.POSTGRES_USER).toBe("");
    expect(flat(d.source)).toMatch(
      /TODO: was "\$\{DB_USERNAME\}": \$\{DB_USERNAME\} comes from \.env or the environment/,
    );
  });

  it("lists env_file as a TODO naming the generated secrets, never reads it", () => {
    expect(d.warnings).toContainEqual(
      "services.immich-server.env_file: .env is not read: add its variables to env (secrets through secrets.app)",
    );
    expect(flat(d.source)).toMatch(
      /TODO: Compose read \.env \(env_file\), which import does not read: add the variables it needs to env\. Generated secrets it may share: DB_PASSWORD/,
    );
  });

  it("mounts each volume only where Compose did; /tmp everywhere; shm and /etc/localtime translated", () => {
    expect(values.persistence["model-cache"]).toMatchObject({
      size: "1Gi",
      advancedMounts: { "machine-learning": { main: [{ path: "/cache" }] } },
    });
    expect(values.persistence.data).toMatchObject({
      advancedMounts: { main: { main: [{ path: "/data" }] } },
    });
    expect(values.persistence["database-data"]).toMatchObject({
      size: "5Gi",
      advancedMounts: { database: { main: [{ path: "/var/lib/postgresql/data" }] } },
    });
    expect(values.persistence["database-shm"]).toEqual({
      type: "emptyDir",
      medium: "Memory",
      sizeLimit: "128Mi",
      advancedMounts: { database: { main: [{ path: "/dev/shm" }] } },
    });
    expect(values.persistence.tmp).toEqual({ type: "emptyDir", globalMounts: [{ path: "/tmp" }] });
    expect(values.controllers.main.containers.main.env.TZ).toBe("Etc/UTC");
    expect(d.warnings).toContainEqual(
      "services.immich-server.volumes: the bind mount of /etc/localtime is replaced by the TZ variable",
    );
  });

  it("notes the start order Kubernetes does not keep, and the unresolved variables", () => {
    expect(flat(d.source)).toMatch(
      /Compose started it after redis, database: Kubernetes starts every controller at once/,
    );
    expect(d.warnings).toContainEqual(
      expect.stringMatching(
        /^\$\{UPLOAD_LOCATION\} is not set: import reads neither \.env nor the environment \(used at services\.immich-server\.volumes\[0\]\)/,
      ),
    );
    expect(flat(d.source)).toMatch(
      /TODO: Compose used the image's own HEALTHCHECK, which Kubernetes ignores: a TCP check of http/,
    );
  });

  it("warns about a service of the file that is not imported", () => {
    const server = importFixture("immich.yaml", { service: "immich-server" });
    expect(Object.keys(server.def.values.controllers)).toEqual(["main", "redis", "database"]);
    expect(server.warnings).toContainEqual(
      expect.stringMatching(
        /^services\.immich-machine-learning: not imported: immich-server does not depend on it\. Fix: add --service immich-machine-learning/,
      ),
    );
  });

  it("asks which service when the file has several", () => {
    expect(() => importFixture("immich.yaml")).toThrow(
      /^immich\.yaml:\d+: services: has 4 services \(immich-server, immich-machine-learning, redis, database\)\. Fix: pick one with --service NAME/,
    );
    expect(() => importFixture("immich.yaml", { service: "immich" })).toThrow(
      /services: has no service "immich"\. Fix: use --service with one of: immich-server, /,
    );
  });
});

describe("Frigate: privileged, devices, shm_size, tmpfs", () => {
  const d = importFixture("frigate.yaml");
  const values = d.def.values;

  it("declares privileged (and its escalation) and each device as a hostPath exception", () => {
    expect(main(d.def).securityContext).toEqual({ privileged: true, allowPrivilegeEscalation: true });
    expect(d.def.exceptions.map((e: Loose) => [e.kind, e.volume ?? e.controller])).toEqual([
      ["hostPath", "usb"],
      ["hostPath", "apex-0"],
      ["hostPath", "renderd128"],
      ["privileged", "main"],
      ["privilegeEscalation", "main"],
    ]);
    expect(values.persistence.usb).toEqual({
      type: "hostPath",
      hostPath: "/dev/bus/usb",
      hostPathType: "Directory",
      globalMounts: [{ path: "/dev/bus/usb" }],
    });
    expect(values.persistence.renderd128).toMatchObject({
      hostPath: "/dev/dri/renderD128",
      hostPathType: "CharDevice",
    });
    expect(d.def.exceptions[2].reason).toMatch(/hardware video encoding/);
  });

  it("makes shm_size and the tmpfs memory-backed emptyDirs with their limits", () => {
    expect(values.persistence.shm).toEqual({
      type: "emptyDir",
      medium: "Memory",
      sizeLimit: "512Mi",
      globalMounts: [{ path: "/dev/shm" }],
    });
    expect(values.persistence.cache).toEqual({
      type: "emptyDir",
      medium: "Memory",
      sizeLimit: "1G",
      globalMounts: [{ path: "/tmp/cache" }],
    });
    expect(values.controllers.main.pod.terminationGracePeriodSeconds).toBe(30);
  });

  it("keeps TCP and UDP of one port apart, and the media claim larger", () => {
    expect(values.service.main.ports).toEqual({ http: { port: 8971 } });
    expect(values.service.lan.ports).toEqual({
      rtsp: { port: 8554 },
      "tcp-8555": { port: 8555 },
      "udp-8555": { port: 8555, protocol: "UDP" },
    });
    expect(values.persistence.frigate).toMatchObject({
      size: "10Gi",
      globalMounts: [{ path: "/media/frigate" }],
    });
  });
});

describe("Home Assistant: host network, D-Bus, a moving tag", () => {
  const d = importFixture("home-assistant.yaml");

  it("declares the host network, and /run/dbus as a read-only hostPath", () => {
    expect(d.def.values.controllers.main.pod.hostNetwork).toBe(true);
    expect(d.def.exceptions).toContainEqual({
      kind: "hostNetwork",
      controller: "main",
      reason: expect.stringMatching(/network_mode: host/),
    });
    expect(d.def.values.persistence.dbus).toEqual({
      type: "hostPath",
      hostPath: "/run/dbus",
      hostPathType: "Directory",
      globalMounts: [{ path: "/run/dbus", readOnly: true }],
    });
    expect(d.def.exceptions).toContainEqual({
      kind: "hostPath",
      volume: "dbus",
      reason: expect.stringMatching(/D-Bus/),
    });
  });

  it("asks for the web port (Compose lists none with host network) and a pinned tag", () => {
    expect(d.def.values.service).toBeUndefined();
    expect(flat(d.source)).toMatch(/TODO: host network and no ports listed: add the web UI's port/);
    expect(main(d.def).image.tag).toBe("latest");
    expect(d.warnings).toContainEqual(
      expect.stringMatching(
        /"ghcr\.io\/home-assistant\/home-assistant:stable" is not pinned: its tag "stable" moves/,
      ),
    );
    expect(main(d.def).env).toEqual({ TZ: "Europe/Amsterdam" });
  });
});

describe("Mosquitto: user, a config file, named volumes, an exec healthcheck", () => {
  const d = importFixture("mosquitto.yaml");
  const values = d.def.values;

  it("runs as the Compose user, without a root exception", () => {
    expect(values.controllers.main.pod.securityContext).toEqual({
      runAsUser: 1883,
      runAsGroup: 1883,
      fsGroup: 1883,
    });
    expect(d.def.exceptions).toBeUndefined();
  });

  it("mounts the bind-mounted config file from a ConfigMap to fill in", () => {
    expect(values.configMaps.mosquitto).toEqual({
      data: { "mosquitto.conf": "# TODO: the content of ./mosquitto/config/mosquitto.conf\n" },
    });
    expect(values.persistence.mosquitto).toEqual({
      type: "configMap",
      identifier: "mosquitto",
      globalMounts: [{ path: "/mosquitto/config/mosquitto.conf", subPath: "mosquitto.conf", readOnly: true }],
    });
    expect(values.persistence["mosquitto-data"]).toMatchObject({
      type: "persistentVolumeClaim",
      size: "1Gi",
    });
    expect(values.persistence["mosquitto-log"]).toMatchObject({ type: "persistentVolumeClaim", size: "1Gi" });
  });

  it("keeps the named ports, and turns the healthcheck into exec probes with a startup probe", () => {
    expect(values.service.main.ports).toEqual({ websockets: { port: 9001 } });
    expect(values.service.lan.ports).toEqual({ mqtt: { port: 1883 } });
    const command = ["mosquitto_sub", "-t", "$SYS/#", "-C", "1", "-i", "healthcheck", "-W", "3"];
    expect(main(d.def).probes).toEqual({
      startup: { type: "exec", command, spec: { periodSeconds: 5, failureThreshold: 7 } },
      liveness: {
        type: "exec",
        command,
        spec: { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 },
      },
      readiness: {
        type: "exec",
        command,
        spec: { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 3 },
      },
    });
    expect(main(d.def).args).toEqual(["mosquitto", "-c", "/mosquitto/config/mosquitto.conf"]);
    expect(d.warnings).toContainEqual(
      "services.mosquitto.logging: not imported: Kubernetes keeps container logs itself",
    );
  });
});

describe("Vaultwarden: list environment, loopback port, HTTP healthcheck, limits", () => {
  const d = importFixture("vaultwarden.yaml");
  const c = main(d.def);

  it("keeps a port published on loopback inside the cluster", () => {
    expect(d.def.values.service).toEqual({ main: { controller: "main", ports: { http: { port: 8080 } } } });
    expect(flat(d.source)).toMatch(
      /Compose published it only on the host's loopback \(127\.0\.0\.1\), not on the LAN\./,
    );
  });

  it("reads the list environment; the admin token from a variable becomes a generated secret of that name", () => {
    expect(c.env).toEqual({
      DOMAIN: "https://vaultwarden.example.com",
      SIGNUPS_ALLOWED: "false",
      ADMIN_TOKEN: secretRef("VW_ADMIN_TOKEN"),
      ROCKET_PORT: "8080",
      WEBSOCKET_ENABLED: "",
    });
    expect(flat(d.source)).toMatch(/TODO: Compose passed it from the host's environment: give its value\./);
    expect(d.warnings).toContainEqual(
      expect.stringMatching(/^services\.vaultwarden\.env_file: vaultwarden\.env is not read/),
    );
  });

  it("makes the curl healthcheck an HTTP probe of the named port, with its timing", () => {
    const probe = { type: "http", path: "/alive", port: "http" };
    expect(c.probes).toEqual({
      startup: { ...probe, spec: { periodSeconds: 5, failureThreshold: 9 } },
      liveness: { ...probe, spec: { periodSeconds: 60, timeoutSeconds: 10, failureThreshold: 3 } },
      readiness: { ...probe, spec: { periodSeconds: 60, timeoutSeconds: 10, failureThreshold: 3 } },
    });
  });

  it("takes mem_limit and cpus as limits", () => {
    expect(c.resources).toEqual({
      requests: { cpu: "50m", memory: "128Mi" },
      limits: { memory: "512Mi", cpu: "500m" },
    });
    expect(d.def.values.persistence.data).toMatchObject({
      type: "persistentVolumeClaim",
      globalMounts: [{ path: "/data" }],
    });
  });
});

describe("AdGuard Home: ports in both syntaxes", () => {
  const d = importFixture("adguard-home.yaml");

  it("names every port uniquely within 15 characters and splits web and LAN ports", () => {
    expect(d.def.values.service.main.ports).toEqual({ http: { port: 80 } });
    expect(d.def.values.service.lan.ports).toEqual({
      "dns-tcp": { port: 53 },
      "dns-udp": { port: 53, protocol: "UDP" },
      dhcp: { port: 67, protocol: "UDP" },
      "dhcp-client": { port: 68, protocol: "UDP" },
      "https-tcp": { port: 443 },
      "https-udp": { port: 443, protocol: "UDP" },
      "tcp-3000": { port: 3000 },
      "dns-tls-tcp": { port: 853 },
      "dns-tls-udp": { port: 853, protocol: "UDP" },
      "udp-784": { port: 784, protocol: "UDP" },
      "udp-8853": { port: 8853, protocol: "UDP" },
      "tcp-5443": { port: 5443 },
      "udp-5443": { port: 5443, protocol: "UDP" },
    });
    expect(d.def.exceptions[0].reason).toMatch(/binds port 53, 67, 68, 80, 443, 784, 853 \(below 1024\)/);
  });
});

describe("decisions on smaller Compose files", () => {
  it("runs as root only with a declared exception; a user name is a warning", () => {
    const root = inline("services:\n  app:\n    image: a/b:1.0\n    user: root\n");
    expect(root.def.values.controllers.main.pod.securityContext).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 0,
      fsGroup: 0,
    });
    expect(root.def.exceptions).toEqual([
      { kind: "runAsRoot", controller: "main", reason: "TODO: confirm: Compose ran it as root" },
    ]);
    const named = inline("services:\n  app:\n    image: a/b:1.0\n    user: abc\n");
    expect(named.warnings).toContainEqual(
      expect.stringMatching(/^services\.app\.user: "abc" is a name, and Kubernetes needs numeric ids/),
    );
    const uidOnly = inline("services:\n  app:\n    image: a/b:1.0\n    user: '1001'\n");
    expect(uidOnly.def.values.controllers.main.pod.securityContext).toEqual({
      runAsUser: 1001,
      runAsGroup: 1001,
      fsGroup: 1001,
    });
  });

  it("imports host PID and IPC with exceptions, warns about shared network namespaces", () => {
    const d = inline(
      "services:\n  app:\n    image: a/b:1.0\n    pid: host\n    ipc: host\n    network_mode: service:vpn\n    cap_add: [CAP_SYS_ADMIN]\n",
    );
    expect(d.def.values.controllers.main.pod).toMatchObject({ hostPID: true, hostIPC: true });
    expect(d.def.exceptions.map((e: Loose) => e.kind)).toEqual(["hostPID", "hostIPC", "capabilities"]);
    expect(main(d.def).securityContext).toEqual({ capabilities: { add: ["SYS_ADMIN"] } });
    expect(d.warnings).toContainEqual(
      expect.stringMatching(/^services\.app\.network_mode: "service:vpn" is not imported/),
    );
  });

  it("rewrites sibling service names used as hosts to their Services' names", () => {
    const d = inline(
      `
services:
  app:
    image: a/app:1.0
    depends_on: [db, redis]
    environment:
      DB_HOST: db
      DATABASE_URL: postgres://user@db:5432/app
      REDIS: redis:6379
      CACHE_DRIVER: redis
      MOTD: "{{ not a template }}"
  db:
    image: postgres:16.4
  redis:
    image: redis:7.4.2
`,
      { service: "app" },
    );
    expect(main(d.def).env).toEqual({
      DB_HOST: '{{ include "homelab.componentName" (dict "root" . "id" "db") }}',
      DATABASE_URL:
        'postgres://user@{{ include "homelab.componentName" (dict "root" . "id" "db") }}:5432/app',
      REDIS: '{{ include "homelab.componentName" (dict "root" . "id" "redis") }}:6379',
      CACHE_DRIVER: "redis",
      MOTD: '{{ "{{" }} not a template }}',
    });
    expect(flat(d.source)).toMatch(/Was "db": db is reached through its Service's name here\./);
  });

  it("shares one generated value between services that had the same literal secret", () => {
    const d = inline(
      `
services:
  app:
    image: a/app:1.0
    depends_on: [db]
    environment: { DB_PASS: hunter2, API_TOKEN: abc }
  db:
    image: mariadb:11.4
    environment: [MARIADB_PASSWORD=hunter2]
`,
      { service: "app" },
    );
    expect(d.def.values.controllers.db.containers.main.env.MARIADB_PASSWORD).toEqual(secretRef("DB_PASS"));
    expect(d.def.values.secrets.app.generate).toEqual({ DB_PASS: { length: 32 }, API_TOKEN: { length: 32 } });
    expect(d.source).not.toContain("hunter2");
    expect(flat(d.source)).toMatch(/The same generated value as DB_PASS/);
  });

  it("imports entrypoint and command strings as words, deploy resources as resources", () => {
    const d = inline(`
services:
  app:
    image: a/app:1.0
    entrypoint: /bin/tini --
    command: 'serve --root "/srv/my files"'
    working_dir: /srv
    deploy:
      replicas: 2
      resources:
        limits: { cpus: "2", memory: 2g }
        reservations: { cpus: "0.25", memory: 256m }
`);
    const c = main(d.def);
    expect(c.command).toEqual(["/bin/tini", "--"]);
    expect(c.args).toEqual(["serve", "--root", "/srv/my files"]);
    expect(c.workingDir).toBe("/srv");
    expect(c.resources).toEqual({
      requests: { cpu: "250m", memory: "256Mi" },
      limits: { memory: "2Gi", cpu: "2" },
    });
    expect(d.warnings).toContainEqual(
      expect.stringMatching(/^services\.app\.deploy\.replicas: not imported: Swarm/),
    );
  });

  it("imports external volumes as existing claims, NFS volumes as nfs, and shares a volume between controllers", () => {
    const d = inline(
      `
services:
  app:
    image: a/app:1.0
    depends_on: [worker]
    volumes: [media:/media, shared:/shared, old:/old]
  worker:
    image: a/worker:1.0
    volumes: ["shared:/work/shared:ro"]
volumes:
  media:
    driver_opts: { type: nfs, o: "addr=nas.home.arpa,nfsvers=4,rw", device: ":/export/media" }
  shared: {}
  old: { external: true, name: legacy-data }
`,
      { service: "app" },
    );
    const p = d.def.values.persistence;
    expect(p.media).toEqual({
      type: "nfs",
      server: "nas.home.arpa",
      path: "/export/media",
      advancedMounts: { main: { main: [{ path: "/media" }] } },
    });
    expect(d.def.exceptions).toContainEqual({
      kind: "nfs",
      volume: "media",
      reason: expect.stringMatching(/NAS/),
    });
    expect(p.old).toMatchObject({ type: "persistentVolumeClaim", existingClaim: "legacy-data" });
    expect(p.shared.advancedMounts).toEqual({
      main: { main: [{ path: "/shared" }] },
      worker: { main: [{ path: "/work/shared", readOnly: true }] },
    });
    expect(flat(d.source)).toMatch(
      /Shared by several controllers: a ReadWriteOnce claim needs their pods on one node/,
    );
  });

  it("reads YAML anchors and merge keys, and warns about extension and unknown keys", () => {
    const d = inline(`
x-common: &common
  restart: unless-stopped
  environment: { TZ: Europe/Berlin }
services:
  app:
    <<: *common
    image: a/app:1.0
    x-custom: 1
    imagee: typo
`);
    expect(main(d.def).env).toEqual({ TZ: "Europe/Berlin" });
    expect(d.warnings).toEqual(
      expect.arrayContaining([
        "services.app.restart: not imported: Kubernetes restarts failed containers itself",
        "services.app.x-custom: not imported: an extension field (x-*) has no meaning here",
        "services.app.imagee: not imported: is not a Compose service key (misspelled?)",
      ]),
    );
  });

  it("uses expose ports, and a healthcheck's port as the web port", () => {
    const d = inline(`
services:
  app:
    image: a/app:1.0
    expose: ["9000", "3000"]
    healthcheck: { test: ["CMD", "curl", "-f", "http://localhost:3000/health"] }
`);
    expect(d.def.values.service.main.ports).toEqual({ "tcp-9000": { port: 9000 }, http: { port: 3000 } });
    expect(d.def.values.ingress.main.hosts[0].paths[0].service).toEqual({ identifier: "main", port: "http" });
  });
});

describe("errors name the file, the line, the key and the fix", () => {
  it.each([
    [
      "services:\n  app:\n    image: [unclosed\n",
      /^compose\.yaml:\d+: is not valid YAML: [^\n]*[^:]\. Fix: correct the YAML syntax/,
    ],
    ["version: '3'\n", /^compose\.yaml(:\d+)?: services: has no services\. Fix: /],
    ["services:\n  app: just-a-string\n", /^compose\.yaml:2: services\.app: is not a mapping\. Fix: /],
    [
      "services:\n  app:\n    build: .\n",
      /^compose\.yaml:2: services\.app\.image: is missing: the service is built from source \(build:\)\. Fix: build the image, push it/,
    ],
    [
      "services:\n  app:\n    image: a/b:1\n    depends_on: [db]\n",
      /^compose\.yaml:4: services\.app\.depends_on: names "db", which is not a service of this file\. Fix: use one of: app/,
    ],
    [
      "services:\n  app:\n    image: a/b:1\n    ports: ['80:http']\n",
      /^compose\.yaml:4: services\.app\.ports\[0\]: container port "http" is not a port number/,
    ],
    [
      "services:\n  app:\n    image: a/b:1\n    mem_limit: lots\n",
      /^compose\.yaml:4: services\.app\.mem_limit: "lots" is not a size\. Fix: /,
    ],
  ])("%j", (yaml, message) => expect(() => importCompose(yaml, { file: "compose.yaml" })).toThrow(message));

  it("refuses a chart name that is not a DNS label", () => {
    expect(() => importCompose("services:\n  a:\n    image: a/b:1\n", { name: "My App" })).toThrow(
      /--name "My App" is not a DNS-1123 label/,
    );
  });
});
