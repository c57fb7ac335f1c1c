#!/usr/bin/env node
// Run after `npm install` changes the lockfile: node .ci/fix-lock.mjs package-lock.json
// Add lockfile entries for optional platform packages the local registry mirror does not serve,
// so `npm ci` sees the lock in sync and skips them by os/cpu/libc as it would anywhere.
import { readFileSync, writeFileSync } from 'node:fs';
const lockPath = process.argv[2];
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key]) continue;
    const m = /-(android|darwin|win32|freebsd|linux|openbsd|sunos|wasm32|openharmony)-([a-z0-9]+)(?:-(musl|gnu|gnueabihf|musleabihf|eabi|msvc))?/.exec(name);
    if (!m) continue;
    const [, os, cpuRaw, libc] = m;
    const cpu = cpuRaw === 'arm' ? 'arm' : cpuRaw;
    const entry = { version: version.replace(/^[\^~]/, ''), optional: true, os: [os], cpu: [cpu] };
    if (meta.dev) entry.dev = true;
    if (libc === 'musl' || libc === 'musleabihf') entry.libc = ['musl'];
    if (libc === 'gnu' || libc === 'gnueabihf') entry.libc = ['glibc'];
    pkgs[key] = entry;
    added++;
  }
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} entries`);
