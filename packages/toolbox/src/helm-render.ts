import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";
import { Socket } from "node:net";
import { createInterface } from "node:readline";
import { FixableError } from "@homelab/errors";
import type { HelmResult } from "./helm.ts";
import { HelmCommandError } from "./helm.ts";
import { findTool } from "./tools.ts";

/** One `helm template NAME CHART --namespace NAMESPACE [--values FILE]`, rendered by helm-render. */
export interface HelmTemplateRequest {
  /** The release name (NAME). */
  name: string;
  namespace: string;
  /** A packaged chart's .tgz bytes, or `{ path }` of a chart directory or archive. */
  chart: Uint8Array | { path: string };
  /** Default: none (the chart's defaults). The YAML of the one `--values` file. */
  values?: string;
}

/** helm-render stopped before it answered: the renderer itself failed, not a chart. */
export class HelmRenderError extends FixableError {
  override readonly name = "HelmRenderError";
  constructor(
    readonly detail: string,
    readonly stderr: string,
  ) {
    super(
      `helm-render ${detail}${stderr.trim() ? `:\n${stderr.trim()}` : ""}`,
      "rebuild it with `bash tooling/tools/install.sh helm-render`; if that does not help, report its message",
    );
  }
}

interface Response {
  id: number;
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Pending {
  resolve: (r: Response) => void;
  reject: (e: Error) => void;
}

/** How long an idle renderer stays up for the next request before it is stopped. */
const IDLE_MS = 2000;
/** How much of the renderer's own stderr a HelmRenderError keeps. */
const STDERR_TAIL = 4000;

function isResponse(v: unknown): v is Response {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.id === "number" &&
    typeof r.stdout === "string" &&
    typeof r.stderr === "string" &&
    typeof r.exitCode === "number"
  );
}

/** A child's pipe is a net.Socket: while unref'd it does not keep the event loop alive. */
function refPipe(pipe: object, on: boolean): void {
  if (pipe instanceof Socket) {
    if (on) pipe.ref();
    else pipe.unref();
  }
}

/**
 * One helm-render process: requests are written as JSON lines and answered by id, so any number
 * are in flight at once. While none is, the process keeps no event loop alive (a CLI exits, and
 * closing its end of the pipe ends the renderer) and stops after IDLE_MS.
 */
class Renderer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = "";
  private idle: NodeJS.Timeout | undefined;
  private failure: HelmRenderError | undefined;
  private stopping = false;
  readonly exited: Promise<void>;

  constructor(
    bin: string,
    private readonly onGone: (r: Renderer) => void,
  ) {
    this.child = spawn(bin, [], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    this.child.stdin.on("error", () => {
      // EPIPE when it died: reported by "exit" below with its stderr.
    });
    const lines = createInterface({ input: this.child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => this.answer(line));
    this.exited = new Promise((resolve) => {
      this.child.on("error", (e) => this.fail(new HelmRenderError(`could not run (${e.message})`, "")));
      this.child.on("close", (code, signal) => {
        this.fail(new HelmRenderError(`exited (${signal ?? `exit ${code ?? "?"}`})`, this.stderrTail));
        resolve();
      });
    });
    this.setIdle();
  }

  render(request: HelmTemplateRequest): Promise<Response> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const chart = request.chart;
    const line = JSON.stringify({
      id,
      name: request.name,
      namespace: request.namespace,
      ...(chart instanceof Uint8Array
        ? { chart: Buffer.from(chart.buffer, chart.byteOffset, chart.byteLength).toString("base64") }
        : { chartPath: chart.path }),
      ...(request.values === undefined ? {} : { values: request.values }),
    });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.setBusy();
      this.child.stdin.write(`${line}\n`);
    });
  }

  /** Ends its input: it answers what is in flight, then exits (which this waits for, ref'd). */
  stop(): Promise<void> {
    this.onGone(this);
    this.setBusy();
    this.stopping = true;
    this.child.stdin.end();
    return this.exited;
  }

  private answer(line: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (!isResponse(parsed)) {
      this.fail(new HelmRenderError(`answered something that is not a response: ${line.slice(0, 200)}`, ""));
      this.child.kill();
      return;
    }
    const p = this.pending.get(parsed.id);
    if (!p) return;
    this.pending.delete(parsed.id);
    if (this.pending.size === 0) this.setIdle();
    p.resolve(parsed);
  }

  private fail(error: HelmRenderError): void {
    this.failure ??= error;
    clearTimeout(this.idle);
    this.onGone(this);
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  private setBusy(): void {
    clearTimeout(this.idle);
    this.idle = undefined;
    this.child.ref();
    for (const pipe of [this.child.stdout, this.child.stderr]) refPipe(pipe, true);
  }

  private setIdle(): void {
    if (this.stopping) return;
    this.child.unref();
    for (const pipe of [this.child.stdout, this.child.stderr]) refPipe(pipe, false);
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.stop(), IDLE_MS);
    this.idle.unref();
  }
}

let shared: Renderer | undefined;

function renderer(): Renderer {
  if (!shared) {
    shared = new Renderer(findTool("helm-render"), (r) => {
      if (shared === r) shared = undefined;
    });
  }
  return shared;
}

function commandOf(request: HelmTemplateRequest): string {
  const chart = request.chart instanceof Uint8Array ? `<${request.name} chart archive>` : request.chart.path;
  const values = request.values === undefined ? "" : " --values <values>";
  return `helm template ${request.name} ${chart} --namespace ${request.namespace}${values}`;
}

/**
 * What `helm template NAME CHART --namespace NS --values FILE` prints, rendered by helm-render
 * (helm's own packages at the pinned helm version) in one process shared by every call, started
 * on the first. Rejects with HelmCommandError carrying helm's own error text, as `helm()` does.
 */
export async function helmTemplate(request: HelmTemplateRequest): Promise<HelmResult> {
  const r = await renderer().render(request);
  if (r.exitCode !== 0)
    throw new HelmCommandError(commandOf(request), r.exitCode, `${r.stderr}\n${r.stdout}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** Stops the shared renderer now (after it answers what is in flight); the next call starts another. */
export async function stopHelmRenderer(): Promise<void> {
  await shared?.stop();
}
