// Where subscriptions live in the store: one record each, a per-tenant index, and the order-number counter.

import { randomBytes } from 'node:crypto';
import type { Directory } from '../directory/directory.js';
import type { NotificationOutbox } from '../notifications/outbox.js';
import type { Records } from '../store/records.js';
import { ok, refuse, type Result } from '../result.js';
import { freeLicenses, subscriptionKey, type SubscriptionRecord } from './model.js';

const TENANTS_INDEX = 'index:tenants';
const tenantIndex = (tenantId: string): string => `index:subs:${tenantId}`;
const ORDER_COUNTER = 'counter:order';
const FIRST_ORDER_NUMBER = 1001;

/**
 * Reads, indexes and updates subscription records. A record is always created before it is indexed, and readers
 * skip index entries whose record is not there yet, so nobody ever sees half a purchase.
 */
export class SubscriptionRepository {
  private readonly importedCentral = new Set<string>();

  constructor(
    readonly records: Records,
    private readonly directory: Directory,
    private readonly outbox: NotificationOutbox,
  ) {}

  get(id: string): Promise<SubscriptionRecord | undefined> {
    return this.records.read<SubscriptionRecord>(subscriptionKey(id));
  }

  /** Creates the record (once) and adds it to the indexes; safe to repeat after a crash. */
  async insert(sub: SubscriptionRecord): Promise<void> {
    await this.records.create(subscriptionKey(sub.id), sub);
    await this.records.addToSet(tenantIndex(sub.tenantId), sub.id);
    await this.records.addToSet(TENANTS_INDEX, sub.tenantId);
    await this.outbox.flush<SubscriptionRecord>(subscriptionKey(sub.id));
  }

  /** Every subscription of the tenant, central ones included (imported from the directory on first use). */
  async listByTenant(tenantId: string): Promise<SubscriptionRecord[]> {
    await this.importCentral(tenantId);
    const ids = await this.records.readSet(tenantIndex(tenantId));
    const subs = await Promise.all(ids.map((id) => this.get(id)));
    return subs.filter((s): s is SubscriptionRecord => s !== undefined);
  }

  /** Tenants that have at least one subscription in the store. */
  async tenantIds(): Promise<string[]> {
    return this.records.readSet(TENANTS_INDEX);
  }

  /** The next order number ("order 1042"), unique across processes. */
  async nextOrderId(): Promise<string> {
    const value = await this.records.update<{ next: number }, number>(ORDER_COUNTER, (current) => {
      const next = current?.next ?? FIRST_ORDER_NUMBER;
      return { write: { next: next + 1 }, result: next };
    });
    return String(value);
  }

  /**
   * Gives licenses of a central subscription to users (take-over "move users", approved license requests). Users who
   * already hold one there need none; the rest need one free license each, or nobody gets one.
   */
  async giveCentralLicenses(
    subscriptionId: string,
    userIds: readonly string[],
  ): Promise<Result<void>> {
    return this.records.update<SubscriptionRecord, Result<void>>(
      subscriptionKey(subscriptionId),
      (target) => {
        if (!target || target.channel !== 'Central' || target.status !== 'Active') {
          return { result: refuse('TARGET_NOT_CENTRAL', { subscriptionId }) };
        }
        const newcomers = userIds.filter((id) => !target.assignedUserIds.includes(id));
        if (newcomers.length === 0) return { result: ok(undefined) };
        const free = freeLicenses(target);
        if (newcomers.length > free) {
          return {
            result: refuse('INSUFFICIENT_LICENSES', {
              free,
              requested: newcomers.length,
              productName: target.productName,
            }),
          };
        }
        return {
          write: { ...target, assignedUserIds: [...target.assignedUserIds, ...newcomers] },
          result: ok(undefined),
        };
      },
    );
  }

  /** A new subscription id. */
  newId(): string {
    return `S-${randomBytes(6).toString('hex').toUpperCase()}`;
  }

  /** Copies the tenant's central subscriptions from the directory into the store, once per process. */
  async importCentral(tenantId: string): Promise<void> {
    if (this.importedCentral.has(tenantId)) return;
    const central = await this.directory.centralSubscriptions(tenantId);
    for (const c of central) {
      const record: SubscriptionRecord = {
        id: c.id,
        tenantId,
        productId: c.productId,
        productName: c.productName,
        channel: 'Central',
        kind: 'Paid',
        quantity: c.quantity,
        assignedUserIds: c.assignedUserIds,
        status: 'Active',
        statusChangedAt: c.startDate,
        startDate: c.startDate,
        termStart: c.startDate,
        expirationDate: c.expirationDate,
        termNumber: 1,
        windowAnchor: c.startDate,
        recurringBilling: true,
        unitPriceCents: 0,
        orders: [],
        invoices: [],
        appliedOperations: [],
      };
      await this.insert(record);
    }
    this.importedCentral.add(tenantId);
  }
}
