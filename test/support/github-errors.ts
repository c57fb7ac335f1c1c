/** Errors built the way Octokit throws them, for tests of what a failure means. */
import { RequestError } from '@octokit/request-error';

/** A `RequestError` as `@octokit/request` throws it for an HTTP answer (headers are lower-case). */
export function githubError(status: number, message: string, headers: Record<string, string> = {}): RequestError {
  return new RequestError(message, status, {
    request: { method: 'POST', url: 'https://api.github.com/graphql', headers: {} },
    response: { status, url: 'https://api.github.com/graphql', headers, data: { message } },
  });
}
