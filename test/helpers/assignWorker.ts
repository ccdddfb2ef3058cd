// A second bot process for twoProcesses.test.ts: assigns licenses and repeats a purchase on a shared SQLite file.
//
// Run as `node --import tsx test/helpers/assignWorker.ts '<WorkerInput as JSON>'`. It opens the store, prints
// `ready`, waits for `go` on stdin (so that both workers start their burst together), then runs every assign and
// the purchase at once and prints one line of JSON (a WorkerReport) before it exits.

import { createInterface } from 'node:readline';
import { SqliteAtomicStore } from '../../services/store/sqliteStore.js';
import { bigTenantSeed, loadUserUpns } from '../fixtures/bigTenant.js';
import { tally } from './contention.js';
import { fixture, PRODUCT } from './domainFixture.js';

/** What the parent test tells a worker to do. */
export interface WorkerInput {
  readonly file: string;
  readonly subscriptionId: string;
  /** The owner of the subscription, who assigns (a first name in Contoso). */
  readonly assigner: string;
  /** Which generated users this worker assigns: `count` of them from `from` on. */
  readonly from: number;
  readonly count: number;
  /** The buyer of the repeated purchase, their saved card and the checkout's idempotency key. */
  readonly buyer: string;
  readonly cardId: string;
  readonly idempotencyKey: string;
  readonly quantity: number;
}

/** What a worker prints when done. */
export interface WorkerReport {
  readonly assigns: Record<string, number>;
  readonly purchase:
    | { readonly subscriptionId: string; readonly orderId: string; readonly alreadyDone: boolean }
    | { readonly refusal: string };
}

async function waitForGo(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'go') break;
  }
  lines.close();
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '') as WorkerInput;
  const store = await SqliteAtomicStore.open(input.file);
  try {
    const f = fixture({ store, seed: bigTenantSeed() });
    const assigner = f.as(input.assigner);
    const buyer = f.as(input.buyer);
    process.stdout.write('ready\n');
    await waitForGo();
    const [assigns, purchase] = await Promise.all([
      Promise.all(
        loadUserUpns(input.count, input.from).map((upn) =>
          f.domain.licenses.assign(assigner, input.subscriptionId, [upn], `assign-${upn}`),
        ),
      ),
      f.domain.purchases.purchase({
        caller: buyer,
        productId: PRODUCT.powerBiPro,
        quantity: input.quantity,
        payment: { cardId: input.cardId },
        idempotencyKey: input.idempotencyKey,
      }),
    ]);
    const report: WorkerReport = {
      assigns: tally(assigns),
      purchase: purchase.ok
        ? {
            subscriptionId: purchase.value.subscriptionId,
            orderId: purchase.value.orderId,
            alreadyDone: purchase.value.alreadyDone,
          }
        : { refusal: purchase.refusal.code },
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await store.close();
  }
}

await main();
