import { Watch } from "@kubernetes/client-node";
import type { Kube } from "./kube.ts";

/** A poll loop's sleep that ends early when the object it polls changes. */
export interface ChangeWaker {
  /** Resolves after `ms`, or as soon as a change was seen (also one seen since the last sleep). */
  sleep(ms: number): Promise<void>;
  /** Ends the watch. */
  stop(): void;
}

/**
 * One watch, for as long as a poll loop runs, on the objects at `path` (a collection URL) that
 * `fieldSelector` selects: a change ends the loop's sleep, so the poll sees it at once instead of
 * up to an interval later. Polling stays the source of truth: without a kubeconfig, or when the
 * watch fails or ends, `sleep` simply waits.
 */
export function changeWaker(kube: Kube, path: string, fieldSelector: string): ChangeWaker {
  let changed = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  let abort: (() => void) | undefined;
  if (kube.config) {
    new Watch(kube.config)
      .watch(
        path,
        { fieldSelector },
        () => {
          changed = true;
          wake?.();
        },
        () => undefined,
      )
      .then((request) => {
        if (stopped) request.abort();
        else abort = () => request.abort();
      })
      .catch(() => undefined);
  }
  return {
    sleep: (ms) =>
      new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wake = undefined;
          changed = false;
          resolve();
        };
        const timer = setTimeout(done, changed ? 0 : ms);
        wake = done;
      }),
    stop: () => {
      stopped = true;
      abort?.();
      wake?.();
    },
  };
}
