/**
 * Reading `.github/onboarding.yml` offline, for `embark preview` and `embark validate --config`:
 * YAML with the same safe schema the app uses, validated with the app's schema; each problem
 * comes back as a `file:line:column: error: message` line at the key it is about.
 */
import yaml from 'js-yaml';
import { configSchema, type EmbarkConfig, parseConfig } from '../config.js';
import { yamlErrorPoint } from '../template/safe-yaml.js';
import { describeSettingsIssue } from '../template/settings-errors.js';
import { findKeyPoint } from '../template/yaml-lines.js';

export type ConfigFileResult = { ok: true; config: EmbarkConfig; notes: string[] } | { ok: false; errors: string[] };

const TOP_LEVEL_KEYS = Object.keys(configSchema.shape).join(', ');

/** One zod issue of the config, in words, at the key it is about. */
function issueLine(file: string, lines: string[], issue: Parameters<typeof describeSettingsIssue>[0], raw: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  // An unknown key is reported on its own line, not on its parent's.
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const { line, column } = findKeyPoint(lines, unknown.length > 0 ? [...path, unknown[0]!] : path);
  const where = path.length > 0 ? `\`${path.join('.')}\`: ` : '';
  const what =
    unknown.length > 0
      ? `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `\`${k}\``).join(', ')}${path.length === 0 ? `; allowed keys are ${TOP_LEVEL_KEYS}` : ''}`
      : describeSettingsIssue(issue, raw);
  return `${file}:${line}:${column}: error: ${where}${what}`;
}

/** Validate the text of a config file named `file`. */
export function readConfigText(file: string, text: string): ConfigFileResult {
  const lines = text.split('\n');
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof yaml.YAMLException)) throw error;
    const { row, column } = yamlErrorPoint(text, error);
    return { ok: false, errors: [`${file}:${row + 1}:${column + 1}: error: not valid YAML: ${error.reason ?? error.message}`] };
  }
  const notes: string[] = [];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && '_extends' in raw) {
    const { _extends, ...rest } = raw as Record<string, unknown>;
    notes.push(`${file}: note: _extends (${String(_extends)}) is read by the app, not offline; this check uses ${file} alone`);
    raw = rest;
  }
  const shaped = configSchema.safeParse(raw ?? {});
  if (!shaped.success) return { ok: false, errors: shaped.error.issues.map((issue) => issueLine(file, lines, issue, raw)) };
  // The app's own check also asks the calendar whether the zone, country and dates are real.
  const result = parseConfig(raw);
  if (!result.ok) {
    const { line, column } = findKeyPoint(lines, ['calendar']);
    return { ok: false, errors: result.errors.map((e) => `${file}:${line}:${column}: error: \`calendar\`: ${e}`) };
  }
  return { ok: true, config: result.config, notes };
}
