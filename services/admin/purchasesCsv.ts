// The purchases list as CSV (RFC 4180), for the admins' export; safe to open in a spreadsheet.

import { centsToDecimal } from '../money.js';
import type { SubscriptionView } from '../subscriptions/views.js';

const COLUMNS = [
  'Subscription',
  'Product',
  'Product ID',
  'Channel',
  'Kind',
  'Status',
  'Purchaser',
  'Purchaser UPN',
  'Purchaser left',
  'Licenses',
  'Assigned',
  'Assigned users',
  'Unit price (USD)',
  'Monthly price (USD)',
  'Start date',
  'Expiration date',
  'Recurring billing',
  'Orders',
] as const;

/**
 * Quotes a field when needed, and defuses spreadsheet formulas: a field starting with = + - @ (or a tab) gets a
 * leading apostrophe, so a display name can never run as a formula when the file is opened.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per subscription, with a header row; lines end in CRLF as RFC 4180 says. */
export function purchasesCsv(items: readonly SubscriptionView[]): string {
  const rows = items.map((v) => [
    v.id,
    v.productName,
    v.productId,
    v.channel,
    v.kind,
    v.status,
    v.purchaser?.displayName ?? '',
    v.purchaser?.upn ?? '',
    v.purchaser?.left ? 'yes' : 'no',
    String(v.quantity),
    String(v.assignedUsers.length),
    v.assignedUsers.map((u) => u.upn ?? u.displayName).join('; '),
    centsToDecimal(v.unitPriceCents),
    centsToDecimal(v.termPriceCents),
    v.startDate,
    v.expirationDate,
    v.recurringBilling ? 'yes' : 'no',
    v.orders
      .map(
        (o) =>
          `${o.id} ${o.type} ${o.quantityDelta >= 0 ? '+' : ''}${o.quantityDelta} ${centsToDecimal(o.amountCents)}`,
      )
      .join('; '),
  ]);
  return (
    [COLUMNS as readonly string[], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') +
    '\r\n'
  );
}
