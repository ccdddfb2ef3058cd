// A tenant's stored policy document (§4.2, §6): the values in force and the audit trail, changed together in one
// compare-and-set.

import type { Caller } from '../access/actor.js';
import type { Clock } from '../clock.js';
import type { Records } from '../store/records.js';
import type { ChangeChannel, PolicyAuditEntry, PolicyValue } from './policyService.js';

/** The values set for products and offer types (anything unset is Enabled), and every change made to them. */
export interface PolicyDocument {
  readonly products: Readonly<Record<string, PolicyValue>>;
  readonly offerTypes: Readonly<Record<string, 'Enabled' | 'Disabled'>>;
  readonly audit: readonly PolicyAuditEntry[];
}

const EMPTY: PolicyDocument = { products: {}, offerTypes: {}, audit: [] };
const key = (tenantId: string): string => `policy:${tenantId}`;

/** The write's answer: whether it wrote, and the value it found instead of the expected one. */
export interface WriteOutcome {
  readonly changed: boolean;
  readonly conflict?: PolicyValue;
}

/** Reads and writes the policy documents; rights are checked by the caller, the policy service. */
export class PolicyDocuments {
  constructor(
    private readonly records: Records,
    private readonly clock: Clock,
  ) {}

  /** The tenant's document; a tenant that never changed a policy has the empty one. */
  async read(tenantId: string): Promise<PolicyDocument> {
    return (await this.records.read<PolicyDocument>(key(tenantId))) ?? EMPTY;
  }

  /**
   * Writes the value and its audit entry in one compare-and-set; `byName` comes from the authorization. With
   * `expected`, a stored value other than it (and other than the requested one) is left alone and reported.
   */
  async write(
    caller: Caller,
    byName: string,
    tenantId: string,
    target: string,
    targetName: string,
    value: PolicyValue,
    via: ChangeChannel,
    section: 'products' | 'offerTypes',
    expected?: PolicyValue,
  ): Promise<WriteOutcome> {
    const at = this.clock.now().toISOString();
    return this.records.update<PolicyDocument, WriteOutcome>(key(tenantId), (current) => {
      const doc = current ?? EMPTY;
      const oldValue: PolicyValue =
        (doc[section] as Record<string, PolicyValue>)[target] ?? 'Enabled';
      if (oldValue === value) return { result: { changed: false } };
      if (expected !== undefined && oldValue !== expected) {
        return { result: { changed: false, conflict: oldValue } };
      }
      const entry: PolicyAuditEntry = {
        at,
        tenantId,
        byUserId: caller.userId,
        byTenantId: caller.tenantId,
        byDisplayName: byName,
        target,
        targetName,
        oldValue,
        newValue: value,
        via,
      };
      return {
        write: {
          ...doc,
          [section]: { ...doc[section], [target]: value },
          audit: [...doc.audit, entry],
        },
        result: { changed: true },
      };
    });
  }
}
