// The applier of every subscription change (S-10, S-11, S-24, §3.3, §4.5): what it does to the record once its money
// has moved.

import type { Applier } from './changeRunner.js';
import { cancel, takeOver } from './endingAppliers.js';
import { addLicenses, removeLicenses } from './licenseAppliers.js';
import type { PendingOperation } from './model.js';
import { payInvoice, reactivation, renewal } from './termAppliers.js';

function unsupported(type: string): Applier {
  return () => {
    throw new Error(`${type} is not run through the change runner`);
  };
}

/** The applier of every operation type. */
export const APPLIERS: Readonly<Record<PendingOperation['type'], Applier>> = {
  New: unsupported('New'),
  AddLicenses: addLicenses,
  RemoveLicenses: removeLicenses,
  Cancel: cancel,
  TurnOffRecurringBilling: cancel,
  Renewal: renewal,
  TrialConversion: renewal,
  Reactivation: reactivation,
  PayInvoice: payInvoice,
  TakeOver: takeOver,
};
