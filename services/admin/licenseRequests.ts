// License requests when self-service purchase is off (§4.3): users ask, License/User admins approve or deny.
import { createHash } from 'node:crypto';
import { resolveActor, type Caller } from '../access/actor.js';
import { can } from '../access/permissions.js';
import { findProductById } from '../catalog/catalog.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import { resolveMembers } from '../directory/members.js';
import { addMonths } from '../money.js';
import { eventsFor } from '../notifications/eventFactory.js';
import type { EmitsEvents } from '../notifications/events.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import type { PolicyService } from '../policies/policyService.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import { STALE_OPERATION_MS } from '../subscriptions/changeRunner.js';
import type { SubscriptionRecord } from '../subscriptions/model.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';
import { RequestDecisions } from './licenseRequestDecisions.js';
import { requestKey, requestsOf, tenantIndex, TENANTS } from './licenseRequestStore.js';

export type RequestStatus = 'Pending' | 'Approving' | 'Approved' | 'PartiallyApproved' | 'Denied';

/** A decision on a request. */
export interface RequestDecision {
  readonly opId: string;
  readonly byUserId: string;
  readonly byName: string;
  readonly at: string;
  readonly approvedUserIds: readonly string[];
  readonly deniedUserIds: readonly string[];
  readonly centralSubscriptionId?: string;
  readonly message?: string;
}

/** One request: product, requester, the people it is for, date and status (§4.3). */
export interface LicenseRequest extends EmitsEvents {
  readonly id: string;
  readonly tenantId: string;
  readonly productId: string;
  readonly productName: string;
  readonly requesterUserId: string;
  readonly requesterName: string;
  readonly forUsers: readonly { readonly userId: string; readonly displayName: string }[];
  readonly message?: string;
  readonly createdAt: string;
  readonly status: RequestStatus;
  readonly decision?: RequestDecision;
}

/** What the approver decides: everyone, some (the others are denied) or nobody. */
export interface DecisionInput {
  readonly approveUserIds: readonly string[] | 'all';
  readonly centralSubscriptionId?: string;
  readonly message?: string;
}
const KEEP_MONTHS = 12;

/** Stores requests only for tenants that take them, and never when the organization has its own process. */
export class LicenseRequestService {
  private readonly decisions: RequestDecisions;

  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly policies: PolicyService,
    private readonly outbox: NotificationOutbox,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {
    this.decisions = new RequestDecisions(records, repository, outbox, clock);
  }

  /**
   * Whether the caller may request a license of the product now: it must be disabled, the tenant must take requests
   * through the bot and have no process of its own. Refusals say which of these is the reason.
   */
  async canRequest(caller: Caller, productId: string): Promise<Result<{ productName: string }>> {
    const actor = await resolveActor(this.directory, caller);
    if (!actor.ok) return actor;
    const tenant = actor.value.tenant;
    const product = findProductById(productId);
    if (!product?.inScope) return refuse('PRODUCT_UNKNOWN', { productId });
    if ((await this.policies.valueFor(tenant.id, product.productId)) !== 'Disabled') {
      return refuse('PRODUCT_NOT_DISABLED', { productName: product.name });
    }
    if (tenant.customRequestMessage) {
      return refuse('CUSTOM_REQUEST_PROCESS', {
        message: tenant.customRequestMessage,
        productName: product.name,
      });
    }
    if (!tenant.licenseRequestsEnabled)
      return refuse('REQUESTS_NOT_ENABLED', { productName: product.name });
    if (actor.value.kind !== 'member') return refuse('ACCESS_DENIED', { action: 'requestLicense' });
    return ok({ productName: product.name });
  }

  /** A user asks for a license of a disabled product, for themselves and/or colleagues. */
  async request(
    caller: Caller,
    productId: string,
    input: { forSelf: boolean; others: readonly string[]; message?: string },
    idempotencyKey: string,
  ): Promise<Result<LicenseRequest>> {
    const allowed = await this.canRequest(caller, productId);
    if (!allowed.ok) return allowed;
    const actor = await resolveActor(this.directory, caller);
    if (!actor.ok) return actor;
    const tenant = actor.value.tenant;
    const product = findProductById(productId);
    if (!product) return refuse('PRODUCT_UNKNOWN', { productId });

    const entries = [...(input.forSelf ? [caller.userId] : []), ...input.others];
    if (entries.length === 0) return refuse('USER_NOT_FOUND', { user: '' });
    const members = await resolveMembers(this.directory, tenant.id, entries);
    if (!members.ok) return members;
    const id = `R-${createHash('sha256').update(`${caller.tenantId}|${caller.userId}|${idempotencyKey}`).digest('hex').slice(0, 12).toUpperCase()}`;
    const now = this.clock.now();
    const approvers = await this.directory.usersWithRoles(tenant.id, [
      'GlobalAdministrator',
      'LicenseAdministrator',
      'UserAdministrator',
    ]);
    const record: LicenseRequest = {
      id,
      tenantId: tenant.id,
      productId: product.productId,
      productName: product.name,
      requesterUserId: caller.userId,
      requesterName: actor.value.user.displayName,
      forUsers: members.value.map((u) => ({ userId: u.id, displayName: u.displayName })),
      message: input.message?.slice(0, 500),
      createdAt: now.toISOString(),
      status: 'Pending',
      outbox: eventsFor(
        approvers.map((a) => a.id),
        {
          kind: 'AdminLicenseRequested',
          tenantId: tenant.id,
          subjectId: id,
          occurrence: 'created',
          facts: {
            productName: product.name,
            requesterName: actor.value.user.displayName,
            users: members.value.map((u) => u.displayName),
            requestId: id,
          },
        },
        now,
      ),
    };
    await this.records.create(requestKey(id), record);
    await this.records.addToSet(tenantIndex(tenant.id), id);
    await this.records.addToSet(TENANTS, tenant.id);
    await this.outbox.flush<LicenseRequest>(requestKey(id));
    const stored = await this.records.read<LicenseRequest>(requestKey(id));
    return ok(stored ?? record);
  }

  /** Requests of the tenant for approvers: pending ones, completed ones, or all. */
  async list(
    caller: Caller,
    tenantId: string,
    which: 'pending' | 'completed' | 'all' = 'pending',
  ): Promise<Result<LicenseRequest[]>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, 'approveLicenseRequests')) {
      return refuse('ACCESS_DENIED', {
        action: 'approveLicenseRequests',
        tenantName: actor.value.tenant.name,
      });
    }
    const all = await requestsOf(this.records, tenantId);
    const pending = (r: LicenseRequest): boolean =>
      r.status === 'Pending' || r.status === 'Approving';
    return ok(
      all.filter((r) => (which === 'all' ? true : which === 'pending' ? pending(r) : !pending(r))),
    );
  }

  /**
   * The central subscriptions an approver can give licenses from (License and User admins may not see the
   * self-service purchases, but they assign central licenses, §1.1).
   */
  async centralSubscriptions(
    caller: Caller,
    tenantId: string,
  ): Promise<Result<SubscriptionRecord[]>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, 'approveLicenseRequests')) {
      return refuse('ACCESS_DENIED', {
        action: 'approveLicenseRequests',
        tenantName: actor.value.tenant.name,
      });
    }
    const all = await this.repository.listByTenant(tenantId);
    return ok(all.filter((s) => s.channel === 'Central' && s.status === 'Active'));
  }

  /** The caller's own requests. */
  async mine(caller: Caller): Promise<LicenseRequest[]> {
    return (await requestsOf(this.records, caller.tenantId)).filter(
      (r) => r.requesterUserId === caller.userId,
    );
  }

  /**
   * Approves all, some or none of a request. Approved users get licenses of the chosen central subscription; the
   * requester is told either way. A request decided already answers with that decision.
   */
  async decide(
    caller: Caller,
    tenantId: string,
    requestId: string,
    input: DecisionInput,
    opId: string,
  ): Promise<Result<LicenseRequest>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, 'approveLicenseRequests')) {
      return refuse('ACCESS_DENIED', {
        action: 'approveLicenseRequests',
        tenantName: actor.value.tenant.name,
      });
    }
    await this.repository.importCentral(tenantId);
    const current = await this.records.read<LicenseRequest>(requestKey(requestId));
    if (!current || current.tenantId !== tenantId)
      return refuse('REQUEST_NOT_FOUND', { requestId });
    const approved =
      input.approveUserIds === 'all'
        ? current.forUsers.map((u) => u.userId)
        : current.forUsers.map((u) => u.userId).filter((id) => input.approveUserIds.includes(id));
    if (approved.length > 0) {
      const target = input.centralSubscriptionId
        ? await this.repository.get(input.centralSubscriptionId)
        : undefined;
      if (
        !target ||
        target.tenantId !== tenantId ||
        target.channel !== 'Central' ||
        target.status !== 'Active'
      ) {
        return refuse('TARGET_NOT_CENTRAL', { subscriptionId: input.centralSubscriptionId ?? '' });
      }
    }
    const decision: RequestDecision = {
      opId,
      byUserId: caller.userId,
      byName: actor.value.user.displayName,
      at: this.clock.now().toISOString(),
      approvedUserIds: approved,
      deniedUserIds: current.forUsers.map((u) => u.userId).filter((id) => !approved.includes(id)),
      centralSubscriptionId: approved.length > 0 ? input.centralSubscriptionId : undefined,
      message: input.message?.slice(0, 500),
    };
    const claimed = await this.decisions.claim(requestId, decision);
    if (!claimed.ok) {
      if (claimed.refusal.code === 'REQUEST_ALREADY_DECIDED' && current.decision?.opId === opId) {
        return ok(current);
      }
      return claimed;
    }
    return this.decisions.complete(requestId, claimed.value);
  }

  /** Finishes decisions left half-way and forgets requests completed over 12 months ago (lifecycle hook). */
  async runLifecycle(): Promise<void> {
    const now = this.clock.now();
    const tenants = await this.records.readSet(TENANTS);
    for (const tenantId of tenants) {
      for (const r of await requestsOf(this.records, tenantId)) {
        if (r.outbox?.length) await this.outbox.flush<LicenseRequest>(requestKey(r.id));
        if (r.status === 'Approving' && r.decision) {
          if (now.getTime() - Date.parse(r.decision.at) >= STALE_OPERATION_MS)
            await this.decisions.complete(r.id, r.decision);
          continue;
        }
        const done = r.status !== 'Pending' && r.decision !== undefined;
        if (done && addMonths(new Date(r.decision.at), KEEP_MONTHS).getTime() <= now.getTime()) {
          await this.records.deleteWhen<LicenseRequest>(
            requestKey(r.id),
            (c) => c.status === r.status,
          );
          await this.records.removeFromSet(tenantIndex(tenantId), r.id);
        }
      }
    }
  }
}
