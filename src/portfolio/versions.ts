/**
 * Which template version each onboarding runs, counted (pure): one line per template, version
 * and fingerprint, so a manager sees how many onboardings still run an old checklist before
 * `embark upgrade`. Two lines with the same version and different fingerprints mean the template
 * changed without its version being raised.
 */
import type { OnboardingRow } from './row.js';

export interface TemplateVersionCount {
  template: string;
  version: string | null;
  fingerprint: string | null;
  /** Onboardings in the report on this version. */
  onboardings: number;
  /** Of those, the ones still open (active, blocked or overdue): the ones an upgrade would change. */
  open: number;
}

const OPEN = new Set(['active', 'blocked', 'overdue']);

/** Counts per template, version and fingerprint, by template name, then version (unknown last). */
export function templateVersions(rows: Pick<OnboardingRow, 'template' | 'templateVersion' | 'templateFingerprint' | 'status'>[]): TemplateVersionCount[] {
  const counts = new Map<string, TemplateVersionCount>();
  for (const row of rows) {
    const key = JSON.stringify([row.template, row.templateVersion, row.templateFingerprint]);
    const entry = counts.get(key) ?? { template: row.template, version: row.templateVersion, fingerprint: row.templateFingerprint, onboardings: 0, open: 0 };
    entry.onboardings++;
    if (OPEN.has(row.status)) entry.open++;
    counts.set(key, entry);
  }
  const text = (v: string | null) => v ?? '\uffff';
  return [...counts.values()].sort(
    (a, b) => a.template.localeCompare(b.template) || text(a.version).localeCompare(text(b.version)) || text(a.fingerprint).localeCompare(text(b.fingerprint)),
  );
}

/** `v2026.11 (3fa9c2d1e0b4)`, `v2026.11`, `(3fa9c2d1e0b4)` or `unknown`: how reports name a version. */
export function versionLabel(version: string | null, fingerprint: string | null): string {
  if (version && fingerprint) return `${version} (${fingerprint})`;
  return version ?? (fingerprint ? `(${fingerprint})` : 'unknown');
}
