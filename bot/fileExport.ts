// The purchases export as a CSV file: Teams' file consent flow (the user accepts, the bot uploads to their
// OneDrive, then shows the file), or a plain file attachment on channels without it.

import { randomUUID } from 'node:crypto';
import type { Attachment, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { messageCard } from '../cards/cardKit.js';
import { plain } from '../cards/render.js';
import type { CsvExporter, CsvOffer } from '../dialogs/admin/csvExporter.js';
import { refusalCard } from '../dialogs/screens/purchaseScreens.js';
import { localizerOf } from '../dialogs/turnInfo.js';
import type { Caller } from '../services/access/actor.js';
import { purchasesCsv } from '../services/admin/purchasesCsv.js';
import type { PurchaseFilter } from '../services/admin/purchasesOverview.js';
import type { Domain } from '../services/domain.js';
import type { Logger } from './logger.js';

interface PendingExport {
  readonly userId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly csv: string;
  readonly createdAt: string;
}

const exportKey = (id: string): string => `export:${id}`;

/** What Teams sends when the user accepts the file: where to upload it. */
const uploadInfoSchema = z.object({
  name: z.string().min(1),
  uploadUrl: z.string().url(),
  contentUrl: z.string().url(),
  uniqueId: z.string().min(1),
  fileType: z.string().min(1),
});
const consentContextSchema = z.object({ exportId: z.string().uuid() });

/** Offers and delivers purchase exports. */
export class FileExporter implements CsvExporter {
  constructor(
    private readonly domain: Domain,
    private readonly logger: Logger,
  ) {}

  /** The file consent card (a file attachment outside Teams) for the purchases, or the refusal. */
  async offer(
    context: TurnContext,
    caller: Caller,
    tenantId: string,
    filter: PurchaseFilter,
  ): Promise<CsvOffer> {
    const t = localizerOf(context);
    const overview = await this.domain.overview.list(caller, tenantId, filter);
    if (!overview.ok) return { attachments: [refusalCard(t, overview.refusal)] };
    const csv = purchasesCsv(overview.value.items);
    const day = this.domain.clock.now().toISOString().slice(0, 10);
    const slug = overview.value.tenantName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const name = `self-service-purchases-${slug}-${day}.csv`;
    // The tenant name comes from the directory: never Markdown, in the message nor on the consent card.
    const description = t.t('export.description', {
      tenant: plain(overview.value.tenantName),
      count: overview.value.items.length,
    });
    if (context.activity.channelId !== 'msteams') {
      const file: Attachment = {
        contentType: 'text/csv',
        name,
        contentUrl: `data:text/csv;base64,${Buffer.from(csv).toString('base64')}`,
      };
      return { text: description, attachments: [file] };
    }
    const exportId = randomUUID();
    await this.domain.records.create<PendingExport>(exportKey(exportId), {
      userId: caller.userId,
      tenantId,
      name,
      csv,
      createdAt: this.domain.clock.now().toISOString(),
    });
    return {
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.consent',
          name,
          content: {
            description,
            sizeInBytes: Buffer.byteLength(csv),
            acceptContext: { exportId },
            declineContext: { exportId },
          },
        },
      ],
    };
  }

  /** The user accepted: upload to the URL Teams gave, then show the file. Only the person it was made for may. */
  async accept(
    context: TurnContext,
    caller: Caller,
    rawContext: unknown,
    rawUploadInfo: unknown,
  ): Promise<void> {
    const t = localizerOf(context);
    const ids = consentContextSchema.safeParse(rawContext);
    const upload = uploadInfoSchema.safeParse(rawUploadInfo);
    const pending = ids.success
      ? await this.domain.records.read<PendingExport>(exportKey(ids.data.exportId))
      : undefined;
    if (!ids.success || !upload.success || !pending || pending.userId !== caller.userId) {
      await context.sendActivity({
        attachments: [messageCard({ title: t.t('export.gone'), color: 'Attention' })],
      });
      return;
    }
    const body = Buffer.from(pending.csv);
    const response = await fetch(upload.data.uploadUrl, {
      method: 'PUT',
      headers: {
        'content-length': String(body.length),
        'content-range': `bytes 0-${body.length - 1}/${body.length}`,
      },
      body,
    });
    if (!response.ok) {
      this.logger.warn('export.uploadFailed', { status: response.status });
      await context.sendActivity({
        attachments: [messageCard({ title: t.t('export.uploadFailed'), color: 'Attention' })],
      });
      return;
    }
    await this.domain.records.deleteWhen(exportKey(ids.data.exportId), () => true);
    await context.sendActivity({
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.card.file.info',
          contentUrl: upload.data.contentUrl,
          name: upload.data.name,
          content: { uniqueId: upload.data.uniqueId, fileType: upload.data.fileType },
        },
      ],
    });
  }

  /** The user declined: forget the file. */
  async decline(context: TurnContext, rawContext: unknown): Promise<void> {
    const ids = consentContextSchema.safeParse(rawContext);
    if (ids.success) await this.domain.records.deleteWhen(exportKey(ids.data.exportId), () => true);
    await context.sendActivity(localizerOf(context).t('export.declined'));
  }
}
