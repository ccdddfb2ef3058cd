// Answers admins' typed commands before the user flows: MSCommerce cmdlets, purchases, export, policies, audit,
// license requests and plain-words policy changes, for the admin's own tenant or a partner's customer.

import type { Attachment, TurnContext } from 'botbuilder';
import { messageCard } from '../../cards/cardKit.js';
import { plain } from '../../cards/render.js';
import type { Localizer } from '../../locales/localizer.js';
import { resolveActor, type Caller } from '../../services/access/actor.js';
import { can } from '../../services/access/permissions.js';
import { findProduct } from '../../services/catalog/catalog.js';
import { IN_SCOPE_PRODUCTS, type Product } from '../../services/catalog/products.js';
import type { Domain } from '../../services/domain.js';
import type { PolicyValue } from '../../services/policies/policyService.js';
import type { CommandHandler, PrivateSender } from '../mainDialog.js';
import {
  adminPurchasesScreen,
  auditScreen,
  policyScreen,
  requestsScreen,
} from '../screens/adminScreens.js';
import { refusalCard } from '../screens/purchaseScreens.js';
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
    if (!caller || !text.trim()) return false;
    if (await this.console.hasPrompt(context)) {
      await this.console.answerPrompt(context, caller, text);
      return true;
    }
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
          if (!product.ok) return void (await context.sendActivity(product.message(t)));
          filter = { ...filter, productId: product.product.productId };
        }
        if (intent.kind === 'export') {
          if (!isPersonal(context.activity))
            return void (await context.sendActivity(t.t('dialog.openPrivateChat')));
          await this.exporter.offer(context, caller, tenantId, filter);
          return;
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
      ? IN_SCOPE_PRODUCTS.filter(
          (p) => value !== 'OnlyTrialsWithoutPaymentMethod' || p.trialWithoutPaymentMethod,
        )
      : [];
    if (!all) {
      const found = this.product(productText);
      if (!found.ok) return void (await context.sendActivity(found.message(t)));
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
          refusalCard(t, {
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

  private product(
    text: string,
  ): { ok: true; product: Product } | { ok: false; message: (t: Localizer) => string } {
    const lookup = findProduct(text);
    if (lookup.kind === 'found' && lookup.product.inScope)
      return { ok: true, product: lookup.product };
    const candidates =
      lookup.kind === 'ambiguous' ? lookup.candidates.filter((p) => p.inScope) : [];
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
