// The port through which an admin command offers the purchases list as a CSV file (Teams file consent).

import type { Attachment, TurnContext } from 'botbuilder';
import type { Caller } from '../../services/access/actor.js';
import type { PurchaseFilter } from '../../services/admin/purchasesOverview.js';

/** The message that offers the file (or says why not); the command decides where it goes. */
export interface CsvOffer {
  readonly text?: string;
  readonly attachments: Attachment[];
}

/**
 * Makes the offer of the filtered purchases of a tenant as a file; the bot implements it with Teams' file consent
 * flow. The offer is returned, not sent, so that it goes to the personal chat like the purchases list does.
 */
export interface CsvExporter {
  offer(
    context: TurnContext,
    caller: Caller,
    tenantId: string,
    filter: PurchaseFilter,
  ): Promise<CsvOffer>;
}
