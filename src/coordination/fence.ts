/**
 * Fencing for the one-writer lease. A lease in Redis can run out while its holder still works
 * (an event loop stalled past the lease, a slow Redis), and another replica then takes the same
 * onboarding: two writers, each sure it is alone (the race that once left two status comments
 * on one EPIC). So the work a lease guards runs inside that lease's fence, and every GitHub write
 * first asks the fence whether the lease is still held; a lost one stops the write with a
 * `BusyError`, and the job is retried, re-reads GitHub and converges.
 *
 * The fence travels with the async context of the guarded work (AsyncLocalStorage), because
 * writes happen deep in the executor, far from the `lock.run` that took the lease; nothing else
 * is kept here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { BusyError } from './busy.js';

/** What a fence asks of a lease. */
export interface Held {
  /** False once the lease ran out or another holder took it. */
  held(): boolean;
  /** The lease's key, for the error message. */
  readonly key: string;
}

const current = new AsyncLocalStorage<Held>();

/** Run `work` inside the fence of `lease`. */
export function runFenced<T>(lease: Held, work: () => Promise<T>): Promise<T> {
  return current.run(lease, work);
}

/** Throw `BusyError` when the work this runs in has lost its lease; a no-op outside any lease. */
export function assertStillHeld(): void {
  const lease = current.getStore();
  if (lease && !lease.held()) throw new BusyError(`lost the lease on ${lease.key} before a write; retrying from a fresh read`);
}
