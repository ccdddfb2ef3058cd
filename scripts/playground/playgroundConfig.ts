// The Agents Playground's config file (.m365agentsplayground.yml) for one person of the directory seed.

import { readFileSync } from 'node:fs';
import { parseDirectorySeed } from '../../services/directory/seedDirectory.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';

type SeedTenant = DirectorySeed['tenants'][number];
type SeedUser = SeedTenant['users'][number];

/** The bot as the Playground shows it: the name people @mention in group chats and channels. */
export const PLAYGROUND_BOT = { id: '28:ssp-bot-playground', name: 'Self-service purchase' };

/** The Playground's schema wants exactly this many users besides the current one. */
const OTHER_USERS = 5;

/** Someone of the seed, found by first name or UPN, with the tenant they sign in to. */
export interface SeedPerson {
  readonly tenant: SeedTenant;
  readonly user: SeedUser;
}

/** A person the Playground config names: the fields of its `User` definition. */
interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly userPrincipleName: string;
  readonly aadObjectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

/** The seed file, parsed and validated as the bot does. */
export function readSeed(file: string): DirectorySeed {
  return parseDirectorySeed(readFileSync(file, 'utf8'), file);
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The first person, in seed order, whose UPN or first name is `who` (case and accents ignored): `carol` is Carol
 * Clark of Contoso, `joao` is João Silva of Northwind Traders Brasil, `judy` the guest in Contoso (the member Judy of
 * Humongous Charity is `judy@humongous.org`).
 */
export function findPerson(seed: DirectorySeed, who: string): SeedPerson | undefined {
  const wanted = fold(who.trim());
  for (const tenant of seed.tenants) {
    const user = tenant.users.find(
      (u) =>
        !u.deleted &&
        (fold(u.upn) === wanted ||
          fold(u.upn.split('@')[0] ?? '') === wanted ||
          fold(u.displayName.split(' ')[0] ?? '') === wanted),
    );
    if (user) return { tenant, user };
  }
  return undefined;
}

function asPlaygroundUser(user: SeedUser): PlaygroundUser {
  const [givenName = user.displayName, ...rest] = user.displayName.split(' ');
  return {
    id: `29:${user.id}`,
    name: user.displayName,
    userPrincipleName: user.upn,
    aadObjectId: user.id,
    givenName,
    surname: rest.join(' ') || givenName,
    email: user.mail ?? user.upn,
  };
}

/**
 * Stand-ins for a tenant with fewer than five other people: the schema insists on five. Their ids are in no tenant of
 * the seed, so the bot treats them as strangers if anyone ever speaks as them.
 */
function standIn(tenant: SeedTenant, n: number): PlaygroundUser {
  const domain = tenant.domains[0] ?? 'example.com';
  const suffix = String(n).padStart(12, '0');
  return {
    id: `29:playground-stand-in-${n}`,
    name: `Stand-in ${n} (not in the directory)`,
    userPrincipleName: `stand-in-${n}@${domain}`,
    aadObjectId: `ffffffff-0000-4000-a000-${suffix}`,
    givenName: 'Stand-in',
    surname: String(n),
    email: `stand-in-${n}@${domain}`,
  };
}

/** The five colleagues shown in the group chat and team: enabled people of the same tenant, in seed order. */
function colleaguesOf(person: SeedPerson): PlaygroundUser[] {
  const others = person.tenant.users
    .filter((u) => u.id !== person.user.id && u.accountEnabled && !u.deleted)
    .slice(0, OTHER_USERS)
    .map(asPlaygroundUser);
  for (let n = 1; others.length < OTHER_USERS; n += 1) others.push(standIn(person.tenant, n));
  return others;
}

/** A deterministic GUID-shaped id for the tenant's chats, so a reloaded Playground keeps the same conversations. */
function chatId(tenant: SeedTenant, kind: number): string {
  return tenant.id.replace(
    /^(\w{8})-(\w{4})-(\w{4})-(\w{4})/,
    `$1-$2-$3-${String(kind).padStart(4, '0')}`,
  );
}

/** The config as a plain object, in the Playground's schema (version 0.1.1). */
export function playgroundConfig(person: SeedPerson): Record<string, unknown> {
  const { tenant, user } = person;
  const tenantName = tenant.name;
  return {
    version: '0.1.1',
    tenantId: tenant.id,
    bot: PLAYGROUND_BOT,
    currentUser: asPlaygroundUser(user),
    users: colleaguesOf(person),
    personalChat: { id: `a:personal-${user.id}` },
    groupChat: { id: `19:${chatId(tenant, 1)}@thread.v2`, name: 'Purchasing' },
    team: {
      id: `19:${chatId(tenant, 2)}@thread.tacv2`,
      name: `${tenantName} IT`,
      aadGroupId: chatId(tenant, 3),
      channels: [{ id: `19:${chatId(tenant, 4)}@thread.tacv2`, name: 'Purchases' }],
    },
  };
}

/**
 * YAML text for the config. Every string is written as a JSON string, which YAML reads as a double-quoted scalar, so
 * names with colons, hashes or accents ("judy_humongous.org#EXT#@…", "João") need no further escaping.
 */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const body = toYaml(item, `${indent}  `).trimStart();
        return `${indent}- ${body}`;
      })
      .join('\n');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => {
        if (v !== null && typeof v === 'object')
          return `${indent}${key}:\n${toYaml(v, `${indent}  `)}`;
        return `${indent}${key}: ${JSON.stringify(v)}`;
      })
      .join('\n');
  }
  return `${indent}${JSON.stringify(value)}`;
}

/** The whole file, with a header saying where it came from. */
export function playgroundConfigFile(person: SeedPerson): string {
  const header = [
    '# Generated by `npm run playground` from the demo directory seed: do not edit, run it again with --as <name>.',
    `# You are ${person.user.displayName} (${person.user.upn}) of ${person.tenant.name}.`,
  ];
  return `${header.join('\n')}\n${toYaml(playgroundConfig(person))}\n`;
}

const ROLE_NAMES: Record<string, string> = {
  GlobalAdministrator: 'Global admin',
  BillingAdministrator: 'Billing admin',
  GlobalReader: 'Global reader',
  LicenseAdministrator: 'License admin',
  UserAdministrator: 'User admin',
};

/** "Carol Clark (carol@contoso.com), Global admin in Contoso": who you are in the Playground. */
export function describePerson(person: SeedPerson): string {
  const { user, tenant } = person;
  const roles = user.roles.map((r) => ROLE_NAMES[r] ?? r);
  const what =
    user.userType === 'Guest' ? 'guest' : roles.length > 0 ? roles.join(' and ') : 'user';
  return `${user.displayName} (${user.upn}), ${what} in ${tenant.name}`;
}
