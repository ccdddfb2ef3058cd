// The port through which an admin command offers the purchases list as a CSV file (Teams file consent).

import type { TurnContext } from 'botbuilder';
import type { Caller } from '../../services/access/actor.js';
import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';

/** Offers the filtered purchases of a tenant as a file; the bot implements it with Teams' file consent flow. */
export interface CsvExporter {
  offer(
    context: TurnContext,
    caller: Caller,
    tenantId: string,
    filter: PurchaseFilter,
  ): Promise<void>;
}
