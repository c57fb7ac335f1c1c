/**
 * Reading `.github/onboarding.yml` offline for `embark preview`: YAML with the same safe schema
 * the app uses, validated with the app's `parseConfig`; problems come back as lines naming the
 * file and, where known, the line or the property path.
 */
import yaml from 'js-yaml';
import { type EmbarkConfig, parseConfig } from '../config.js';

export type ConfigFileResult = { ok: true; config: EmbarkConfig; notes: string[] } | { ok: false; errors: string[] };

/** Validate the text of a config file named `file`. */
export function readConfigText(file: string, text: string): ConfigFileResult {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: file });
  } catch (error) {
    const mark = (error as yaml.YAMLException).mark;
    const reason = (error as yaml.YAMLException).reason ?? (error as Error).message;
    const where = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
    return { ok: false, errors: [`${where}: error: not valid YAML: ${reason}`] };
  }
  const notes: string[] = [];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && '_extends' in raw) {
    const { _extends, ...rest } = raw as Record<string, unknown>;
    notes.push(`${file}: note: _extends (${String(_extends)}) is read by the app, not offline; this preview uses ${file} alone`);
    raw = rest;
  }
  const result = parseConfig(raw);
  if (!result.ok) return { ok: false, errors: result.errors.map((e) => `${file}: error: ${e}`) };
  return { ok: true, config: result.config, notes };
}
