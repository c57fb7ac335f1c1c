/**
 * The key that makes a start request idempotent, written into the new EPIC as the same hidden
 * line `embark enroll` writes (`<!-- embark:enroll-key F-R -->`), so one lookup finds the issue
 * a request already opened. F marks the start API (all its issues share it); R is a hash of what
 * identifies the request, first of:
 * 1. the `Idempotency-Key` header (per repository);
 * 2. the record's external id (a deal id), given or mapped;
 * 3. the template and the customer: without a key, one onboarding per customer and template.
 * Pure.
 */
import { createHash } from 'node:crypto';
import { customerIdentity } from '../enroll/row-key.js';

export type KeySource = 'idempotency-key' | 'external-id' | 'customer';

const hash = (text: string, length: number): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);

/** The part every start API key shares (never a CSV file's: that namespace is another). */
export const START_KEY_PREFIX = hash('embark-start-api', 8);

/** The key of a request, and what it was made from. */
export function startKey(args: { idempotencyKey: string | null; externalId: string | null; template: string; customer: string }): { key: string; source: KeySource } {
  if (args.idempotencyKey !== null) return { key: `${START_KEY_PREFIX}-${hash(`idempotency\n${args.idempotencyKey}`, 16)}`, source: 'idempotency-key' };
  if (args.externalId !== null) return { key: `${START_KEY_PREFIX}-${hash(`external\n${args.externalId.trim()}`, 16)}`, source: 'external-id' };
  return { key: `${START_KEY_PREFIX}-${hash(`customer\n${args.template.trim().toLowerCase()}\n${customerIdentity(args.customer)}`, 16)}`, source: 'customer' };
}

/** A key as the poll route takes it back. */
export const START_KEY = /^[0-9a-f]{8}-[0-9a-f]{16}$/;

/** `Idempotency-Key` as the IETF draft has it: a short printable string. Null when absent; an error text when unusable. */
export function readIdempotencyKey(header: string | string[] | undefined): { ok: true; key: string | null } | { ok: false; detail: string } {
  if (header === undefined) return { ok: true, key: null };
  const value = (Array.isArray(header) ? header.join(',') : header).trim().replace(/^"(.*)"$/, '$1');
  if (value === '') return { ok: false, detail: 'is empty; send a unique string per onboarding (a UUID), or leave the header out' };
  if (value.length > 255 || !/^[\x21-\x7e]+$/.test(value)) return { ok: false, detail: 'must be 1 to 255 printable ASCII characters without spaces (a UUID works)' };
  return { ok: true, key: value };
}
