/**
 * What the GitHub Action's run takes from the environment the Actions runner gives it (read once,
 * by the entry): the event (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`), the repository, the API's
 * address and the token; `EMBARK_BOT_LOGIN` names who the token writes as. The rest (deadlines,
 * retries, the repair window) are the app's own settings (`settings.ts`).
 */
import { z } from 'zod';

export interface ActionSettings {
  /** `GITHUB_TOKEN`: the workflow's token, or the one the workflow passes as `token`. */
  token: string;
  /** `GITHUB_API_URL`; GitHub.com's when unset. */
  apiUrl: string;
  eventName: string;
  eventPath: string;
  repository: { owner: string; repo: string };
  /** `GITHUB_RUN_ID`-`GITHUB_RUN_ATTEMPT`, to name the run in notices. */
  runId: string;
  /** `EMBARK_BOT_LOGIN`: whose events are Embark's own (the token's login: a bot's, or a person's for a personal token); `github-actions[bot]` (the `GITHUB_TOKEN`'s) by default. */
  self: string;
}

/** The login `GITHUB_TOKEN` writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

const required = (name: string, hint: string) => z.string({ error: `${name} is not set: ${hint}` }).trim().min(1, `${name} is empty: ${hint}`);

const schema = z.object({
  GITHUB_TOKEN: required('GITHUB_TOKEN', 'run Embark through its action (uses: <owner>/embark/run@v1), which passes the workflow\'s token, or set it in the step\'s env'),
  GITHUB_EVENT_NAME: required('GITHUB_EVENT_NAME', 'Embark\'s action runs inside a GitHub Actions workflow'),
  GITHUB_EVENT_PATH: required('GITHUB_EVENT_PATH', 'Embark\'s action runs inside a GitHub Actions workflow'),
  GITHUB_REPOSITORY: z.string({ error: 'GITHUB_REPOSITORY is not set' }).regex(/^[^/\s]+\/[^/\s]+$/, 'GITHUB_REPOSITORY must be owner/name'),
  GITHUB_API_URL: z.url({ protocol: /^https?$/, error: 'GITHUB_API_URL is not an http(s) URL' }).optional(),
  GITHUB_RUN_ID: z.string().optional(),
  GITHUB_RUN_ATTEMPT: z.string().optional(),
  EMBARK_BOT_LOGIN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, 'EMBARK_BOT_LOGIN must be a login, e.g. github-actions[bot] or my-app[bot]')
    .optional()
    .or(z.literal('')),
});

export type ActionSettingsResult = { ok: true; settings: ActionSettings } | { ok: false; errors: string[] };

/** Read the run's settings; each problem is one line saying what to set. */
export function readActionSettings(env: NodeJS.ProcessEnv): ActionSettingsResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const e = parsed.data;
  const [owner, repo] = e.GITHUB_REPOSITORY.split('/') as [string, string];
  return {
    ok: true,
    settings: {
      token: e.GITHUB_TOKEN,
      apiUrl: (e.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
      eventName: e.GITHUB_EVENT_NAME,
      eventPath: e.GITHUB_EVENT_PATH,
      repository: { owner, repo },
      runId: `run-${e.GITHUB_RUN_ID ?? 'local'}-${e.GITHUB_RUN_ATTEMPT ?? '1'}`,
      self: e.EMBARK_BOT_LOGIN ? e.EMBARK_BOT_LOGIN : ACTIONS_BOT,
    },
  };
}
