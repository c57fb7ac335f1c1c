/**
 * The CLI's help text, and the error every usage mistake ends in (exit code 2).
 */

/** Exit codes: 0 all good, 1 a template or config is invalid, 2 the command line is wrong. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export const USAGE = `Usage: embark <command> [options]
(the embark command of the npm package @embark-onboarding/embark)

Commands:
  validate [PATH...] [--config FILE]
                               Check onboarding templates: files, or folders of *.md files
                               and issue forms (*.yml)
                               (other issue templates found in folders are skipped)
      -r, --recursive          Also look in sub-folders (not node_modules, .git or dist)
      --config FILE            Also check the repository config (.github/onboarding.yml)
      --strict                 Treat warnings as errors
  parse [--json] FILE...       Show what Embark reads from templates (--json: one JSON array)
  preview FILE --customer NAME [--config FILE] [--json]
                               Show the EPIC and stage issues Embark would create; offline
  report (--repo OWNER/REPO... | --org ORG) [--json|--csv|--markdown] [--since DATE] [--api-url URL]
                               Every onboarding with its status and the KPIs, read from GitHub
                               with GITHUB_TOKEN or GH_TOKEN (GITHUB_API_URL for GHES)
  enroll FILE.csv --repo OWNER/REPO --template NAME_OR_FILE
         [--rate N/min] [--dry-run] [--out FILE] [--api-url URL]
                               Open one onboarding issue per CSV row, paced under GitHub's
                               limits; rerun after a stop to go on (nothing is created twice)
  upgrade --repo OWNER/REPO --template NAME [--dry-run] [--rate N/min] [--api-url URL]
                               Bring the running onboardings of a template to its current
                               version: shows what changes per onboarding, then asks the app
                               (one /upgrade confirm each, paced); rerun after a stop to go on
  help                         Show this help

Options:
  -h, --help                   Show this help
  -v, --version                Show Embark's version

Examples:
  embark validate .github/ISSUE_TEMPLATE --config .github/onboarding.yml
  npx @embark-onboarding/embark validate -r .github
  embark preview .github/ISSUE_TEMPLATE/onboarding.md --customer "Contoso" --config .github/onboarding.yml
  embark enroll customers.csv --repo acme/onboarding --template managed-services --out results.csv
  embark report --org acme --since 2026-01-01 --json
  embark upgrade --repo acme/onboarding --template managed-services --dry-run
`;

/** A mistake on the command line: the message, then a pointer to the help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Prints a usage error the way every command does, and returns the exit code for it. */
export function reportUsage(stderr: (text: string) => void, error: UsageError): number {
  stderr(`embark: ${error.message}\nUsage: embark <command> [options]  (run "embark help" for details)\n`);
  return EXIT.usage;
}
