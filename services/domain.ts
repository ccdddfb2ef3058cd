// The domain's composition: every service built from a store, a directory, a clock and a payment provider.

import type { Clock } from './clock.js';
import type { Directory } from './directory/directory.js';
import { EligibilityService } from './eligibility/eligibility.js';
import { LicenseRequestService } from './admin/licenseRequests.js';
import { PurchasesOverviewService } from './admin/purchasesOverview.js';
import { TakeoverService } from './admin/takeoverService.js';
import { PurchaseDecisionService } from './admin/purchaseDecisions.js';
import { NotificationOutbox } from './notifications/outbox.js';
import { PaymentMethods } from './payments/paymentMethods.js';
import type { PaymentProvider } from './payments/paymentProvider.js';
import { SimulatedCardProvider } from './payments/simulatedCardProvider.js';
import { PolicyService } from './policies/policyService.js';
import type { AtomicStore } from './store/atomicStore.js';
import { Records } from './store/records.js';
import { APPLIERS } from './subscriptions/appliers.js';
import { BuyerService } from './subscriptions/buyerService.js';
import { ChangeRunner } from './subscriptions/changeRunner.js';
import { LicenseService } from './subscriptions/licenseService.js';
import { LifecycleJob } from './subscriptions/lifecycleJob.js';
import { PurchaseService } from './subscriptions/purchaseService.js';
import { SubscriptionRepository } from './subscriptions/subscriptionRepository.js';

/** What the domain needs from outside. */
export interface DomainDependencies {
  readonly store: AtomicStore;
  readonly directory: Directory;
  readonly clock: Clock;
  /** Defaults to the simulated card provider on the same store. */
  readonly paymentProvider?: PaymentProvider;
}

/** Every domain service; the bot holds one of these and nothing else from `services/`. */
export interface Domain {
  readonly store: AtomicStore;
  readonly records: Records;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly payments: PaymentProvider;
  readonly paymentMethods: PaymentMethods;
  readonly policies: PolicyService;
  readonly eligibility: EligibilityService;
  readonly subscriptions: SubscriptionRepository;
  readonly purchases: PurchaseService;
  readonly buyers: BuyerService;
  readonly licenses: LicenseService;
  readonly overview: PurchasesOverviewService;
  readonly takeovers: TakeoverService;
  readonly licenseRequests: LicenseRequestService;
  readonly decisions: PurchaseDecisionService;
  readonly outbox: NotificationOutbox;
  readonly lifecycle: LifecycleJob;
}

/** Builds the domain. Nothing here touches the network or the store until a method is called. */
export function createDomain(deps: DomainDependencies): Domain {
  const { store, directory, clock } = deps;
  const records = new Records(store);
  const payments = deps.paymentProvider ?? new SimulatedCardProvider(records, clock);
  const outbox = new NotificationOutbox(records, clock);
  const policies = new PolicyService(records, directory, clock);
  const eligibility = new EligibilityService(directory, policies, clock);
  const paymentMethods = new PaymentMethods(records, payments, clock);
  const subscriptions = new SubscriptionRepository(records, directory, outbox);
  const runner = new ChangeRunner(records, payments, outbox, clock, APPLIERS);
  const purchases = new PurchaseService(
    records,
    subscriptions,
    eligibility,
    paymentMethods,
    payments,
    directory,
    clock,
  );
  const buyers = new BuyerService(records, subscriptions, runner, paymentMethods, directory, clock);
  const licenses = new LicenseService(records, buyers, directory);
  const overview = new PurchasesOverviewService(subscriptions, directory, clock);
  const takeovers = new TakeoverService(records, subscriptions, runner, directory, clock);
  const licenseRequests = new LicenseRequestService(
    records,
    subscriptions,
    policies,
    outbox,
    directory,
    clock,
  );
  const decisions = new PurchaseDecisionService(
    records,
    subscriptions,
    policies,
    takeovers,
    directory,
    clock,
  );
  const lifecycle = new LifecycleJob(records, subscriptions, runner, purchases, outbox, clock);
  lifecycle.addHook(takeovers);
  lifecycle.addHook(licenseRequests);
  return {
    store,
    records,
    directory,
    clock,
    payments,
    paymentMethods,
    policies,
    eligibility,
    subscriptions,
    purchases,
    buyers,
    licenses,
    overview,
    takeovers,
    licenseRequests,
    decisions,
    outbox,
    lifecycle,
  };
}
