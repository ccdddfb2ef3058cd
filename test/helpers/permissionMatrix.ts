// Runs the §1.2 permission matrix as tables: one test per cell, each calling the real service as that column's actor.

import { expect } from 'chai';
import type { Caller } from '../../services/access/actor.js';
import type { Result } from '../../services/result.js';
import { buy, fixture, PRODUCT, type Fixture } from './domainFixture.js';
import { tenantId } from './seed.js';

/** The matrix's columns, in the order of domain.md §1.2; License and User admin share a column, both are tried. */
export const COLUMNS = [
  ['user', 'bob', 'Contoso'],
  ['guest', 'judy', 'Contoso'],
  ['buyer', 'alice', 'Contoso'],
  ['Global admin', 'carol', 'Contoso'],
  ['Billing admin', 'dave', 'Contoso'],
  ['Global reader', 'erin', 'Contoso'],
  ['License admin', 'frank', 'Contoso'],
  ['User admin', 'grace', 'Contoso'],
  ['partner, GA role', 'pat', 'Adatum Partners'],
  ['partner, Billing/Reader role', 'tom', 'Tailspin MSP'],
] as const;

/** Short words of the cell strings; any other word is expected as it is ('own', 'all', 'notified'...). */
const LEGEND: Readonly<Record<string, string | undefined>> = {
  Y: 'ok',
  '-': undefined, // n/a in domain.md: no test
  DENIED: 'ACCESS_DENIED',
  NOTOWNER: 'NOT_SUBSCRIPTION_OWNER',
  TAKEOVER: 'TAKEOVER_REQUIRED',
  '403': 'POLICY_FORBIDDEN',
  GUEST: 'GUEST_NOT_ALLOWED',
  // Partners reach a customer's subscriptions only through the admin services, which name the customer tenant;
  // the buyer services look in the partner's own tenant and find nothing there.
  NOTFOUND: 'SUBSCRIPTION_NOT_FOUND',
  NOINV: 'INVOICE_NOT_FOUND',
};

/** What a test starts from: Alice bought 3 Power BI Pro (one assigned to her), Heidi bought 1 Visio Plan 1. */
export interface Scene {
  readonly f: Fixture;
  readonly contoso: string;
  /** Alice's subscription: "own" for the Buyer column. */
  readonly sub: string;
  /** Heidi's subscription: someone else's purchase. */
  readonly other: string;
}

/** A scene plus the actor of the cell. */
export interface Cell extends Scene {
  readonly who: Caller;
}

/** One action: its name, ten space-separated cells in column order, and how to do it as the cell's actor. */
export interface MatrixRow {
  readonly action: string;
  readonly cells: string;
  /** Does the action; returns 'ok' (or what the actor saw) or the refusal code. */
  readonly run: (cell: Cell) => Promise<string>;
}

/** A row. A cell ending in '!' is what the spec says but the code does not do: skipped, with a BUG comment. */
export function row(action: string, cells: string, run: MatrixRow['run']): MatrixRow {
  if (cells.trim().split(/\s+/).length !== COLUMNS.length) {
    throw new Error(`${action}: expected ${COLUMNS.length} cells in "${cells}"`);
  }
  return { action, cells, run };
}

export async function baseScene(): Promise<Scene> {
  const f = fixture();
  const sub = (await buy(f, f.as('alice'), PRODUCT.powerBiPro, 3)).subscriptionId;
  const other = (await buy(f, f.as('heidi'), PRODUCT.visioPlan1, 1)).subscriptionId;
  return { f, contoso: tenantId(f.seed, 'Contoso'), sub, other };
}

/** 'ok' when the result is ok and `check` (if given) holds on its value; otherwise the refusal code. */
export function outcome<T>(result: Result<T>, check?: (value: T) => boolean): string {
  if (!result.ok) return result.refusal.code;
  return !check || check(result.value) ? 'ok' : 'ok, but not as expected';
}

/** One `it` per cell of each row, on a fresh scene. */
export function runMatrix(
  rows: readonly MatrixRow[],
  scene: () => Promise<Scene> = baseScene,
): void {
  for (const r of rows) {
    describe(r.action, () => {
      r.cells
        .trim()
        .split(/\s+/)
        .forEach((word, i) => {
          const known = word.endsWith('!');
          const key = known ? word.slice(0, -1) : word;
          const expected = key in LEGEND ? LEGEND[key] : key;
          const [column, name, tenant] = COLUMNS[i] ?? [];
          if (expected === undefined || !column || !name) return;
          const test = known ? it.skip : it;
          test(`${column} (${name}): ${expected}${known ? ' [BUG]' : ''}`, async () => {
            const s = await scene();
            const who = s.f.as(name, tenant);
            expect(await r.run({ ...s, who })).to.equal(expected);
          });
        });
    });
  }
}
