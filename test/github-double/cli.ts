/**
 * `npm run dev:github`: run the double on PORT (default 3001) with a demo repository, forwarding webhooks to
 * WEBHOOK_URL (default http://localhost:3000/api/github/webhooks).
 *
 * Env: DEMO_REPO (owner/name, default acme/onboarding; or the first argument), DEMO_COLLABORATORS
 * (`alice:admin,bob:write`), DEMO_FILES_DIR (a folder whose files become the repo's files), WEBHOOK_SECRET
 * (default test-secret), LATENCY_MS.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { startGitHubDouble } from './double.js';
import type { Permission } from './types.js';

function filesUnder(dir: string, root = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path, root));
    else files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return files;
}

function collaborators(spec: string): Record<string, Permission> {
  return Object.fromEntries(
    spec
      .split(',')
      .map((pair) => pair.trim().split(':'))
      .filter(([login]) => login)
      .map(([login, role]) => [login!, (role ?? 'write') as Permission]),
  );
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3001);
  const webhookUrl = process.env.WEBHOOK_URL ?? 'http://localhost:3000/api/github/webhooks';
  const secret = process.env.WEBHOOK_SECRET ?? 'test-secret';
  const fullName = process.argv[2] ?? process.env.DEMO_REPO ?? 'acme/onboarding';
  const [owner, name] = fullName.split('/');
  if (!owner || !name) throw new Error(`DEMO_REPO must look like owner/name, got "${fullName}"`);
  const double = await startGitHubDouble({
    port,
    webhook: { url: webhookUrl },
    webhookSecret: secret,
    latencyMs: Number(process.env.LATENCY_MS ?? 0),
  });
  double.addRepo({
    owner,
    name,
    collaborators: collaborators(process.env.DEMO_COLLABORATORS ?? 'alice:admin,bob:write'),
    files: process.env.DEMO_FILES_DIR ? filesUnder(process.env.DEMO_FILES_DIR) : {},
  });
  const host = `127.0.0.1:${double.port}`;
  console.log(`GitHub double on ${double.url} (REST ${double.apiUrl}, GraphQL ${double.graphqlUrl})`);
  console.log(`Demo repository ${fullName}; webhooks go to ${webhookUrl} signed with "${secret}"`);
  console.log('Point Probot at it with:');
  console.log(`  GHE_HOST=${host} GHE_PROTOCOL=http APP_ID=1 WEBHOOK_SECRET=${secret} PRIVATE_KEY="<any RSA key>" npm start`);
  console.log(`Open an issue as a person: curl -X POST -H 'authorization: token ${double.tokenFor('alice')}' \\`);
  console.log(`  ${double.apiUrl}/repos/${fullName}/issues -d '{"title":"[Managed Services Onboarding] Contoso"}'`);
  const stop = () => {
    void double.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
