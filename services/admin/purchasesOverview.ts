// The admins' view of every self-service purchase and trial in the tenant (§4.1, S-17, S-18).

import { resolveActor, type Caller } from '../access/actor.js';
import { can } from '../access/permissions.js';
import type { Clock } from '../clock.js';
import type { Directory } from '../directory/directory.js';
import type { Cents } from '../money.js';
import { ok, refuse, type Result } from '../result.js';
import type { SubscriptionRecord, SubscriptionStatus } from '../subscriptions/model.js';
import type { SubscriptionRepository } from '../subscriptions/subscriptionRepository.js';
import {
  viewSubscription,
  type PersonView,
  type SubscriptionView,
} from '../subscriptions/views.js';

/** Filters of the purchases list; all optional. */
export interface PurchaseFilter {
  readonly productId?: string;
  /** A purchaser's user id, or text found in their name or UPN. */
  readonly purchaser?: string;
  readonly status?: SubscriptionStatus;
  /** Self-service only (the default), central only, or both. */
  readonly channel?: 'SelfService' | 'Central' | 'All';
  /** Purchases, trials, or both (the default). */
  readonly kind?: 'purchases' | 'trials' | 'all';
  /** Only subscriptions whose buyer has left the organization (§4.6). */
  readonly purchaserLeft?: boolean;
}

/** A product bought several times appears once here (§4.1 Licenses view). */
export interface ProductSummary {
  readonly productId: string;
  readonly productName: string;
  readonly subscriptions: number;
  readonly licensesBought: number;
  readonly licensesAssigned: number;
  readonly monthlySpendCents: Cents;
}

/**
 * A subscription as admins see it: the §4.1 fields and never the buyer's payment card, which only the buyer may
 * see or change (§1.2: "View / pay invoice, update card" is N for every admin column).
 */
export type AdminSubscriptionView = Omit<SubscriptionView, 'card'> & { readonly card?: never };

export interface PurchasesOverview {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly items: readonly AdminSubscriptionView[];
  readonly summary: readonly ProductSummary[];
}

/** Lists purchases for Global and Billing admins, Global readers (read-only) and partners per S-18. */
export class PurchasesOverviewService {
  constructor(
    private readonly repository: SubscriptionRepository,
    private readonly directory: Directory,
    private readonly clock: Clock,
  ) {}

  async list(
    caller: Caller,
    tenantId: string,
    filter: PurchaseFilter = {},
  ): Promise<Result<PurchasesOverview>> {
    const actor = await resolveActor(this.directory, caller, tenantId);
    if (!actor.ok) return actor;
    if (!can(actor.value, 'viewAllPurchases')) {
      return refuse('ACCESS_DENIED', {
        action: 'viewAllPurchases',
        tenantName: actor.value.tenant.name,
      });
    }
    const now = this.clock.now();
    const people = new Map<string, PersonView>();
    const subs = (await this.repository.listByTenant(tenantId)).filter((s) =>
      matchesStatic(s, filter),
    );
    const views = await Promise.all(
      subs.map((s) => viewSubscription(s, this.directory, now, people)),
    );
    const items = views
      .filter((v) => matchesPeople(v, filter))
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .map(withoutCard);
    return ok({ tenantId, tenantName: actor.value.tenant.name, items, summary: summarize(items) });
  }
}

function withoutCard(view: SubscriptionView): AdminSubscriptionView {
  const { card: _card, ...rest } = view;
  return rest;
}

function matchesStatic(sub: SubscriptionRecord, filter: PurchaseFilter): boolean {
  const channel = filter.channel ?? 'SelfService';
  if (channel !== 'All' && sub.channel !== channel) return false;
  if (filter.productId && sub.productId !== filter.productId) return false;
  if (filter.status && sub.status !== filter.status) return false;
  const kind = filter.kind ?? 'all';
  if (kind === 'purchases' && sub.kind !== 'Paid') return false;
  if (kind === 'trials' && sub.kind === 'Paid') return false;
  return true;
}

function matchesPeople(view: SubscriptionView, filter: PurchaseFilter): boolean {
  if (
    filter.purchaserLeft !== undefined &&
    (view.purchaser?.left ?? false) !== filter.purchaserLeft
  ) {
    return false;
  }
  if (!filter.purchaser) return true;
  const wanted = filter.purchaser.toLowerCase();
  const p = view.purchaser;
  return (
    p !== undefined &&
    (p.userId === filter.purchaser ||
      p.displayName.toLowerCase().includes(wanted) ||
      (p.upn?.toLowerCase().includes(wanted) ?? false))
  );
}

/** Totals per product over subscriptions that still grant access; spend counts paid self-service terms. */
export function summarize(items: readonly SubscriptionView[]): ProductSummary[] {
  const byProduct = new Map<string, ProductSummary>();
  for (const v of items) {
    if (v.status !== 'Active' && v.status !== 'Expired') continue;
    const current = byProduct.get(v.productId) ?? {
      productId: v.productId,
      productName: v.productName,
      subscriptions: 0,
      licensesBought: 0,
      licensesAssigned: 0,
      monthlySpendCents: 0,
    };
    byProduct.set(v.productId, {
      ...current,
      subscriptions: current.subscriptions + 1,
      licensesBought: current.licensesBought + v.quantity,
      licensesAssigned: current.licensesAssigned + v.assignedUsers.length,
      monthlySpendCents:
        current.monthlySpendCents +
        (v.channel === 'SelfService' && v.kind === 'Paid' && v.status === 'Active'
          ? v.termPriceCents
          : 0),
    });
  }
  return [...byProduct.values()].sort((a, b) => a.productName.localeCompare(b.productName));
}
