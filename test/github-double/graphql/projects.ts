/**
 * Projects (v2) over GraphQL: `organization(login)`, `user(login)` and `repositoryOwner(login)`
 * with `projectV2(number)`, the project's fields and items with their values, and the three
 * mutations an item sync uses (`addProjectV2ItemById`, `updateProjectV2ItemFieldValue`,
 * `clearProjectV2ItemFieldValue`). The app's access is checked where GitHub checks it: reading a
 * project, and every mutation.
 */
import { GraphQLDomainError } from '../errors.js';
import type { ProjectFieldRecord, ProjectItemRecord, ProjectRecord, ProjectValueInput } from '../project-ops.js';
import type { UserRecord } from '../types.js';
import { type ConnectionArgs, connection } from './connection.js';
import { actorView, type GqlContext, issueView, repoView } from './views.js';

type View = Record<string, unknown>;
type Input = Record<string, unknown> & { clientMutationId?: string };

function fieldView(field: ProjectFieldRecord): View {
  const common = { id: field.id, name: field.name, dataType: field.dataType, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', databaseId: null };
  if (field.dataType !== 'SINGLE_SELECT') return { __typename: 'ProjectV2Field', ...common };
  return {
    __typename: 'ProjectV2SingleSelectField',
    ...common,
    options: field.options.map((o) => ({ __typename: 'ProjectV2SingleSelectFieldOption', id: o.id, name: o.name, nameHTML: o.name, color: 'GRAY', description: '', descriptionHTML: '' })),
  };
}

function valueView(field: ProjectFieldRecord, value: string | number, item: ProjectItemRecord): View {
  const common = { id: `${item.id}:${field.id}`, field: fieldView(field), createdAt: item.created_at, updatedAt: item.updated_at };
  if (field.dataType === 'DATE') return { __typename: 'ProjectV2ItemFieldDateValue', ...common, date: value };
  if (field.dataType === 'NUMBER') return { __typename: 'ProjectV2ItemFieldNumberValue', ...common, number: value };
  if (field.dataType === 'SINGLE_SELECT') {
    const option = field.options.find((o) => o.id === value);
    return { __typename: 'ProjectV2ItemFieldSingleSelectValue', ...common, optionId: value, name: option?.name ?? null, nameHTML: option?.name ?? null, color: 'GRAY' };
  }
  return { __typename: 'ProjectV2ItemFieldTextValue', ...common, text: value };
}

function itemView(ctx: GqlContext, project: ProjectRecord, item: ProjectItemRecord): View {
  const issue = ctx.store.issueById(item.issueId);
  // The built-in Title comes from the issue; the others in the project's field order.
  const values = () =>
    project.fields.flatMap((f) => {
      const value = f.builtIn ? issue?.title : item.values.get(f.id);
      return value === undefined ? [] : [valueView(f, value, item)];
    });
  return {
    __typename: 'ProjectV2Item',
    id: item.id,
    type: issue ? 'ISSUE' : 'REDACTED',
    isArchived: false,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    content: () => (issue ? issueView(ctx, issue) : null),
    fieldValues: (args: ConnectionArgs) => connection(values(), args, 'fieldValues'),
    fieldValueByName: (args: { name: string }) => values().find((v) => ((v.field as View).name as string).toLowerCase() === args.name.toLowerCase()) ?? null,
    project: () => projectView(ctx, project),
  };
}

function projectView(ctx: GqlContext, project: ProjectRecord): View {
  return {
    __typename: 'ProjectV2',
    id: project.id,
    number: project.number,
    title: project.title,
    closed: false,
    public: false,
    url: `${ctx.serializer.webUrl}/orgs/${project.owner}/projects/${project.number}`,
    resourcePath: `/orgs/${project.owner}/projects/${project.number}`,
    createdAt: project.created_at,
    updatedAt: project.created_at,
    fields: (args: ConnectionArgs) => connection(project.fields.map(fieldView), args, 'fields'),
    field: (args: { name: string }) => {
      const f = project.fields.find((x) => x.name.toLowerCase() === args.name.toLowerCase());
      return f ? fieldView(f) : null;
    },
    items: (args: ConnectionArgs) => connection(project.items.map((i) => itemView(ctx, project, i)), args, 'items'),
  };
}

/** An account with its projects: `projectV2(number)` answers FORBIDDEN when the app may not read projects. */
function ownerView(ctx: GqlContext, user: UserRecord): View {
  return {
    ...actorView(ctx, user),
    // The account's repositories, oldest first (GitHub's default order is by creation).
    repositories: (args: ConnectionArgs) => {
      const mine = [...ctx.store.repos.values()].filter((r) => r.owner.login.toLowerCase() === user.login.toLowerCase());
      return { ...connection(mine.map((r) => repoView(ctx, r)), args, 'repositories'), totalDiskUsage: 0 };
    },
    projectV2: (args: { number: number }) => {
      ctx.store.projects.check(ctx.viewer, 'read');
      const project = ctx.store.projects.find(user.login, args.number);
      if (!project) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a ProjectV2 with the number ${args.number}.`);
      return projectView(ctx, project);
    },
  };
}

/** Root query fields for accounts with projects (they replace the plain `user` lookup). */
export const projectQueries = {
  organization: (args: { login: string }, ctx: GqlContext) => {
    const user = ctx.store.findUser(args.login);
    if (user?.type !== 'Organization') throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to an Organization with the login of '${args.login}'.`);
    return ownerView(ctx, user);
  },
  user: (args: { login: string }, ctx: GqlContext) => {
    const user = ctx.store.findUser(args.login);
    if (user?.type !== 'User') throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a User with the login of '${args.login}'.`);
    return ownerView(ctx, user);
  },
  /** GitHub answers null (no error) for an unknown login here. */
  repositoryOwner: (args: { login: string }, ctx: GqlContext) => {
    const user = ctx.store.findUser(args.login);
    return user && user.type !== 'Bot' ? ownerView(ctx, user) : null;
  },
};

function issueOf(ctx: GqlContext, id: unknown): number {
  const ref = ctx.store.nodes.get(String(id));
  const issue = ref?.kind === 'issue' ? ctx.store.issueById(Number(ref.key)) : undefined;
  if (!issue) throw new GraphQLDomainError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
  return issue.id;
}

/** Mutation resolvers for the root value. */
export const projectMutations: Record<string, (args: { input: Input }, ctx: GqlContext) => Record<string, unknown>> = {
  addProjectV2ItemById: ({ input }, ctx) => {
    const board = ctx.store.projects;
    board.check(ctx.viewer, 'write');
    const project = board.byId(input.projectId);
    const item = board.addItem(project, issueOf(ctx, input.contentId), ctx.store.clock.iso());
    return { clientMutationId: input.clientMutationId ?? null, item: itemView(ctx, project, item) };
  },

  updateProjectV2ItemFieldValue: ({ input }, ctx) => {
    const board = ctx.store.projects;
    board.check(ctx.viewer, 'write');
    const project = board.byId(input.projectId);
    const item = board.item(project, input.itemId);
    board.setValue(item, board.field(project, input.fieldId), (input.value ?? {}) as ProjectValueInput, ctx.store.clock.iso());
    return { clientMutationId: input.clientMutationId ?? null, projectV2Item: itemView(ctx, project, item) };
  },

  clearProjectV2ItemFieldValue: ({ input }, ctx) => {
    const board = ctx.store.projects;
    board.check(ctx.viewer, 'write');
    const project = board.byId(input.projectId);
    const item = board.item(project, input.itemId);
    board.clearValue(item, board.field(project, input.fieldId), ctx.store.clock.iso());
    return { clientMutationId: input.clientMutationId ?? null, projectV2Item: itemView(ctx, project, item) };
  },
};
