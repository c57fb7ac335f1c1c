/** Small HTTP pieces of the start API: the raw body with a size limit, JSON and problem answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Problem } from '../../start-api/problem.js';

/** The largest body taken: a start request is a few kilobytes; HubSpot's full deal record fits. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The raw body, or null when it is larger than `limit` (the rest is not read). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function sendProblem(res: ServerResponse, p: Problem, headers: Record<string, string> = {}): void {
  res.writeHead(p.status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(p));
}
