// The demo directory seed, and the people in it by first name, for tests that read like the README's examples.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Caller } from '../../services/access/actor.js';
import { parseDirectorySeed, SeedDirectory } from '../../services/directory/seedDirectory.js';
import type { DirectorySeed } from '../../services/directory/seedSchema.js';

export const DEMO_SEED_FILE = fileURLToPath(new URL('../../data/directory.json', import.meta.url));

/** The demo seed, parsed and validated. */
export function demoSeed(): DirectorySeed {
  return parseDirectorySeed(readFileSync(DEMO_SEED_FILE, 'utf8'), DEMO_SEED_FILE);
}

/** A caller by first name and tenant key ("alice", "contoso"): the UPN is `<name>@<tenant's first domain>`. */
export function person(seed: DirectorySeed, name: string, tenantName = 'Contoso'): Caller {
  const tenant = seed.tenants.find((t) => t.name === tenantName);
  if (!tenant) throw new Error(`No tenant ${tenantName} in the seed`);
  const upn = `${name}@${tenant.domains[0] ?? ''}`;
  const user = tenant.users.find(
    (u) => u.upn === upn || u.displayName.toLowerCase().startsWith(name),
  );
  if (!user) throw new Error(`No user ${name} in ${tenantName}`);
  return { tenantId: tenant.id, userId: user.id };
}

/** The tenant id by name. */
export function tenantId(seed: DirectorySeed, tenantName: string): string {
  const tenant = seed.tenants.find((t) => t.name === tenantName);
  if (!tenant) throw new Error(`No tenant ${tenantName} in the seed`);
  return tenant.id;
}

export function demoDirectory(): SeedDirectory {
  return new SeedDirectory(demoSeed());
}
