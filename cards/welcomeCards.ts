// The welcome card on install and the help card: what the bot does, the commands, and buttons for the main flows.

import type { Attachment } from 'botbuilder';
import type { Localizer } from '../locales/localizer.js';
import { messageCard } from './cardKit.js';
import { action, plain } from './render.js';

/** Shown on install in a personal chat and on "hi"; `name` comes from the directory and is escaped here. */
export function welcomeCard(t: Localizer, name: string, isAdmin: boolean): Attachment {
  return messageCard({
    title: t.t('welcome.title', { name: plain(name) }),
    text: t.t('welcome.text'),
    bullets: [
      t.t('welcome.ask'),
      t.t('welcome.buy'),
      t.t('welcome.manage'),
      ...(isAdmin ? [t.t('welcome.admin')] : []),
    ],
    note: t.t('welcome.note'),
    actions: [
      action(t.t('action.products'), 'products.list'),
      action(t.t('action.myPurchases'), 'purchases.list'),
      action(t.t('action.help'), 'help.show'),
    ],
  });
}

/** The commands, in the user's language. */
export function helpCard(t: Localizer): Attachment {
  return messageCard({
    title: t.t('help.title'),
    text: t.t('help.text'),
    bullets: [
      t.t('help.eligibility'),
      t.t('help.products'),
      t.t('help.buy'),
      t.t('help.trial'),
      t.t('help.purchases'),
      t.t('help.invoices'),
      t.t('help.request'),
      t.t('help.cancel'),
    ],
    note: t.t('help.note'),
    actions: [
      action(t.t('action.products'), 'products.list'),
      action(t.t('action.myPurchases'), 'purchases.list'),
    ],
  });
}
