/** The GitHub double: a real HTTP server standing in for github.com in tests and local runs. */
export { type DoubleOptions, GitHubDouble, startGitHubDouble } from './double.js';
export type { FaultHandle, FaultSpec } from './faults.js';
export type { Violation } from './http-pipeline.js';
export type { Counts, RequestLogEntry } from './metrics.js';
export type { OpenIssueInput } from './person-helpers.js';
export type { ProjectAccess, ProjectFieldInput, ProjectRecord } from './project-ops.js';
export type { AddRepoInput } from './store.js';
export type * from './types.js';
export type { DeliveryLogEntry, ReleaseOptions, WebhookCall, WebhookTarget } from './webhooks.js';
