// The Graph v1.0 reads the directory makes, answered from the local model; anything else is a 400, as in Graph.

import type { Role } from '../../services/directory/directory.js';
import { ROLE_TEMPLATE_IDS, roleOfTemplate } from '../../services/directory/graph/roleTemplates.js';
import type { GraphUserJson, ModelTenant } from './localGraphModel.js';

export interface GraphAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface GraphContext {
  readonly tenant: ModelTenant | undefined;
  readonly tenantId: string;
  /** Raw (still encoded) path after /v1.0. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly consistencyLevel?: string;
  readonly model: ReadonlyMap<string, ModelTenant>;
  /** The absolute URL of the path, for next links. */
  readonly base: string;
}

/** Graph pages users 100 at a time unless asked for fewer. */
export const PAGE_SIZE = 100;
const USER = '#microsoft.graph.user';
const GROUP = '#microsoft.graph.group';
const ROLE = '#microsoft.graph.directoryRole';

const ok = (body: unknown): GraphAnswer => ({ status: 200, body });
const error = (status: number, code: string, message = code): GraphAnswer => ({
  status,
  body: { error: { code, message } },
});
const notFound = (): GraphAnswer => error(404, 'Request_ResourceNotFound');

export function answerGraph(c: GraphContext): GraphAnswer {
  const path = c.path;
  let m: RegExpExecArray | null;
  if (
    (m = /^\/tenantRelationships\/findTenantInformationByDomainName\(domainName='([^']*)'\)$/.exec(
      path,
    ))
  ) {
    const domain = decodeURIComponent(m[1] ?? '');
    return info([...c.model.values()].find((t) => t.domains.includes(domain)));
  }
  if (
    (m = /^\/tenantRelationships\/findTenantInformationByTenantId\(tenantId='([^']*)'\)$/.exec(
      path,
    ))
  ) {
    return info(c.model.get(m[1] ?? ''));
  }
  if (path === '/organization') {
    const t = c.tenant;
    const org = t
      ? {
          id: t.id,
          displayName: t.name,
          countryLetterCode: t.country,
          verifiedDomains: t.domains.map((name, i) => ({ name, isDefault: i === 0 })),
        }
      : {
          id: c.tenantId,
          displayName: 'SSP Bot Publisher',
          countryLetterCode: 'US',
          verifiedDomains: [],
        };
    return ok({ value: [select(org, c.query)] });
  }
  const t = c.tenant;
  if (!t) return error(403, 'Authorization_RequestDenied');
  if (path === '/users') return listUsers(t, c);
  if ((m = /^\/users\/([^/]+)$/.exec(path))) {
    const user = findUser(t, decodeURIComponent(m[1] ?? ''));
    return user ? ok(select(userJson(user), c.query)) : notFound();
  }
  if (
    (m = /^\/users\/([^/]+)\/transitiveMemberOf(\/microsoft\.graph\.directoryRole)?$/.exec(path))
  ) {
    const user = findUser(t, decodeURIComponent(m[1] ?? ''));
    if (!user) return notFound();
    const groups = t.groups.filter((g) => g.memberIds.includes(user.id));
    const roles = new Set<Role>(groups.flatMap((g) => g.roles));
    for (const [role, holders] of t.roleHolders) if (holders.includes(user.id)) roles.add(role);
    const roleObjects = [...roles].map((role) => ({
      '@odata.type': ROLE,
      id: `role-${ROLE_TEMPLATE_IDS[role]}`,
      displayName: role,
      roleTemplateId: ROLE_TEMPLATE_IDS[role],
    }));
    const groupObjects = groups.map((g) => ({
      '@odata.type': GROUP,
      id: g.id,
      displayName: g.displayName,
    }));
    return page(m[2] ? roleObjects : [...groupObjects, ...roleObjects], c);
  }
  if ((m = /^\/directoryRoles\(roleTemplateId='([^']*)'\)\/members$/.exec(path))) {
    const role = roleOfTemplate(m[1]);
    const direct = role ? (t.roleHolders.get(role) ?? []) : [];
    const groups = role ? t.groups.filter((g) => g.roles.includes(role)) : [];
    // A role nobody was ever given is not activated in the tenant: Graph has no such directoryRole.
    if (direct.length === 0 && groups.length === 0) return notFound();
    const users = direct.flatMap((id) => t.users.filter((u) => u.id === id));
    return page(
      [
        ...users.map((u) => ({ '@odata.type': USER, ...select(userJson(u), c.query) })),
        ...groups.map((g) => ({ '@odata.type': GROUP, id: g.id })),
      ],
      c,
    );
  }
  if ((m = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path))) {
    const group = t.groups.find((g) => g.id === decodeURIComponent(m![1] ?? ''));
    if (!group) return notFound();
    const users = t.users.filter((u) => group.memberIds.includes(u.id));
    return page(
      users.map((u) => select(userJson(u), c.query)),
      c,
    );
  }
  if (path === '/directory/subscriptions')
    return page(
      t.subscriptions.map((s) => select(s, c.query)),
      c,
    );
  if (path === '/directory/deletedItems/microsoft.graph.user') {
    const mail = /^mail eq '(.*)'$/.exec(c.query.$filter ?? '')?.[1]?.replace(/''/g, "'");
    if (mail === undefined) return error(400, 'Request_UnsupportedQuery');
    const found = t.deleted.filter((u) => u.mail?.toLowerCase() === mail.toLowerCase());
    return page(
      found.map((u) => ({ '@odata.type': USER, ...select(userJson(u), c.query) })),
      c,
    );
  }
  if ((m = /^\/directory\/deletedItems\/([^/]+)$/.exec(path))) {
    const user = t.deleted.find((u) => u.id === decodeURIComponent(m![1] ?? ''));
    return user ? ok({ '@odata.type': USER, ...select(userJson(user), c.query) }) : notFound();
  }
  return error(400, 'BadRequest', `The local Graph does not serve ${path}`);
}

function info(t: ModelTenant | undefined): GraphAnswer {
  if (!t) return notFound();
  return ok({
    tenantId: t.id,
    displayName: t.name,
    defaultDomainName: t.domains[0] ?? null,
    federationBrandName: null,
  });
}

/** By object id, or by UPN as Graph also accepts. */
function findUser(t: ModelTenant, key: string): GraphUserJson | undefined {
  return t.users.find(
    (u) => u.id === key || u.userPrincipalName.toLowerCase() === key.toLowerCase(),
  );
}

function userJson(u: GraphUserJson): Record<string, unknown> {
  const { skuIds, ...rest } = u;
  return { ...rest, assignedLicenses: skuIds.map((skuId) => ({ skuId })) };
}

function listUsers(t: ModelTenant, c: GraphContext): GraphAnswer {
  let users = t.users;
  const filter = c.query.$filter;
  if (filter !== undefined) {
    const byName = /^userPrincipalName eq '(.*)' or mail eq '(.*)'$/.exec(filter);
    const bySku = /^assignedLicenses\/any\(x:x\/skuId eq ([0-9a-f-]{36})\)$/.exec(filter);
    if (byName) {
      const name = (byName[1] ?? '').replace(/''/g, "'").toLowerCase();
      users = users.filter(
        (u) => u.userPrincipalName.toLowerCase() === name || u.mail?.toLowerCase() === name,
      );
    } else if (bySku) {
      users = users.filter((u) => u.skuIds.includes(bySku[1] ?? ''));
    } else {
      return error(400, 'Request_UnsupportedQuery', `Unsupported filter: ${filter}`);
    }
  }
  const search = c.query.$search;
  if (search !== undefined) {
    if (c.consistencyLevel !== 'eventual') {
      return error(
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    const terms = [...search.matchAll(/"(displayName|mail):([^"]*)"/g)].map(
      ([, field, text]) => [field as 'displayName' | 'mail', (text ?? '').toLowerCase()] as const,
    );
    if (terms.length === 0) return error(400, 'Request_UnsupportedQuery', 'Bad $search');
    users = users.filter((u) =>
      terms.some(([field, text]) => {
        const value = (field === 'mail' ? u.mail : u.displayName)?.toLowerCase() ?? '';
        return value.startsWith(text) || value.split(/[\s@._-]+/).some((w) => w.startsWith(text));
      }),
    );
  }
  return page(
    users.map((u) => select(userJson(u), c.query)),
    c,
  );
}

/** One page of `$top` (at most PAGE_SIZE) items from `$skiptoken`, with the next link when more remain. */
function page(items: readonly unknown[], c: GraphContext): GraphAnswer {
  const size = Math.min(Number(c.query.$top ?? PAGE_SIZE) || PAGE_SIZE, PAGE_SIZE);
  const from = Number(c.query.$skiptoken ?? 0);
  const value = items.slice(from, from + size);
  const body: Record<string, unknown> = { value };
  if (from + size < items.length) {
    const next = new URL(c.base);
    for (const [name, v] of Object.entries(c.query)) next.searchParams.set(name, v);
    next.searchParams.set('$skiptoken', String(from + size));
    body['@odata.nextLink'] = next.toString();
  }
  return ok(body);
}

/** Only the `$select`ed fields (and the type of a polymorphic item), as Graph does. */
function select(item: object, query: Readonly<Record<string, string>>): Record<string, unknown> {
  const fields = query.$select?.split(',');
  if (!fields) return { ...item };
  return Object.fromEntries(
    Object.entries(item).filter(([k]) => fields.includes(k) || k === '@odata.type'),
  );
}
