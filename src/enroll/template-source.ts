/**
 * The template rows are enrolled with: a local file, or a template of the repository
 * (`.github/ISSUE_TEMPLATE/*.md`, read through the contents API), or one of Embark's bundled
 * templates, matched by file name or template name the way `/onboard` matches them.
 */
import type { Octokit } from '@octokit/rest';
import { loadBundledTemplates } from '../bundled-templates.js';
import { TEMPLATE_DIR, type TemplateSource } from '../github/load-repo-setup.js';
import type { RepoRef } from '../github/octokit.js';
import { parseTemplate } from '../template/index.js';
import { findTemplate } from '../template/select.js';

/** Why no template can be used: one message saying what to do. */
export class TemplateChoiceError extends Error {
  override readonly name = 'TemplateChoiceError';
}

/** The repository's markdown issue templates; none when the folder does not exist. */
export async function repoTemplates(octokit: Octokit, ref: RepoRef): Promise<TemplateSource[]> {
  let entries: { name: string; path: string; type: string }[];
  try {
    const { data } = await octokit.rest.repos.getContent({ ...ref, path: TEMPLATE_DIR });
    entries = Array.isArray(data) ? data : [];
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
  const markdown = entries.filter((e) => e.type === 'file' && /\.md$/i.test(e.name));
  return Promise.all(
    markdown.map(async (e) => {
      const { data } = await octokit.rest.repos.getContent({ ...ref, path: e.path, mediaType: { format: 'raw' } });
      const source = String(data);
      return { file: e.path, source, result: parseTemplate(source, { file: e.path }) };
    }),
  );
}

/** Pick the one template `wanted` names among `templates`, or explain why none can be used. */
export function chooseTemplate(templates: TemplateSource[], wanted: string): TemplateSource {
  const found = findTemplate(templates, wanted);
  const short = (t: TemplateSource) => (t.file.split(/[/:]/).pop() ?? '').replace(/\.md$/i, '');
  if (found.length === 0) {
    const names = templates.map(short).join(', ') || 'none';
    throw new TemplateChoiceError(`no template matches "${wanted}" (templates: ${names}); name one, or give the path of a template file`);
  }
  const exact = found.length === 1 ? found[0]! : found.find((t) => short(t).toLowerCase() === wanted.toLowerCase().replace(/\.md$/i, ''));
  if (!exact) throw new TemplateChoiceError(`"${wanted}" matches several templates (${found.map((t) => t.file).join(', ')}); name one exactly`);
  return exact;
}

/** Check that the app will start onboardings from issues opened with this template. */
export function checkUsable(source: TemplateSource): void {
  const { result } = source;
  if (!result.ok || !result.template) {
    const first = result.errors[0];
    throw new TemplateChoiceError(`${source.file} has errors${first ? ` (line ${first.line}: ${first.message})` : ''}; run "embark validate ${source.file}"`);
  }
  if (!result.template.titlePrefix) {
    throw new TemplateChoiceError(`${source.file}: the title "${result.template.title}" has no fixed text before %customer%, so Embark cannot tell its issues from others; give it a prefix such as "[Onboarding] %customer%"`);
  }
}

/** Load and pick the template: `readLocal` returns the file's text when `wanted` is a local file, else null. */
export async function loadTemplate(args: {
  wanted: string;
  readLocal: (path: string) => Promise<string | null>;
  octokit: Octokit | null;
  ref: RepoRef;
}): Promise<TemplateSource> {
  // Fails with 404 when the repository does not exist or the token cannot see it.
  if (args.octokit) {
    const { data } = await args.octokit.rest.repos.get({ owner: args.ref.owner, repo: args.ref.repo });
    if (data.has_issues === false) throw new TemplateChoiceError(`${data.full_name} has issues turned off; turn them on in its settings`);
  }
  const local = await args.readLocal(args.wanted);
  let source: TemplateSource;
  if (local !== null) {
    source = { file: args.wanted, source: local, result: parseTemplate(local, { file: args.wanted }) };
  } else {
    const inRepo = args.octokit ? await repoTemplates(args.octokit, args.ref) : [];
    // Repository templates first: the app prefers them too.
    const bundled = loadBundledTemplates().filter((b) => !inRepo.some((r) => r.file.split('/').pop() === b.file.split(':').pop()));
    source = chooseTemplate([...inRepo, ...bundled], args.wanted);
  }
  checkUsable(source);
  return source;
}
