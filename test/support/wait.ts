/** Waiting on conditions, never on the clock: each helper is bounded by a count of turns. */

/** One turn of the event loop plus a millisecond, so short retry timers get to fire. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Resolves once `condition()` holds; throws after `turns` turns naming what never happened. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, turns = 2_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await condition()) return;
    await turn();
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** A promise with its resolve, for work the test lets finish when it chooses. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
