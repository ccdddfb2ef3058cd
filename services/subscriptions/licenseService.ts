// Assigning and unassigning a self-service subscription's licenses (§3.2, S-12, S-13): all or nothing.

import type { Caller } from '../access/actor.js';
import type { Directory } from '../directory/directory.js';
import { resolveMembers } from '../directory/members.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { BuyerService } from './buyerService.js';
import type { ChangeOutcome } from './changeRunner.js';
import {
  appliedOutcome,
  freeLicenses,
  remember,
  subscriptionKey,
  type OperationOutcome,
  type SubscriptionRecord,
} from './model.js';
import { checkActive } from './subscriptionAccess.js';

/** At most this many users in one assign action [DOC]. */
export const MAX_ASSIGN_BATCH = 20;

/**
 * Assigns licenses to members of the subscription's own tenant. Every user of a request is checked before any is
 * assigned, and the write re-checks free licenses on the latest version, so concurrent assigns can never hand out
 * more licenses than the subscription has.
 */
export class LicenseService {
  constructor(
    private readonly records: Records,
    private readonly buyers: BuyerService,
    private readonly directory: Directory,
  ) {}

  /** `assignees` are user ids or sign-in names (UPN or mail) of the subscription's tenant. */
  async assign(
    caller: Caller,
    subscriptionId: string,
    assignees: readonly string[],
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    const access = await this.buyers.access(caller, subscriptionId, 'manageLicenses');
    if (!access.ok) return access;
    const batch = batchOf(assignees);
    if (!batch.ok) return batch;
    const wanted = batch.value;
    const resolved = await resolveMembers(this.directory, access.value.sub.tenantId, wanted);
    if (!resolved.ok) return resolved;
    const users = resolved.value;
    return this.write(subscriptionId, opId, (sub) => {
      const active = checkActive(sub);
      if (!active.ok) return active;
      const already = users.filter((u) => sub.assignedUserIds.includes(u.id));
      if (already.length > 0) {
        return refuse('ALREADY_ASSIGNED', {
          users: already.map((u) => u.displayName),
          productName: sub.productName,
        });
      }
      const free = freeLicenses(sub);
      if (users.length > free) {
        return refuse('INSUFFICIENT_LICENSES', {
          free,
          requested: users.length,
          productName: sub.productName,
        });
      }
      return ok({
        next: { ...sub, assignedUserIds: [...sub.assignedUserIds, ...users.map((u) => u.id)] },
        outcome: {
          opId,
          type: 'Assign',
          facts: {
            users: users.map((u) => u.displayName),
            free: free - users.length,
            productName: sub.productName,
          },
        },
      });
    });
  }

  /** Takes licenses back from assigned users (user ids or sign-in names). */
  async unassign(
    caller: Caller,
    subscriptionId: string,
    assignees: readonly string[],
    opId: string,
  ): Promise<Result<ChangeOutcome>> {
    const access = await this.buyers.access(caller, subscriptionId, 'manageLicenses');
    if (!access.ok) return access;
    const batch = batchOf(assignees);
    if (!batch.ok) return batch;
    const wanted = batch.value;
    const ids: string[] = [];
    const names = new Map<string, string>();
    for (const entry of wanted) {
      const user = entry.includes('@')
        ? await this.directory.findUserBySignInName(access.value.sub.tenantId, entry)
        : await this.directory.getUser(access.value.sub.tenantId, entry);
      const id = user?.id ?? entry;
      ids.push(id);
      names.set(id, user?.displayName ?? entry);
    }
    return this.write(subscriptionId, opId, (sub) => {
      const active = checkActive(sub);
      if (!active.ok) return active;
      const missing = ids.filter((id) => !sub.assignedUserIds.includes(id));
      if (missing.length > 0) {
        return refuse('NOT_ASSIGNED', {
          users: missing.map((id) => names.get(id) ?? id),
          productName: sub.productName,
        });
      }
      const next = {
        ...sub,
        assignedUserIds: sub.assignedUserIds.filter((id) => !ids.includes(id)),
      };
      return ok({
        next,
        outcome: {
          opId,
          type: 'Unassign',
          facts: {
            users: ids.map((id) => names.get(id) ?? id),
            free: freeLicenses(next),
            productName: sub.productName,
          },
        },
      });
    });
  }

  /** One compare-and-set write, remembered under the operation id so a repeated click is told it is done. */
  private async write(
    subscriptionId: string,
    opId: string,
    decide: (sub: SubscriptionRecord) => Result<{
      next: SubscriptionRecord;
      outcome: OperationOutcome;
    }>,
  ): Promise<Result<ChangeOutcome>> {
    return this.records.update<SubscriptionRecord, Result<ChangeOutcome>>(
      subscriptionKey(subscriptionId),
      (sub) => {
        if (!sub) return { result: refuse('SUBSCRIPTION_NOT_FOUND', { subscriptionId }) };
        const done = appliedOutcome(sub, opId);
        if (done) return { result: ok({ ...done, alreadyDone: true }) };
        if (sub.pendingOperation)
          return { result: refuse('OPERATION_IN_PROGRESS', { subscriptionId }) };
        const decided = decide(sub);
        if (!decided.ok) return { result: decided };
        const { next, outcome } = decided.value;
        return {
          write: { ...next, appliedOperations: remember(next.appliedOperations, outcome) },
          result: ok({ ...outcome, alreadyDone: false }),
        };
      },
    );
  }
}

/** The distinct, non-empty entries of one request: at least one, at most {@link MAX_ASSIGN_BATCH}. */
function batchOf(assignees: readonly string[]): Result<string[]> {
  const wanted = [...new Set(assignees.map((a) => a.trim()).filter((a) => a.length > 0))];
  if (wanted.length === 0) return refuse('USER_NOT_FOUND', { user: '' });
  if (wanted.length > MAX_ASSIGN_BATCH) {
    return refuse('BATCH_TOO_LARGE', { requested: wanted.length, max: MAX_ASSIGN_BATCH });
  }
  return ok(wanted);
}
