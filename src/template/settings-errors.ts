/**
 * zod issues from the `onboarding:` block, in words a template author can act on.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

const NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a map of keys',
  record: 'a map of keys',
  boolean: 'true or false',
};

/** One line per issue: what was expected and what was found. */
export function describeSettingsIssue(issue: Issue, input: unknown): string {
  const found = valueAt(input, issue.path);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' && Number(issue.minimum) === 0 && !issue.inclusive)
        return `expected a positive integer, got ${describe(found)}`;
      if (issue.origin === 'string') return 'expected non-empty text';
      if (issue.origin === 'array') return `expected at least ${issue.minimum} entries`;
      return `expected at least ${issue.minimum}, got ${describe(found)}`;
    case 'invalid_type':
      return `expected ${NAMES[issue.expected] ?? issue.expected}, got ${describe(found)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}; allowed keys are roles, stages, due, target, optional, reminders, checkins, checkinItems, customerItems, customerFields`;
    case 'invalid_union':
      if (issue.path.at(-2) === 'roles') return 'expected a list of aliases, or `aliases:` and `description:`';
      return `${issue.message}, got ${describe(found)}`;
    default:
      return issue.message;
  }
}
