// Buying over HTTP as a person: the typed "buy …", then the checkout card filled in with a new test card.

import { expect } from 'chai';
import { cardText, cardWith, invokeCard, type TeamsUser } from './teamsUser.js';

/** The checkout card's inputs for a new card. */
export type CardInputs = {
  readonly cardNumber: string;
  readonly cardExpiry: string;
  readonly cardCvc: string;
  readonly cardHolder: string;
};

/** A test Visa the simulated provider accepts. */
export const TEST_VISA: CardInputs = {
  cardNumber: '4242 4242 4242 4242',
  cardExpiry: '12/30',
  cardCvc: '123',
  cardHolder: 'Bob Brown',
};

/** A test Mastercard the simulated provider accepts. */
export const TEST_MASTERCARD: CardInputs = { ...TEST_VISA, cardNumber: '5555 5555 5555 4444' };

/** Says "buy <what>", pays on the checkout card with `card` ("Confirm and pay <total>") and expects the receipt. */
export async function buyOverHttp(
  user: TeamsUser,
  what: string,
  total: string,
  card: CardInputs = TEST_VISA,
): Promise<void> {
  const checkout = cardWith((await user.say(`buy ${what}`)).replies, 'Total today');
  const receipt = invokeCard(await user.execute(checkout, `Confirm and pay ${total}`, card));
  expect(cardText(receipt)).to.include('Thank you!');
}

/** Bob installs the app and buys each of `purchases` ([what, total]) over HTTP with the test Mastercard. */
export async function bobBuys(
  bob: TeamsUser,
  purchases: readonly (readonly [what: string, total: string])[],
): Promise<void> {
  await bob.install();
  for (const [what, total] of purchases) await buyOverHttp(bob, what, total, TEST_MASTERCARD);
}
