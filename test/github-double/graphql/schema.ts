/** GitHub's GraphQL schema (from @octokit/graphql-schema) and the rule that hides sub-issues on old servers. */
import { readFileSync } from 'node:fs';
import { type ASTVisitor, buildSchema, type FieldNode, GraphQLError, type GraphQLSchema, getNamedType, type ValidationContext } from 'graphql';
import { packageFile } from '../package-file.js';

/** Built once per process (~250 ms): the schema never changes. */
let cached: GraphQLSchema | null = null;

/** The schema. The SDL defines a few fields twice, so it is built without SDL validation. */
export function githubSchema(): GraphQLSchema {
  if (!cached) {
    const file = packageFile('@octokit/graphql-schema', 'schema.graphql');
    cached = buildSchema(`${readFileSync(file, 'utf8')}\n${DEPENDENCIES_SDL}`, { assumeValidSDL: true });
  }
  return cached;
}

/**
 * Issue dependencies (GA 2025-08) and issue types, missing from @octokit/graphql-schema 15.26:
 * added as GitHub's GraphQL reference describes them (`addBlockedBy` / `removeBlockedBy` with
 * `issueId` and `blockingIssueId`, payload `issue` and `blockingIssue`; `Issue.blockedBy` /
 * `Issue.blocking`; `issueTypeId` on `CreateIssueInput` and `UpdateIssueInput`, `Issue.issueType`).
 */
const DEPENDENCIES_SDL = `
input AddBlockedByInput { blockingIssueId: ID! clientMutationId: String issueId: ID! }
type AddBlockedByPayload { blockingIssue: Issue clientMutationId: String issue: Issue }
input RemoveBlockedByInput { blockingIssueId: ID! clientMutationId: String issueId: ID! }
type RemoveBlockedByPayload { blockingIssue: Issue clientMutationId: String issue: Issue }
extend type Mutation {
  addBlockedBy(input: AddBlockedByInput!): AddBlockedByPayload
  removeBlockedBy(input: RemoveBlockedByInput!): RemoveBlockedByPayload
}
extend type Issue {
  blockedBy(after: String, before: String, first: Int, last: Int): IssueConnection!
  blocking(after: String, before: String, first: Int, last: Int): IssueConnection!
  issueType: IssueType
}
type IssueType implements Node { description: String id: ID! isEnabled: Boolean! name: String! }
extend input CreateIssueInput { issueTypeId: ID }
extend input UpdateIssueInput { issueTypeId: ID }
`;

const HIDDEN_FIELDS: Record<string, string[]> = {
  Issue: ['subIssues', 'subIssuesSummary', 'parent'],
  Mutation: ['addSubIssue', 'removeSubIssue', 'reprioritizeSubIssue'],
};

/** What a server without issue dependencies (older GHES) lacks. */
const DEPENDENCY_FIELDS: Record<string, string[]> = {
  Issue: ['blockedBy', 'blocking'],
  Mutation: ['addBlockedBy', 'removeBlockedBy'],
};

/** A `Field` visitor that reports the given fields as missing, in GitHub's words for unknown fields. */
function missingFields(context: ValidationContext, hidden: Record<string, string[]>): (node: FieldNode) => void {
  return (node) => {
    const parent = context.getParentType();
    const name = node.name.value;
    if (parent && hidden[parent.name]?.includes(name)) {
      context.reportError(
        new GraphQLError(`Field '${name}' doesn't exist on type '${parent.name}'`, {
          nodes: node,
          extensions: { code: 'undefinedField', typeName: parent.name, fieldName: name },
        }),
      );
    }
  };
}

/** Validation rule for `dependencies: false`: the dependency fields do not exist. */
export function withoutDependencies(context: ValidationContext): ASTVisitor {
  return { Field: missingFields(context, DEPENDENCY_FIELDS) };
}

/**
 * Validation rule for `subIssues: false`: the sub-issue fields and `CreateIssueInput.parentIssueId` do not
 * exist, with GitHub's wording for unknown fields and arguments.
 */
export function withoutSubIssues(context: ValidationContext): ASTVisitor {
  return {
    Field: missingFields(context, HIDDEN_FIELDS),
    ObjectField(node) {
      const parent = context.getParentInputType();
      if (parent && getNamedType(parent).name === 'CreateIssueInput' && node.name.value === 'parentIssueId') {
        context.reportError(
          new GraphQLError("InputObject 'CreateIssueInput' doesn't accept argument 'parentIssueId'", {
            nodes: node,
            extensions: { code: 'argumentNotAccepted', name: 'CreateIssueInput', typeName: 'InputObject', argumentName: 'parentIssueId' },
          }),
        );
      }
    },
  };
}
