// The self-service purchase policy (§4.2): the per-product settings card and its audit trail.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { PolicyAuditEntry, ProductPolicyView } from '../services/policies/policyService.js';
import { formCard, messageCard } from './cardKit.js';
import { action, newActionId, plain } from './render.js';
import { tenantNote } from './tenantNote.js';

/** Every product with Allow / Trials only / Do not allow (the admin center's settings page, §4.2). */
export function policyCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  policies: readonly ProductPolicyView[],
  freeTrial: (productId: string) => boolean,
  note?: string,
  readOnly = false,
): Attachment {
  if (readOnly) {
    // Readers, Billing admins and partners see the settings; only a Global admin changes them on this card.
    return messageCard({
      title: t.t('policy.title'),
      text: note ?? t.t('policy.readOnly'),
      bullets: policies.map((p) =>
        t.t('policy.line', {
          product: p.productName,
          value: t.t(`policy.${p.policyValue}` as MessageKey),
        }),
      ),
      note: tenantNote(t, tenantName),
      actions: [action(t.t('action.audit'), 'audit.show', { tenantId })],
    });
  }
  return formCard({
    title: t.t('policy.title'),
    text: note ?? t.t('policy.text'),
    choiceSets: policies.map((p) => ({
      id: `p_${p.productId}`,
      label: p.productName,
      choices: [
        { title: t.t('policy.Enabled'), value: 'Enabled' },
        ...(freeTrial(p.productId)
          ? [
              {
                title: t.t('policy.OnlyTrialsWithoutPaymentMethod'),
                value: 'OnlyTrialsWithoutPaymentMethod',
              },
            ]
          : []),
        { title: t.t('policy.Disabled'), value: 'Disabled' },
      ],
      value: p.policyValue,
      required: true,
      errorMessage: t.t('policy.choose'),
    })),
    note: `${t.t('policy.footnote')}\n\n${tenantNote(t, tenantName)}`,
    actions: [
      action(
        t.t('action.savePolicies'),
        'policy.save',
        {
          actionId: newActionId(),
          tenantId,
          shown: Object.fromEntries(policies.map((p) => [p.productId, p.policyValue])),
        },
        { style: 'positive' },
      ),
      action(t.t('action.audit'), 'audit.show', { tenantId }, { associatedInputs: 'none' }),
    ],
  });
}

/** The most recent policy changes: who, when, old and new value, and how. */
export function auditCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  entries: readonly PolicyAuditEntry[],
): Attachment {
  return messageCard({
    title: t.t('audit.title'),
    text: entries.length ? undefined : t.t('audit.empty'),
    bullets: entries.map((e) =>
      t.t('audit.line', {
        at: t.dateTime(e.at),
        by: plain(e.byDisplayName),
        product: plain(e.targetName),
        old: t.t(`policy.${e.oldValue}` as MessageKey),
        new: t.t(`policy.${e.newValue}` as MessageKey),
        via: t.t(`via.${e.via}` as MessageKey),
      }),
    ),
    note: tenantNote(t, tenantName),
    actions: [action(t.t('action.policies'), 'policy.card', { tenantId })],
  });
}
