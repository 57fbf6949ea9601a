/**
 * Health probes: the startup, liveness and readiness probes of a container, all three running the
 * same check (an HTTP GET, a TCP connect or a command) with their own timing.
 */
import type { Container, Probe } from "../values-model/container.ts";

/**
 * When one probe runs and how many failures it tolerates: the timing fields of a Kubernetes
 * Probe, laid into the probe's `spec`. A field not given is not written, so Kubernetes' default
 * applies.
 */
export interface ProbeTiming {
  /** Seconds before the first check. Default: Kubernetes' (0). */
  readonly initialDelaySeconds?: number;
  /** Seconds between checks. Default: Kubernetes' (10). */
  readonly periodSeconds?: number;
  /** Seconds a check may take. Default: Kubernetes' (1). */
  readonly timeoutSeconds?: number;
  /** Failed checks in a row that fail the probe. Default: Kubernetes' (3). */
  readonly failureThreshold?: number;
  /** Passed checks in a row that pass the probe again. Default: Kubernetes' (1). */
  readonly successThreshold?: number;
}

/** The timing of each of the three probes. */
export interface ProbeTimings {
  /**
   * The startup probe's timing, or `false` for no startup probe.
   * Default: `{ periodSeconds: 10, failureThreshold: 30 }` (up to 5 minutes to start).
   */
  readonly startup?: ProbeTiming | false;
  /** The liveness probe's timing. Default: `{}` (Kubernetes' timing). */
  readonly liveness?: ProbeTiming;
  /** The readiness probe's timing. Default: `{}` (Kubernetes' timing). */
  readonly readiness?: ProbeTiming;
}

/** A container's probes, as `controllers.<id>.containers.<id>.probes` takes them. */
export type ContainerProbes = NonNullable<Container["probes"]>;

/** The startup timing when none is given: a check every 10 s, up to 30 failures (5 minutes). */
const DEFAULT_STARTUP: ProbeTiming = { periodSeconds: 10, failureThreshold: 30 };

/**
 * Timings for apps that start slowly and stall now and then (the *arr apps, media servers): startup
 * every 10 s for up to 5 minutes; liveness every 30 s with a 5 s timeout, restarting after 5 failures
 * (2.5 minutes); readiness every 10 s with a 5 s timeout.
 */
export const lenientProbeTimings: Required<ProbeTimings> = Object.freeze({
  startup: Object.freeze({ periodSeconds: 10, failureThreshold: 30 }),
  liveness: Object.freeze({ periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 }),
  readiness: Object.freeze({ periodSeconds: 10, timeoutSeconds: 5 }),
});

/** The check itself: a probe without its timing. */
type Check = Omit<Probe, "spec" | "enabled">;

/** One probe: the check, with `spec` only when a timing field is given. */
function probe(check: Check, timing: ProbeTiming): Probe {
  const copy: Probe = { ...check };
  if (Array.isArray(check.command)) copy.command = [...check.command];
  return Object.keys(timing).length > 0 ? { ...copy, spec: { ...timing } } : copy;
}

/** The three probes running `check` with `timings`. */
function probesOf(check: Check, timings: ProbeTimings = {}): ContainerProbes {
  const { startup = DEFAULT_STARTUP, liveness = {}, readiness = {} } = timings;
  return {
    ...(startup === false ? {} : { startup: probe(check, startup) }),
    liveness: probe(check, liveness),
    readiness: probe(check, readiness),
  };
}

/** Options of {@link httpProbes}. */
export interface HttpProbesOptions extends ProbeTimings {
  /** The path of the HTTP GET, e.g. `/health`; a 2xx or 3xx answer passes. */
  readonly path: string;
  /** The container port checked, by name or number. Default: `"http"`. */
  readonly port?: string | number;
}

/**
 * Startup, liveness and readiness probes that GET one HTTP path.
 *
 * @example
 * probes: httpProbes({ path: "/ping", ...lenientProbeTimings })
 */
export function httpProbes(options: HttpProbesOptions): ContainerProbes {
  const { path, port = "http", ...timings } = options;
  return probesOf({ type: "http", path, port }, timings);
}

/** Options of {@link tcpProbes}. */
export interface TcpProbesOptions extends ProbeTimings {
  /** The container port connected to, by name or number. Default: `"http"`. */
  readonly port?: string | number;
}

/** Startup, liveness and readiness probes that open a TCP connection to one port. */
export function tcpProbes(options: TcpProbesOptions = {}): ContainerProbes {
  const { port = "http", ...timings } = options;
  return probesOf({ type: "tcp", port }, timings);
}

/** Options of {@link execProbes}. */
export interface ExecProbesOptions extends ProbeTimings {
  /** The command run in the container; exit code 0 passes. */
  readonly command: readonly string[];
}

/** Startup, liveness and readiness probes that run one command in the container. */
export function execProbes(options: ExecProbesOptions): ContainerProbes {
  const { command, ...timings } = options;
  return probesOf({ type: "exec", command: [...command] }, timings);
}
