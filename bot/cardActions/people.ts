// Reads the people someone picked or typed on a card: UPNs from the picker, names or addresses typed freely.

import type { Domain } from '../../services/domain.js';

/** Splits a multi-select value ("a,b") or typed text ("Alice; bob@contoso.com") into entries. */
export function splitPeople(...texts: (string | undefined)[]): string[] {
  return texts
    .flatMap((t) => (t ?? '').split(/[,;\n]+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Entries as the domain takes them: addresses and ids stay; a typed name becomes the UPN of the one colleague
 * whose name it is. A name that fits nobody, or several people, is kept as typed so the domain says so.
 */
export async function resolvePeople(
  domain: Domain,
  tenantId: string,
  entries: readonly string[],
): Promise<string[]> {
  const resolved: string[] = [];
  for (const entry of entries) {
    if (entry.includes('@') || /^[0-9a-f-]{36}$/i.test(entry)) {
      resolved.push(entry);
      continue;
    }
    const matches = await domain.directory.searchUsers(tenantId, entry, 5);
    const exact = matches.filter((u) => u.displayName.toLowerCase() === entry.toLowerCase());
    const only = exact.length === 1 ? exact[0] : matches.length === 1 ? matches[0] : undefined;
    resolved.push(only ? only.upn : entry);
  }
  return resolved;
}
