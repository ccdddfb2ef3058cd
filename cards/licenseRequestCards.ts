// License requests (§4.3): the user's request for a blocked product, the admin's pending requests and the outcome.

import type { Attachment } from 'botbuilder';
import type { Localizer, MessageKey } from '../locales/localizer.js';
import type { LicenseRequest } from '../services/admin/licenseRequests.js';
import type { SubscriptionView } from '../services/subscriptions/views.js';
import type { Refusal } from '../services/result.js';
import { formCard, messageCard } from './cardKit.js';
import { refusalMessage } from './refusalMessage.js';
import { action, newActionId, plain } from './render.js';
import { centralTargets } from './takeoverForm.js';
import { tenantNote } from './tenantNote.js';

/** A license request for a blocked product (§4.3): for me and/or colleagues, with an optional message. */
export function requestForm(t: Localizer, productId: string, productName: string): Attachment {
  return formCard({
    title: t.t('request.title', { product: productName }),
    text: t.t('request.text'),
    choiceSets: [
      {
        id: 'forSelf',
        label: t.t('request.forSelf'),
        choices: [
          { title: t.t('request.yes'), value: 'true' },
          { title: t.t('request.no'), value: 'false' },
        ],
        value: 'true',
        style: 'expanded',
        required: true,
        errorMessage: t.t('request.forSelfError'),
      },
    ],
    texts: [
      {
        id: 'others',
        label: t.t('request.others'),
        placeholder: t.t('licenses.othersPlaceholder'),
        maxLength: 2000,
        errorMessage: t.t('licenses.othersError'),
      },
      {
        id: 'message',
        label: t.t('request.message'),
        multiline: true,
        maxLength: 500,
        errorMessage: t.t('request.messageError'),
      },
    ],
    actions: [
      action(
        t.t('action.sendRequest'),
        'request.submit',
        { actionId: newActionId(), productId },
        { style: 'positive' },
      ),
    ],
  });
}

/**
 * Why a license request is not the way. The organization's own request message is the admin's free text: it is
 * shown as a quote (a TextRun, never Markdown, so nothing is escaped), exactly as the eligibility card shows it.
 */
export function requestRefusalCard(t: Localizer, refusal: Refusal): Attachment {
  const custom = refusal.code === 'CUSTOM_REQUEST_PROCESS' ? refusal.facts.message : undefined;
  return messageCard({
    title: t.t('refusal.title'),
    text: typeof custom === 'string' ? t.t('request.customProcess') : refusalMessage(t, refusal),
    quote: typeof custom === 'string' ? custom : undefined,
    color: 'Attention',
  });
}

/** Pending license requests, each with approve (choosing users and a central subscription) or deny. */
export function requestsCard(
  t: Localizer,
  tenantId: string,
  tenantName: string,
  requests: readonly LicenseRequest[],
  central: readonly SubscriptionView[],
): Attachment[] {
  if (requests.length === 0) {
    return [
      messageCard({
        title: t.t('requests.title'),
        text: t.t('requests.empty'),
        note: tenantNote(t, tenantName),
      }),
    ];
  }
  return requests.map((r) => {
    const targets = centralTargets(central, r.productId);
    const base = { tenantId, requestId: r.id };
    return formCard({
      title: t.t('requests.one', { product: r.productName, requester: plain(r.requesterName) }),
      facts: [
        { title: t.t('card.date'), value: t.date(r.createdAt) },
        { title: t.t('card.status'), value: t.t(`request.statusWord.${r.status}` as MessageKey) },
      ],
      text: r.message ? t.t('requests.message', { message: plain(r.message) }) : undefined,
      choiceSets: [
        {
          id: 'approveUsers',
          label: t.t('requests.users'),
          choices: r.forUsers.map((u) => ({ title: plain(u.displayName), value: u.userId })),
          multi: true,
          style: 'expanded',
          value: r.forUsers.map((u) => u.userId).join(','),
          errorMessage: t.t('licenses.pickSomeone'),
        },
        ...(targets.length
          ? [
              {
                id: 'centralSubscriptionId',
                label: t.t('requests.central'),
                choices: targets.map((c) => ({
                  title: t.t('takeover.targetChoice', {
                    product: c.productName,
                    free: c.freeLicenses,
                  }),
                  value: c.id,
                })),
                // Only a subscription of the requested product is a sensible guess; otherwise the admin chooses.
                value: targets.find((c) => c.productId === r.productId)?.id,
                errorMessage: t.t('takeover.targetError'),
              },
            ]
          : []),
      ],
      texts: [
        {
          id: 'message',
          label: t.t('requests.reply'),
          multiline: true,
          maxLength: 500,
          errorMessage: t.t('request.messageError'),
        },
      ],
      note: tenantNote(t, tenantName),
      actions: [
        ...(targets.length
          ? [
              action(
                t.t('action.approve'),
                'request.decide',
                { ...base, actionId: newActionId(), decision: 'approve' },
                { style: 'positive' },
              ),
            ]
          : []),
        action(
          t.t('action.deny'),
          'request.decide',
          { ...base, actionId: newActionId(), decision: 'deny' },
          { style: 'destructive' },
        ),
      ],
    });
  });
}

/** The outcome of a request decision. */
export function requestDecidedCard(t: Localizer, r: LicenseRequest): Attachment {
  return messageCard({
    title: t.t('requests.decided', {
      product: r.productName,
      status: t.t(`request.status.${r.status}` as MessageKey),
    }),
    text: t.t('requests.decidedText', { requester: plain(r.requesterName) }),
    color: r.status === 'Denied' ? 'Warning' : 'Good',
  });
}
