import { describe, expect, it } from '@jest/globals';
import { createKeyedLock } from '../../src/coordination/lock.js';

describe('keyed lock', () => {
  it('runs work for one key one at a time, and other keys in parallel', async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = lock.run('a', async () => {
      events.push('a1 start');
      await gate;
      events.push('a1 end');
    });
    const second = lock.run('a', async () => {
      events.push('a2');
    });
    await lock.run('b', async () => {
      events.push('b');
    });
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('keeps going after a failure', async () => {
    const lock = createKeyedLock();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 42)).resolves.toBe(42);
  });
});
