// An approver's decision on a license request (§4.3), carried out: claimed on the request, licenses given from the
// central subscription, and the requester told.

import type { Clock } from '../clock.js';
import { eventsFor } from '../notifications/eventFactory.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import { ok, refuse, type Result } from '../result.js';
import type { Records } from '../store/records.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';
import type { LicenseRequest, RequestDecision, RequestStatus } from './licenseRequests.js';
import { requestKey } from './licenseRequestStore.js';

/** Claims and completes decisions, so that each request is decided once even when approvers click at once. */
export class RequestDecisions {
  constructor(
    private readonly records: Records,
    private readonly repository: SubscriptionRepository,
    private readonly outbox: NotificationOutbox,
    private readonly clock: Clock,
  ) {}

  /**
   * Marks a pending request as being approved with `decision`. The same click again gets its own decision back; a
   * request decided already is refused with who decided it and when.
   */
  async claim(requestId: string, decision: RequestDecision): Promise<Result<RequestDecision>> {
    const opId = decision.opId;
    return this.records.update<LicenseRequest, Result<RequestDecision>>(
      requestKey(requestId),
      (r) => {
        if (!r) return { result: refuse('REQUEST_NOT_FOUND', { requestId }) };
        if (r.status === 'Approving' && r.decision?.opId === opId)
          return { result: ok(r.decision) };
        if (r.status !== 'Pending')
          return { result: refuse('REQUEST_ALREADY_DECIDED', decisionFacts(r)) };
        return { write: { ...r, status: 'Approving', decision }, result: ok(decision) };
      },
    );
  }

  /** Gives the approved users their licenses, then records the outcome and tells the requester. */
  async complete(requestId: string, decision: RequestDecision): Promise<Result<LicenseRequest>> {
    if (decision.approvedUserIds.length > 0 && decision.centralSubscriptionId) {
      const assigned = await this.repository.giveCentralLicenses(
        decision.centralSubscriptionId,
        decision.approvedUserIds,
      );
      if (!assigned.ok) {
        await this.records.update<LicenseRequest, void>(requestKey(requestId), (r) =>
          r?.status === 'Approving' && r.decision?.opId === decision.opId
            ? { write: { ...r, status: 'Pending', decision: undefined }, result: undefined }
            : { result: undefined },
        );
        return assigned;
      }
    }
    const now = this.clock.now();
    const finished = await this.records.update<LicenseRequest, LicenseRequest | undefined>(
      requestKey(requestId),
      (r) => {
        if (!r) return { result: undefined };
        if (r.status !== 'Approving' || r.decision?.opId !== decision.opId) return { result: r };
        const status: RequestStatus =
          decision.approvedUserIds.length === 0
            ? 'Denied'
            : decision.deniedUserIds.length === 0
              ? 'Approved'
              : 'PartiallyApproved';
        const events = eventsFor(
          [r.requesterUserId],
          {
            kind: 'LicenseRequestDecided',
            tenantId: r.tenantId,
            subjectId: r.id,
            occurrence: decision.opId,
            facts: {
              productName: r.productName,
              status,
              byName: decision.byName,
              message: decision.message,
              approved: r.forUsers
                .filter((u) => decision.approvedUserIds.includes(u.userId))
                .map((u) => u.displayName),
              denied: r.forUsers
                .filter((u) => decision.deniedUserIds.includes(u.userId))
                .map((u) => u.displayName),
            },
          },
          now,
        );
        const next: LicenseRequest = { ...r, status, outbox: [...(r.outbox ?? []), ...events] };
        return { write: next, result: next };
      },
    );
    if (!finished) return refuse('REQUEST_NOT_FOUND', { requestId });
    await this.outbox.flush<LicenseRequest>(requestKey(requestId));
    return ok(finished);
  }
}

function decisionFacts(r: LicenseRequest): Record<string, string | undefined> {
  return { requestId: r.id, status: r.status, byName: r.decision?.byName, at: r.decision?.at };
}
