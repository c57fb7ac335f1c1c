/**
 * Escalation steps that would mention nobody. The app resolves each `notify` entry when it
 * escalates: `owners` to the stage's owners, `@name` to that person or team, anything else to the
 * people behind the role of that name (case aside). A role with nobody behind it is not an
 * error the app can see (people may be given it with `/assign` later), so these are warnings:
 * an escalation that reaches nobody is silent exactly when it matters.
 */
import type { EmbarkConfig } from '../config.js';
import { nearestName } from '../template/near-miss.js';
import { findKeyPoint } from '../template/yaml-lines.js';

/** What the check reads. */
export interface EscalationInput {
  file: string;
  /** The config file's lines, to point at each entry. */
  lines: string[];
  config: EmbarkConfig;
  /** Roles of the templates checked in the same run; null when none were. */
  templateRoles: string[] | null;
}

/** `file:line:column: warning: message` lines, one per entry that names nobody. */
export function escalationWarnings({ file, lines, config, templateRoles }: EscalationInput): string[] {
  const out: string[] = [];
  const staffed = Object.entries(config.roles).filter(([, people]) => people.length > 0).map(([role]) => role);
  const lower = (s: string) => s.toLowerCase();
  config.escalation.forEach((step, i) => {
    step.notify.forEach((entry, j) => {
      const problem = nobodyIn(entry);
      if (!problem) return;
      const { line, column } = findKeyPoint(lines, ['escalation', i, 'notify', j]);
      out.push(`${file}:${line}:${column}: warning: \`escalation.${i}.notify\`: ${problem}`);
    });
  });
  return out;

  function nobodyIn(entry: string): string | null {
    if (entry === 'owners') return null;
    if (lower(entry) === 'owners') return `\`${entry}\` is read as a role name; write \`owners\` in lower case for the stage's owners.`;
    if (entry.startsWith('@')) return /^@[\w-]+(\/[\w.-]+)?$/.test(entry) ? null : `\`${entry}\` is not a GitHub user or team: write \`@login\` or \`@org/team\`.`;
    if (staffed.some((r) => lower(r) === lower(entry))) return null;
    const inConfig = Object.keys(config.roles).find((r) => lower(r) === lower(entry));
    if (inConfig) return `no one is listed for \`${inConfig}\` under \`roles:\`, so this step mentions nobody unless someone is given the role with \`/assign\`.`;
    const inTemplates = templateRoles?.find((r) => lower(r) === lower(entry));
    if (inTemplates) return `no one is listed for \`${inTemplates}\` under \`roles:\`, so this step mentions nobody unless someone is given the role with \`/assign\`.`;
    const known = [...Object.keys(config.roles), ...(templateRoles ?? [])];
    const near = nearestName(entry, [...known, 'owners']);
    const hint = near ? ` Did you mean \`${near}\`?` : ` Write \`owners\`, a role${known.length > 0 ? ` (${[...new Set(known)].join(', ')})` : ''}, \`@login\` or \`@org/team\`.`;
    const scope = templateRoles === null ? 'is not a role under `roles:`' : 'is not a role under `roles:` nor in any template checked';
    return `\`${entry}\` ${scope}, so it names nobody.${hint}`;
  }
}
