// Answers admins' typed commands before the user flows: MSCommerce cmdlets, purchases, export, policies, audit,
// license requests and plain-words policy changes, for the admin's own tenant or a partner's customer.

import type { Attachment, TurnContext } from 'botbuilder';
import { messageCard } from '../../cards/cardKit.js';
import { plain } from '../../cards/render.js';
import type { Localizer } from '../../locales/localizer.js';
import { resolveActor, type Caller } from '../../services/access/actor.js';
import { can } from '../../services/access/permissions.js';
import { findProduct } from '../../services/catalog/catalog.js';
import { POLICY_PRODUCTS, type Product } from '../../services/catalog/products.js';
import type { Domain } from '../../services/domain.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { CommandHandler, PrivateSender } from '../mainDialog.js';
import {
  adminPurchasesScreen,
  adminRefusalCard,
  auditScreen,
  policyScreen,
  requestsScreen,
  tenantLine,
} from '../screens/adminScreens.js';
import { recognize } from '../intents.js';
import { callerOf, isPersonal, localizerOf } from '../turnInfo.js';
import { recognizeAdmin, splitCustomer, type AdminIntent } from './adminIntents.js';
import type { CsvExporter } from './csvExporter.js';
import type { MsCommerceConsole } from './msCommerceConsole.js';

/** The tenant a command acts on: the caller's own, or a customer named by a partner. */
export async function targetTenant(
  domain: Domain,
  caller: Caller,
  customer: string | undefined,
): Promise<{ ok: true; tenantId: string } | { ok: false; customer: string }> {
  if (!customer) return { ok: true, tenantId: caller.tenantId };
  const wanted = customer.toLowerCase();
  for (const relationship of await domain.directory.customerRelationshipsOf(caller.tenantId)) {
    const tenant = await domain.directory.getTenant(relationship.customerTenantId);
    if (!tenant) continue;
    const names = [tenant.id, tenant.name, ...tenant.domains].map((n) => n.toLowerCase());
    if (names.includes(wanted)) return { ok: true, tenantId: tenant.id };
  }
  return { ok: false, customer };
}

/** Routes admin commands; returns false for anything that is not one, so the user flows get it. */
export class AdminCommands implements CommandHandler {
  constructor(
    private readonly domain: Domain,
    private readonly console: MsCommerceConsole,
    private readonly exporter: CsvExporter,
    private readonly sendPrivately: PrivateSender,
  ) {}

  async tryHandle(context: TurnContext, text: string): Promise<boolean> {
    const caller = callerOf(context.activity);
    if (!caller) return false;
    if (await this.console.hasPromptFor(context, caller)) {
      // A prompt takes a value, not a new command: "Update-MSCommerce…", "buy …" or an empty message drop it.
      if (!text.trim() || this.isCommand(text)) await this.console.dropPrompt(context);
      else {
        await this.console.answerPrompt(context, caller, text);
        return true;
      }
    }
    if (!text.trim()) return false;
    const { customer, command } = splitCustomer(text);
    const isScript = this.console.isScript(command);
    const intent = isScript ? undefined : recognizeAdmin(command);
    if (!isScript && !intent) return false;
    if (
      intent?.kind === 'purchases' &&
      !intent.explicit &&
      !customer &&
      !(await this.mayViewAll(caller))
    ) {
      return false; // "purchases" from a non-admin means their own purchases
    }
    const t = localizerOf(context);
    const target = await targetTenant(this.domain, caller, customer);
    if (!target.ok) {
      await context.sendActivity(t.t('admin.noSuchCustomer', { customer: plain(target.customer) }));
      return true;
    }
    if (isScript) {
      await this.console.run(context, caller, target.tenantId, command);
      return true;
    }
    if (intent) await this.answer(context, t, caller, target.tenantId, intent);
    return true;
  }

  /** Whether a message is something the bot would act on by itself (a script, an admin or a user command). */
  private isCommand(text: string): boolean {
    const { command } = splitCustomer(text);
    if (this.console.isScript(command) || recognizeAdmin(command)) return true;
    const intent = recognize(text).kind;
    return intent !== 'unknown' && intent !== 'cancel'; // "cancel" cancels the prompt itself
  }

  private async answer(
    context: TurnContext,
    t: Localizer,
    caller: Caller,
    tenantId: string,
    intent: AdminIntent,
  ): Promise<void> {
    const send = (attachment: Attachment): Promise<void> =>
      this.reply(context, attachment, intent.kind !== 'policies' && intent.kind !== 'audit');
    switch (intent.kind) {
      case 'purchases':
      case 'export': {
        let filter = intent.filter;
        if (intent.productText) {
          const product = this.product(intent.productText);
          if (!product.ok) return this.ask(context, t, tenantId, product.message(t));
          filter = { ...filter, productId: product.product.productId };
        }
        if (intent.kind === 'export') {
          // Like the purchases list: the file (names, prices) goes to the personal chat, where Teams offers files.
          const offer = await this.exporter.offer(context, caller, tenantId, filter);
          if (isPersonal(context.activity)) return void (await context.sendActivity(offer));
          const sent = await this.sendPrivately(context, offer.attachments);
          return void (await context.sendActivity(
            t.t(sent ? 'dialog.sentPrivately' : 'dialog.openPrivateChat'),
          ));
        }
        return send(await adminPurchasesScreen(this.domain, t, caller, tenantId, filter, 0));
      }
      case 'policies':
        return send(await policyScreen(this.domain, t, caller, tenantId));
      case 'audit':
        return send(await auditScreen(this.domain, t, caller, tenantId));
      case 'requests':
        for (const card of await requestsScreen(this.domain, t, caller, tenantId)) await send(card);
        return;
      case 'setPolicy':
        return this.setPolicy(context, t, caller, tenantId, intent.productText, intent.value);
    }
  }

  /** "disable Visio Plan 2", "stäng av alla produkter": the same change as the cmdlet, said in words. */
  private async setPolicy(
    context: TurnContext,
    t: Localizer,
    caller: Caller,
    tenantId: string,
    productText: string,
    value: PolicyValue,
  ): Promise<void> {
    const all = /^(all|all products|every product|alla|alla produkter)$/i.test(productText.trim());
    const products = all
      ? POLICY_PRODUCTS.filter(
          (p) => value !== 'OnlyTrialsWithoutPaymentMethod' || p.trialWithoutPaymentMethod,
        )
      : [];
    if (!all) {
      const found = this.product(productText);
      if (!found.ok) return this.ask(context, t, tenantId, found.message(t));
      products.push(found.product);
    }
    const lines: string[] = [];
    let tenantName = '';
    for (const product of products) {
      const result = await this.domain.policies.updateProductPolicy(
        caller,
        tenantId,
        product.productId,
        value,
        'chat',
      );
      if (!result.ok) {
        await this.reply(
          context,
          await adminRefusalCard(this.domain, t, caller, tenantId, {
            code: result.refusal.code,
            facts: { ...result.refusal.facts, productName: product.name },
          }),
          false,
        );
        return;
      }
      tenantName = result.value.tenantName;
      lines.push(
        t.t(result.value.changed ? 'policy.changed' : 'policy.unchanged', {
          product: product.name,
          value: t.t(`policy.${value}`),
        }),
      );
    }
    await this.reply(
      context,
      messageCard({
        title: t.t('policy.doneTitle'),
        bullets: lines,
        note: t.t('admin.tenant', { tenant: plain(tenantName) }),
        color: 'Good',
      }),
      false,
    );
  }

  /** A question back ("which Visio?"), naming the tenant like every admin answer (S-18). */
  private async ask(
    context: TurnContext,
    t: Localizer,
    tenantId: string,
    question: string,
  ): Promise<void> {
    await context.sendActivity(`${question}\n\n${await tenantLine(this.domain, t, tenantId)}`);
  }

  private product(
    text: string,
  ): { ok: true; product: Product } | { ok: false; message: (t: Localizer) => string } {
    const lookup = findProduct(text);
    if (lookup.kind === 'found' && POLICY_PRODUCTS.includes(lookup.product))
      return { ok: true, product: lookup.product };
    const candidates =
      lookup.kind === 'ambiguous'
        ? lookup.candidates.filter((p) => POLICY_PRODUCTS.includes(p))
        : [];
    return {
      ok: false,
      message: (t) =>
        candidates.length
          ? t.t('admin.whichProduct', {
              text: plain(text),
              candidates: t.list(candidates.map((p) => p.name)),
            })
          : t.t('admin.unknownProduct', { text: plain(text) }),
    };
  }

  private async mayViewAll(caller: Caller): Promise<boolean> {
    const actor = await resolveActor(this.domain.directory, caller);
    return actor.ok && can(actor.value, 'viewAllPurchases');
  }

  /**
   * Purchases and requests name people and prices: outside the personal chat they are sent there privately.
   * Policy answers may stay where they were asked (an IT team's channel).
   */
  private async reply(
    context: TurnContext,
    attachment: Attachment,
    privateDetails: boolean,
  ): Promise<void> {
    if (!privateDetails || isPersonal(context.activity)) {
      await context.sendActivity({ attachments: [attachment] });
      return;
    }
    const sent = await this.sendPrivately(context, [attachment]);
    await context.sendActivity(
      localizerOf(context).t(sent ? 'dialog.sentPrivately' : 'dialog.openPrivateChat'),
    );
  }
}
