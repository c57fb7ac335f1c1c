/**
 * The hidden key of an enrolled row, `<!-- embark:enroll-key F-R -->`: F is a hash of the CSV's
 * file name (what one search finds every issue of a file by), R a hash of the file name and the
 * customer. The same row of the same file always gets the same key, so a rerun recognises the
 * issues an earlier run opened, whatever folder it runs from.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

const hash = (text: string, length: number): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);

/** How customers compare: case, surrounding and repeated spaces ignored. */
export function customerIdentity(customer: string): string {
  return customer.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The key every row of `file` shares (8 hex digits). */
export function fileKey(file: string): string {
  return hash(`embark-enroll-file\n${basename(file)}`, 8);
}

/** The key of one row: `<fileKey>-<16 hex digits>`. */
export function rowKey(file: string, customer: string): string {
  return `${fileKey(file)}-${hash(`embark-enroll-row\n${basename(file)}\n${customerIdentity(customer)}`, 16)}`;
}

/** The hidden line carrying a row key. */
export function rowKeyMarker(key: string): string {
  return `<!-- embark:enroll-key ${key} -->`;
}

const MARKER = /<!--\s*embark:enroll-key\s+([0-9a-f]{8}-[0-9a-f]{16})\s*-->/;

/** The row key an issue body carries, or null. */
export function readRowKey(body: string | null | undefined): string | null {
  return body ? (MARKER.exec(body)?.[1] ?? null) : null;
}
