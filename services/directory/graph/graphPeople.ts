// Users and their directory roles from Graph: one user with its roles, sign-in names, the picker, role holders.

import { ROLES, type Role, type User } from '../directory.js';
import type { GraphClient } from './graphClient.js';
import { GraphUnavailableError, TenantNotConsentedError } from './graphErrors.js';
import {
  USER_FIELDS,
  directoryObjectSchema,
  directoryRoleSchema,
  graphUserSchema,
  type GraphUser,
} from './graphSchemas.js';
import { ROLE_TEMPLATE_IDS, roleOfTemplate } from './roleTemplates.js';
import { TtlCache } from './ttlCache.js';

/** Finds the tenant a guest's identity belongs to, by a domain of its address. */
export type HomeTenantFinder = (domain: string) => Promise<string | undefined>;

/** The holders of the five roles in one tenant, each with every one of those roles it holds. */
type RoleHolders = Map<string, { readonly user: GraphUser; readonly roles: Set<Role> }>;

const USER_ID = /^[\w.'-]{1,128}$/;
const SIGN_IN_NAME = /^[^\s@]{1,128}@[^\s@]{1,253}$/;

/**
 * User lookups. One user's roles come from `transitiveMemberOf/microsoft.graph.directoryRole`, so roles held
 * through a role-assignable group count; the picker and "who holds these roles" read each role's members once per
 * tenant instead of asking user by user. Lookups are cached for the TTL; failures never are.
 */
export class GraphPeople {
  private readonly users: TtlCache<User | undefined>;
  private readonly holders: TtlCache<RoleHolders>;

  constructor(
    private readonly client: GraphClient,
    private readonly homeTenantOf: HomeTenantFinder,
    ttlMs: number,
    now: () => number,
  ) {
    this.users = new TtlCache(ttlMs, now);
    this.holders = new TtlCache(ttlMs, now);
  }

  /** A user by object id, deleted ones included (marked deleted); undefined when there is none. */
  getUser(tenantId: string, userId: string): Promise<User | undefined> {
    if (!USER_ID.test(userId) || /^\.+$/.test(userId)) return Promise.resolve(undefined);
    return this.users.get(`${tenantId}|id|${userId}`, () =>
      unlessNotConsented(() => this.loadUser(tenantId, userId)),
    );
  }

  /** A user by UPN or mail, case-insensitively, deleted ones included (matched by mail). */
  findBySignInName(tenantId: string, signInName: string): Promise<User | undefined> {
    const name = signInName.trim().toLowerCase();
    if (!SIGN_IN_NAME.test(name)) return Promise.resolve(undefined);
    return this.users.get(`${tenantId}|name|${name}`, () =>
      unlessNotConsented(async () => {
        const quoted = `'${name.replace(/'/g, "''")}'`;
        const [found] =
          (await this.client.list(
            {
              tenantId,
              path: '/users',
              query: {
                $filter: `userPrincipalName eq ${quoted} or mail eq ${quoted}`,
                $select: USER_FIELDS,
              },
              what: 'user',
            },
            graphUserSchema,
            1,
          )) ?? [];
        if (found) {
          const user = await this.withRoles(tenantId, found);
          this.users.set(`${tenantId}|id|${user.id}`, user);
          return user;
        }
        const [gone] =
          (await this.client.list(
            {
              tenantId,
              path: '/directory/deletedItems/microsoft.graph.user',
              query: { $filter: `mail eq ${quoted}`, $select: USER_FIELDS, $count: 'true' },
              eventual: true,
              what: 'deleted user',
            },
            graphUserSchema,
            1,
          )) ?? [];
        return gone ? this.toUser(tenantId, gone, [], true) : undefined;
      }),
    );
  }

  /** People whose name or mail starts with the text (Graph's `$search`); all people for an empty text. */
  async search(tenantId: string, text: string, limit: number): Promise<User[]> {
    const words = text.trim().replace(/["\\]/g, '');
    const count = Math.max(0, Math.min(Math.floor(limit), 999));
    if (count === 0) return [];
    const found = await unlessNotConsented(() =>
      this.client.list(
        {
          tenantId,
          path: '/users',
          query: {
            ...(words ? { $search: `"displayName:${words}" OR "mail:${words}"` } : {}),
            $select: USER_FIELDS,
            $top: String(count),
          },
          eventual: true,
          what: 'people search',
        },
        graphUserSchema,
        count,
      ),
    );
    if (!found || found.length === 0) return [];
    const holders = await this.roleHolders(tenantId);
    return Promise.all(
      found.map((u) => this.toUser(tenantId, u, [...(holders.get(u.id)?.roles ?? [])], false)),
    );
  }

  /** Enabled users holding any of the roles; every role each holds is on the user. */
  async withAnyRole(tenantId: string, roles: readonly Role[]): Promise<User[]> {
    const holders = await this.roleHolders(tenantId);
    const wanted = [...holders.values()].filter(
      (h) => h.user.accountEnabled === true && roles.some((r) => h.roles.has(r)),
    );
    return Promise.all(wanted.map((h) => this.toUser(tenantId, h.user, [...h.roles], false)));
  }

  private async loadUser(tenantId: string, userId: string): Promise<User | undefined> {
    const path = `/users/${encodeURIComponent(userId)}`;
    const [found, roles] = await Promise.all([
      this.client.get(
        { tenantId, path, query: { $select: USER_FIELDS }, what: 'user' },
        graphUserSchema,
      ),
      this.rolesOf(tenantId, userId),
    ]);
    if (found) return this.toUser(tenantId, found, roles, false);
    const gone = await this.client.get(
      {
        tenantId,
        path: `/directory/deletedItems/${encodeURIComponent(userId)}`,
        query: { $select: USER_FIELDS },
        what: 'deleted user',
      },
      directoryObjectSchema,
    );
    const isUser =
      gone && (gone['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user';
    return isUser ? this.toUser(tenantId, gone, [], true) : undefined;
  }

  private async withRoles(tenantId: string, found: GraphUser): Promise<User> {
    return this.toUser(tenantId, found, await this.rolesOf(tenantId, found.id), false);
  }

  /** The five roles among the user's directory roles, direct or through groups. */
  private async rolesOf(tenantId: string, userId: string): Promise<Role[]> {
    const held = await this.client.list(
      {
        tenantId,
        path: `/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole`,
        query: { $select: 'id,roleTemplateId' },
        what: 'roles',
      },
      directoryRoleSchema,
    );
    const roles = new Set((held ?? []).map((r) => roleOfTemplate(r.roleTemplateId)));
    return ROLES.filter((role) => roles.has(role));
  }

  private roleHolders(tenantId: string): Promise<RoleHolders> {
    return this.holders.get(tenantId, () =>
      unlessNotConsented(async () => {
        const holders: RoleHolders = new Map();
        const perRole = await Promise.all(ROLES.map((role) => this.membersOf(tenantId, role)));
        ROLES.forEach((role, i) => {
          for (const user of perRole[i] ?? []) {
            const holder = holders.get(user.id) ?? { user, roles: new Set<Role>() };
            holder.roles.add(role);
            holders.set(user.id, holder);
          }
        });
        return holders;
      }).then((holders) => holders ?? new Map()),
    );
  }

  /** The users holding a role directly or through a role-assignable group; none when the role was never used. */
  private async membersOf(tenantId: string, role: Role): Promise<GraphUser[]> {
    const members =
      (await this.client.list(
        {
          tenantId,
          path: `/directoryRoles(roleTemplateId='${ROLE_TEMPLATE_IDS[role]}')/members`,
          query: { $select: USER_FIELDS },
          what: 'role members',
        },
        directoryObjectSchema,
      )) ?? [];
    const users = members.filter((m) => m['@odata.type'] === '#microsoft.graph.user');
    const groups = members.filter((m) => m['@odata.type'] === '#microsoft.graph.group');
    const nested = await Promise.all(
      groups.map(
        async (g) =>
          (await this.client.list(
            {
              tenantId,
              path: `/groups/${encodeURIComponent(g.id)}/transitiveMembers/microsoft.graph.user`,
              query: { $select: USER_FIELDS },
              what: 'role group members',
            },
            graphUserSchema,
          )) ?? [],
      ),
    );
    return [...users, ...nested.flat()];
  }

  private async toUser(
    tenantId: string,
    g: GraphUser,
    roles: readonly Role[],
    deleted: boolean,
  ): Promise<User> {
    const upn = g.userPrincipalName ?? '';
    const guest = g.userType === 'Guest';
    return {
      id: g.id,
      tenantId,
      upn,
      mail: g.mail ?? undefined,
      displayName: g.displayName ?? upn,
      userType: guest ? 'Guest' : 'Member',
      homeTenantId: guest ? await this.guestHome(tenantId, g) : tenantId,
      source: g.onPremisesSyncEnabled === true ? 'syncedFromOnPremAD' : 'cloud',
      // Unknown counts as disabled: a doubt must never let someone buy.
      accountEnabled: g.accountEnabled === true,
      deleted,
      country: /^[A-Za-z]{2}$/.test(g.usageLocation ?? '') ? g.usageLocation!.toUpperCase() : '',
      roles,
    };
  }

  /**
   * Graph does not name a guest's home tenant. The invitation keeps the address in the UPN
   * (`judy_humongous.org#EXT#@contoso.onmicrosoft.com`), else the mail has it; '' when neither leads elsewhere.
   * It only names the tenant in the guest's refusal, so a failed lookup (logged) leaves it '' rather than failing
   * the guest's own lookup: the guest is refused either way.
   */
  private async guestHome(tenantId: string, g: GraphUser): Promise<string> {
    const external = /^(.+)#EXT#@/i.exec(g.userPrincipalName ?? '')?.[1];
    const address = g.mail ?? g.userPrincipalName ?? '';
    const domain = external?.includes('_')
      ? external.slice(external.lastIndexOf('_') + 1)
      : address.split('@')[1];
    if (!domain) return '';
    let home: string | undefined;
    try {
      home = await this.homeTenantOf(domain.toLowerCase());
    } catch (error) {
      if (error instanceof GraphUnavailableError) return '';
      throw error;
    }
    return home && home.toLowerCase() !== tenantId.toLowerCase() ? home : '';
  }
}

/** A tenant the app was never consented in holds nobody the bot can see: an answer, not an outage. */
async function unlessNotConsented<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TenantNotConsentedError) return undefined;
    throw error;
  }
}
