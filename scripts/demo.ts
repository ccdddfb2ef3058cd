// A command-line walk through the domain service on the demo directory: eligibility, a purchase, licenses,
// notifications, the admin view and a policy change. Runs on an in-memory store, so every run starts clean.

import { SettableClock } from '../services/clock.js';
import { SeedDirectory } from '../services/directory/seedDirectory.js';
import { createDomain } from '../services/domain.js';
import { findProduct, productById } from '../services/catalog/catalog.js';
import { MemoryAtomicStore } from '../services/store/memoryStore.js';
import type { Caller } from '../services/access/actor.js';

/* eslint-disable no-console */
const directory = SeedDirectory.fromFile(process.argv[2] ?? 'data/directory.json');
const clock = new SettableClock('2026-03-02T09:00:00Z');
const domain = createDomain({ store: new MemoryAtomicStore(), directory, clock });
const contoso = directory.listTenants().find((t) => t.name === 'Contoso')!;
const who = (name: string): Caller => {
  const user = directory
    .listUsers(contoso.id)
    .find((u) => (u.mail ?? u.upn).startsWith(`${name}@`))!;
  return { tenantId: contoso.id, userId: user.id };
};
const say = (line: string): void => console.log(line);

async function main(): Promise<void> {
  say(`Contoso, ${clock.now().toISOString()}\n`);
  for (const [name, productText] of [
    ['alice', 'power bi pro'],
    ['judy', 'visio 2'],
    ['priya', 'Power Apps'],
  ] as const) {
    const lookup = findProduct(productText);
    if (lookup.kind !== 'found') continue;
    const v = await domain.eligibility.check({
      applicant: { caller: who(name) },
      product: lookup.product,
      intent: 'purchase',
    });
    say(
      `${name}: can I buy ${lookup.product.name}? ${v.eligible ? 'yes' : `no (${v.code}, rule ${v.rule})`}`,
    );
  }
  const bob = who('bob');
  const card = await domain.paymentMethods.addCard(bob, {
    number: '4242 4242 4242 4242',
    expiryMonth: 12,
    expiryYear: 2030,
    cvc: '123',
    holder: 'Bob Brown',
  });
  if (!card.ok) throw new Error(card.refusal.code);
  const receipt = await domain.purchases.purchase({
    caller: bob,
    productId: 'CFQ7TTC0H9MP',
    quantity: 3,
    payment: { cardId: card.value.cardId },
    idempotencyKey: 'demo-checkout',
  });
  if (!receipt.ok) throw new Error(receipt.refusal.code);
  say(
    `\nbob buys 3 Power BI Pro: order ${receipt.value.orderId}, $${(receipt.value.totalCents / 100).toFixed(2)} on Visa 4242`,
  );
  const again = await domain.purchases.purchase({
    caller: bob,
    productId: 'CFQ7TTC0H9MP',
    quantity: 3,
    payment: { cardId: card.value.cardId },
    idempotencyKey: 'demo-checkout',
  });
  say(
    `bob double-clicks confirm: ${again.ok && again.value.alreadyDone ? `already done, order ${again.value.orderId}` : 'unexpected'}`,
  );
  const assigned = await domain.licenses.assign(
    bob,
    receipt.value.subscriptionId,
    ['alice@contoso.com', 'judy@humongous.org'],
    'demo-assign-1',
  );
  say(
    `bob assigns alice and judy: ${assigned.ok ? 'done' : `refused, ${assigned.refusal.code} (all or nothing)`}`,
  );
  await domain.licenses.assign(
    bob,
    receipt.value.subscriptionId,
    ['alice@contoso.com'],
    'demo-assign-2',
  );
  for (const admin of ['carol', 'dave', 'erin']) {
    const waiting = await domain.outbox.pending(who(admin));
    say(`notifications waiting for ${admin}: ${waiting.map((e) => e.kind).join(', ') || 'none'}`);
  }
  const overview = await domain.overview.list(who('erin'), contoso.id);
  if (overview.ok) {
    say('\nerin (Global reader) sees:');
    for (const item of overview.value.items) {
      say(
        `  ${item.productName} by ${item.purchaser?.displayName}: ${item.assignedUsers.length}/${item.quantity} assigned, ${item.status}, renews ${item.renewalDate?.slice(0, 10)}`,
      );
    }
  }
  const denied = await domain.policies.updateProductPolicy(
    who('erin'),
    contoso.id,
    'CFQ7TTC0H9MP',
    'Disabled',
    'MSCommerce',
  );
  say(`\nerin disables Power BI Pro: ${denied.ok ? 'done' : denied.refusal.code}`);
  const disabled = await domain.policies.updateProductPolicy(
    who('carol'),
    contoso.id,
    'CFQ7TTC0L3PB',
    'Disabled',
    'MSCommerce',
  );
  say(
    `carol disables it by its legacy id: ${disabled.ok ? `${disabled.value.policy.productId} is now ${disabled.value.policy.policyValue}` : disabled.refusal.code}`,
  );
  const alice = await domain.eligibility.check({
    applicant: { caller: who('alice') },
    product: productById('CFQ7TTC0H9MP'),
    intent: 'purchase',
  });
  say(`alice asks again: ${alice.eligible ? 'yes' : alice.code}`);
  clock.set('2026-04-02T09:00:00Z');
  const report = await domain.lifecycle.runOnce();
  say(
    `\none month later the lifecycle job renews ${report.renewed} subscription(s); existing purchases are not affected by the policy.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
