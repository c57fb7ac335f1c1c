/**
 * `embark preview FILE --customer NAME [--config FILE] [--json]`: the EPIC and the stage issues
 * Embark would create for a customer, rendered with the app's own renderers. Offline: issue
 * numbers are examples (the EPIC is #1, its stages follow).
 */
import { defaultConfig, type EmbarkConfig } from '../config.js';
import { ownersByRole } from '../onboarding/start.js';
import { renderStageIssue } from '../render/stage-issue.js';
import { parseIssueBody, renderTitle } from '../template/index.js';
import { parseTemplateFile } from '../template/template-file.js';
import type { Template } from '../template/model.js';
import { parseCommandArgs } from './args.js';
import { readConfigText } from './config-file.js';
import { readNamedFile } from './files.js';
import type { CliIo } from './io.js';
import { diagnosticLines } from './report.js';
import { EXIT, UsageError } from './usage.js';

/** One issue as Embark would create it. */
export interface PreviewIssue {
  number: number;
  title: string;
  labels: string[];
  assignees: string[];
  body: string;
}

/** Everything `preview` shows. */
export interface Preview {
  template: { file: string; name: string; version: string | null };
  customer: string;
  config: string | null;
  epic: PreviewIssue;
  stages: (PreviewIssue & { key: string })[];
}

/** The issues Embark would create for `customer` from a parsed template. Pure. */
export function buildPreview(input: {
  file: string;
  template: Template;
  customer: string;
  config: EmbarkConfig;
  configFile: string | null;
}): Preview {
  const { template, config, customer } = input;
  // The EPIC starts as GitHub pre-fills it: the template's text after its front matter.
  const body = template.body ?? '';
  const epic: PreviewIssue = {
    number: 1,
    title: renderTitle(template, customer),
    labels: [...new Set([...template.labels, config.labels.epic])],
    assignees: template.assignees,
    body,
  };
  const owners = ownersByRole(template, config);
  // Stages come from the EPIC body, as the app reads them once the issue is open.
  const fromBody = parseIssueBody(body, template).template ?? template;
  const stages = fromBody.stages.map((stage, index) => ({
    key: stage.key,
    number: index + 2,
    ...renderStageIssue({
      template,
      stage,
      customer,
      epic: { number: epic.number, title: epic.title },
      owners,
      source: body,
      labels: [config.labels.stage, index === 0 ? config.labels.active : config.labels.pending],
    }),
  }));
  return {
    template: { file: input.file, name: template.name, version: template.version },
    customer,
    config: input.configFile,
    epic,
    stages,
  };
}

const list = (values: string[], mention = false) =>
  values.length === 0 ? 'none' : values.map((v) => (mention ? `@${v}` : `\`${v}\``)).join(', ');

/** The preview as markdown a person can read (or paste into an issue to see it rendered). */
export function previewMarkdown(preview: Preview): string {
  const section = (kind: string, issue: PreviewIssue) =>
    [
      `## ${kind} #${issue.number}: ${issue.title}`,
      '',
      `Labels: ${list(issue.labels)} · Assignees: ${list(issue.assignees, true)}`,
      '',
      issue.body.trimEnd(),
      '',
    ].join('\n');
  const version = preview.template.version ? ` ${preview.template.version}` : '';
  const head = [
    `# Preview: onboarding of ${preview.customer}`,
    '',
    `Template “${preview.template.name}”${version} (${preview.template.file}), ` +
      `roles from ${preview.config ?? 'no config (defaults)'}. ` +
      `${preview.stages.length} stage issue${preview.stages.length === 1 ? '' : 's'}; issue numbers are examples.`,
    '',
  ].join('\n');
  return [head, section('EPIC', preview.epic), ...preview.stages.map((s) => section('Stage issue', s))].join('\n---\n\n');
}

/** Run `preview` with the arguments after the command name. */
export async function previewCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('preview', args, {
    customer: { type: 'string', short: 'c' },
    config: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('preview: name exactly one template file');
  const customer = typeof values.customer === 'string' ? values.customer.trim() : '';
  if (customer === '') throw new UsageError('preview: say who the customer is with --customer NAME');
  const file = positionals[0]!;
  const source = await readNamedFile(io, file);
  let config = defaultConfig;
  const notes: string[] = [];
  const configFile = typeof values.config === 'string' ? values.config : null;
  if (configFile !== null) {
    const read = readConfigText(configFile, await readNamedFile(io, configFile));
    if (!read.ok) {
      io.stderr(`${read.errors.join('\n')}\n`);
      return EXIT.invalid;
    }
    config = read.config;
    notes.push(...read.notes);
  }
  // A form's settings are in the config's `forms:`, so the config is read first.
  const result = parseTemplateFile(file, source, config.forms);
  const problems = diagnosticLines(file, result);
  if (!result.ok || !result.template) {
    io.stderr(`${problems.join('\n')}\n`);
    return EXIT.invalid;
  }
  problems.push(...notes);
  if (problems.length > 0) io.stderr(`${problems.join('\n')}\n`);
  const preview = buildPreview({ file, template: result.template, customer, config, configFile });
  io.stdout(values.json === true ? `${JSON.stringify(preview, null, 2)}\n` : `${previewMarkdown(preview)}`);
  return EXIT.ok;
}
