// Two real bot processes on one SQLite file: no license handed out twice, no purchase charged twice.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { SimulatedCardProvider } from '../../services/payments/simulatedCardProvider.js';
import { SqliteAtomicStore } from '../../services/store/sqliteStore.js';
import { bigTenantSeed } from '../fixtures/bigTenant.js';
import type { WorkerInput, WorkerReport } from '../helpers/assignWorker.js';
import { subscriptionWithFreeLicenses } from '../helpers/contention.js';
import { addCard, expectOk, fixture } from '../helpers/domainFixture.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('../helpers/assignWorker.ts', import.meta.url));

/** A running worker: resolves `ready` once it has opened the store, `report` once it has finished. */
interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly report: Promise<WorkerReport>;
}

function startWorker(input: WorkerInput): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(input)], {
    cwd: ROOT,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const failed = (why: string): Error => new Error(`worker ${input.from}: ${why}\n${stderr}`);
  let markReady!: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    void exited.then(() => reject(failed('exited before it was ready')));
  });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    let last: WorkerReport | undefined;
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('{')) last = JSON.parse(line) as WorkerReport;
    });
    void exited.then((code) =>
      code === 0 && last ? resolve(last) : reject(failed(`exited with code ${code}`)),
    );
  });
  return { child, ready, report };
}

describe('two bot processes sharing one SQLite file', function () {
  this.timeout(120_000);
  let dir: string;
  const workers: Worker[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ssp-two-processes-'));
  });

  after(async () => {
    for (const { child } of workers) {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('assign exactly 10 of 10 licenses among 200 racing assigns, and charge one repeated purchase once', async () => {
    const file = join(dir, 'shared.sqlite');
    const seed = bigTenantSeed();
    const setupStore = await SqliteAtomicStore.open(file);
    const setup = fixture({ store: setupStore, seed });
    const subscriptionId = await subscriptionWithFreeLicenses(setup, setup.as('alice'), 10);
    // Saved once, so both processes pay with the same card id.
    const card = await addCard(setup, setup.as('bob'));
    await setupStore.close();

    const common = {
      file,
      subscriptionId,
      assigner: 'alice',
      count: 100,
      buyer: 'bob',
      cardId: card.cardId,
      idempotencyKey: 'checkout-card-action-1',
      quantity: 2,
    };
    workers.push(startWorker({ ...common, from: 0 }), startWorker({ ...common, from: 100 }));
    await Promise.all(workers.map((w) => w.ready));
    for (const { child } of workers) child.stdin.end('go\n');
    const reports = await Promise.all(workers.map((w) => w.report));

    const assigned = reports.reduce((sum, r) => sum + (r.assigns.ok ?? 0), 0);
    const refused = reports.reduce((sum, r) => sum + (r.assigns.INSUFFICIENT_LICENSES ?? 0), 0);
    expect({ assigned, refused }).to.deep.equal({ assigned: 10, refused: 190 });
    for (const r of reports) {
      expect(['ok', 'INSUFFICIENT_LICENSES'], 'no other outcome').to.include.members(
        Object.keys(r.assigns),
      );
    }

    const receipts = reports.map((r) => r.purchase);
    for (const receipt of receipts) expect(receipt).to.not.have.property('refusal');
    const [first, second] = receipts as Array<{
      subscriptionId: string;
      orderId: string;
      alreadyDone: boolean;
    }>;
    expect(second?.subscriptionId).to.equal(first?.subscriptionId);
    expect(second?.orderId).to.equal(first?.orderId);
    expect(receipts.filter((r) => 'alreadyDone' in r && !r.alreadyDone)).to.have.length(1);

    const store = await SqliteAtomicStore.open(file);
    try {
      const after = fixture({ store, seed });
      const licensed = await after.domain.subscriptions.get(subscriptionId);
      expect(licensed?.assignedUserIds).to.have.length(10);

      const bob = after.as('bob');
      const purchases = expectOk(await after.domain.buyers.myPurchases(bob));
      expect(purchases.map((p) => p.id)).to.deep.equal([first?.subscriptionId]);
      expect(purchases[0]?.orders).to.have.length(1);

      const provider = after.domain.payments;
      if (!(provider instanceof SimulatedCardProvider))
        throw new Error('expected the simulated provider');
      const charges = await provider.transactionsFor(card.token);
      expect(charges.map((t) => [t.type, t.status])).to.deep.equal([['charge', 'succeeded']]);
      expect(charges[0]?.amountCents).to.equal(purchases[0]?.termPriceCents);
    } finally {
      await store.close();
    }
  });
});
