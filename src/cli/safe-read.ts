/**
 * Reading a file a user named, refusing what is not a text file before reading it: a FIFO would
 * block the read forever, `/dev/zero` would fill memory, a folder or socket cannot be read at
 * all. The path is checked with `stat` first; the file is then opened without blocking and
 * checked again on the open descriptor, so a FIFO swapped in between is refused too.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { DEFAULT_MAX_BYTES } from '../template/index.js';

/** Templates and configs beyond the parser's own limit are refused without being read. */
export const MAX_FILE_BYTES = DEFAULT_MAX_BYTES;
/** How much of a file is searched for a NUL byte, the mark of a binary file (as git does). */
const SNIFF_BYTES = 8 * 1024;

/** A file refused before or while reading; the message says what it is and what to do. */
export class RefusedFile extends Error {
  override readonly name = 'RefusedFile';
  constructor(
    message: string,
    /** Why: `special` (not a regular file), `too-large` or `binary`. */
    readonly reason: 'special' | 'too-large' | 'binary',
  ) {
    super(message);
  }
}

/** What a non-regular file is, in words. */
function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuseUnlessRegular(path: string, s: Parameters<typeof kindOf>[0] & { isFile(): boolean; size: number }, maxBytes: number): void {
  if (!s.isFile()) throw new RefusedFile(`${path} is ${kindOf(s)}, not a file: name a template or config file.`, 'special');
  if (s.size > maxBytes)
    throw new RefusedFile(`${path} is ${s.size} bytes; the limit is ${maxBytes}. A template or config this large is not one: split it or name another file.`, 'too-large');
}

/**
 * The file's text (UTF-8), or a {@link RefusedFile}. Other failures (missing file, no
 * permission) reject with the file system's own error.
 */
export async function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  refuseUnlessRegular(path, await stat(path), maxBytes);
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = await handle.stat();
    refuseUnlessRegular(path, opened, maxBytes);
    // Read one byte past the limit, so a file that grew since the stat is still caught.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new RefusedFile(`${path} is larger than ${maxBytes} bytes: split it or name another file.`, 'too-large');
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
      throw new RefusedFile(`${path} holds NUL bytes, so it is a binary file, not a template: name a markdown or YAML file.`, 'binary');
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}
