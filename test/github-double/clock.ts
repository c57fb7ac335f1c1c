/** The double's clock: real time unless a test pins it. Every timestamp the double writes comes from here. */
export class Clock {
  private fixed: Date | null = null;

  /** Current time (a copy: callers may mutate it). */
  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Pin the clock to `date`, or go back to real time with `null`. */
  set(date: Date | null): void {
    this.fixed = date ? new Date(date) : null;
  }

  /** Move a pinned clock forward (pins it at real time first if needed). */
  advance(ms: number): void {
    this.fixed = new Date(this.now().getTime() + ms);
  }

  /** GitHub's timestamp format: ISO 8601 without milliseconds. */
  iso(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
