// One sentence saying what a change did ("Done: 2 licenses added, $28.00 charged"), or that it was done already.

import type { Localizer, MessageKey } from '../../locales/localizer.js';
import type { ChangeOutcome } from '../../services/subscriptions/changeRunner.js';
import { plain } from '../../cards/render.js';

/** The sentence for an outcome of the domain's change runner or license service. */
export function outcomeNote(t: Localizer, outcome: ChangeOutcome): string {
  const f = outcome.facts;
  const order = outcome.orderId ?? '';
  if (outcome.alreadyDone)
    return t.t(order ? alreadyDoneKey(outcome) : 'outcome.alreadyDone', { order });
  const users = Array.isArray(f.users) ? f.users.map((u) => plain(String(u))) : [];
  const params = {
    order,
    // The number the sentence's noun follows: the people for an assignment, else the licenses changed.
    count:
      outcome.type === 'Assign' || outcome.type === 'Unassign'
        ? users.length
        : Math.abs(typeof f.delta === 'number' ? f.delta : 0),
    amount: t.money(Math.abs(outcome.amountCents ?? 0)),
    date: t.date(
      typeof f.effectiveAt === 'string'
        ? f.effectiveAt
        : typeof f.activeUntil === 'string'
          ? f.activeUntil
          : '',
    ),
    users: t.list(users),
    free: typeof f.free === 'number' ? f.free : 0,
  };
  const key: Record<string, string> = {
    AddLicenses: 'outcome.added',
    RemoveLicenses: f.effective === 'now' ? 'outcome.removedNow' : 'outcome.removedLater',
    Cancel: f.status === 'Disabled' ? 'outcome.cancelledNow' : 'outcome.cancelledLater',
    PayInvoice: 'outcome.paid',
    Assign: 'outcome.assigned',
    Unassign: 'outcome.unassigned',
  };
  return t.t((key[outcome.type] ?? 'outcome.done') as MessageKey, params);
}

/** "Already done" says what was done: only a repeated purchase or charge says that nothing more was charged. */
function alreadyDoneKey(outcome: ChangeOutcome): MessageKey {
  switch (outcome.type) {
    case 'AddLicenses':
      return 'outcome.alreadyAdded';
    case 'RemoveLicenses':
      return 'outcome.alreadyRemoved';
    case 'Cancel':
    case 'TurnOffRecurringBilling':
      return outcome.type === 'Cancel' && outcome.facts.status === 'Disabled'
        ? 'outcome.alreadyCancelled'
        : 'outcome.alreadyBillingOff';
    case 'TakeOver':
      return 'outcome.alreadyTakenOver';
    case 'Reactivation':
      return 'outcome.alreadyReactivated';
    case 'PayInvoice':
      return 'outcome.alreadyPaid';
    case 'New':
    case 'TrialConversion':
      return 'outcome.alreadyBought';
    default:
      return 'outcome.alreadyDoneOrder';
  }
}
