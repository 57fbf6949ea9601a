export interface OrderedRun<T, R> {
  name: (item: T) => string;
  /** Names this item waits for; names that are not among the items count as met. */
  needs: (item: T) => readonly string[];
  /** At most this many tasks run at once (a task may give its place back early: see `run`). */
  concurrency: number;
  /**
   * Runs one item. `freeSlot()` gives its place among the `concurrency` back before it ends,
   * for a task whose rest is light (e.g. watching pods become ready); its dependants still
   * wait for its result.
   */
  run: (item: T, freeSlot: () => void) => Promise<R>;
  /** False when the task failed (or was skipped): the tasks that need it are skipped. */
  succeeded: (result: R) => boolean;
  /** The result of an item that is not run because `need` failed or was skipped. */
  skip: (item: T, need: string, needResult: R) => R;
  /** Called once when an item has to wait for some of its needs. */
  onWait?: (item: T, waitingFor: readonly string[]) => void;
}

/**
 * Runs every item once all of its needs have succeeded, independent items in parallel (at
 * most `concurrency` at once, in name order when more are ready). An item whose need failed
 * is not run: `skip` gives its result, and the items needing it are skipped in turn. Assumes
 * the needs have no cycle. Results in input order.
 */
export async function runInDependencyOrder<T, R>(items: readonly T[], o: OrderedRun<T, R>): Promise<R[]> {
  const byName = new Map(items.map((item, i) => [o.name(item), i]));
  const results = new Array<R | undefined>(items.length);
  const started = new Set<number>();
  const needsOf = (i: number) => o.needs(items[i]!).filter((n) => byName.has(n));
  const order = items.map((_, i) => i).sort((a, b) => (o.name(items[a]!) < o.name(items[b]!) ? -1 : 1));
  for (const i of order) {
    const waiting = needsOf(i);
    if (waiting.length) o.onWait?.(items[i]!, waiting);
  }
  // `running` holds places among `concurrency`; `pending` counts tasks not yet settled.
  let running = 0;
  let pending = 0;
  return new Promise<R[]>((resolve, reject) => {
    const pump = () => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const i of order) {
          if (started.has(i)) continue;
          const needs = needsOf(i).map((n) => byName.get(n)!);
          const failed = needs.find((n) => results[n] !== undefined && !o.succeeded(results[n]!));
          if (failed !== undefined) {
            started.add(i);
            results[i] = o.skip(items[i]!, o.name(items[failed]!), results[failed]!);
            progressed = true;
            continue;
          }
          if (running >= o.concurrency || !needs.every((n) => results[n] !== undefined)) continue;
          started.add(i);
          running++;
          pending++;
          let holding = true;
          const freeSlot = () => {
            if (!holding) return;
            holding = false;
            running--;
            queueMicrotask(pump);
          };
          o.run(items[i]!, freeSlot).then((r) => {
            results[i] = r;
            pending--;
            if (holding) {
              holding = false;
              running--;
            }
            pump();
          }, reject);
        }
      }
      if (pending > 0) return;
      if (started.size === items.length) resolve(results as R[]);
      else
        reject(
          new Error(
            `needs cycle among ${order
              .filter((i) => !started.has(i))
              .map((i) => o.name(items[i]!))
              .join(", ")}`,
          ),
        );
    };
    pump();
  });
}
