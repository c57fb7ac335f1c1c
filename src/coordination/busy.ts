/** Thrown when another replica holds what this work needs (or took it over); the job is retried shortly. */
export class BusyError extends Error {
  readonly retryable = true;
}
