// Activities whose fields have the wrong shape are refused at the HTTP boundary with 400 naming the field, and
// nothing else happens; the activities Teams and the Agents Playground really send still get through.

import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';
import { cardText, cardWith, type TeamsUser } from '../helpers/teamsUser.js';

describe('activity shape (real server): misfits get 400 naming the field, real activities pass', () => {
  let h: Harness;
  let bob: TeamsUser;
  let sven: TeamsUser;
  before(async () => {
    h = await startBot();
    bob = h.user('bob');
    sven = h.user('bob', { locale: 'sv-SE', conversationId: 'a:personal-bob-sv' });
    await bob.install();
  });
  after(async () => {
    await h.stop();
  });

  const misfits: { name: string; activity: Record<string, unknown>; field: string }[] = [
    { name: 'a number as text', activity: { type: 'message', text: 123 }, field: 'text' },
    {
      name: 'a number as locale',
      activity: { type: 'message', text: 'help', locale: 12 },
      field: 'locale',
    },
    {
      name: 'a string as from',
      activity: { type: 'message', text: 'help', from: 'bob' },
      field: 'from',
    },
    {
      name: 'a number as conversation id',
      activity: { type: 'message', text: 'help', conversation: { id: 5 } },
      field: 'conversation.id',
    },
    {
      name: 'a number as tenant id',
      activity: { type: 'message', text: 'help', channelData: { tenant: { id: 7 } } },
      field: 'channelData.tenant.id',
    },
    {
      name: 'a mention without "mentioned"',
      activity: { type: 'message', text: 'help', entities: [{ type: 'mention' }] },
      field: 'entities.0.mentioned',
    },
    {
      name: 'entities that are not a list',
      activity: { type: 'message', text: 'help', entities: 'mention' },
      field: 'entities',
    },
    {
      name: 'a card action invoke without an action',
      activity: { type: 'invoke', name: 'adaptiveCard/action', value: null },
      field: 'value.action',
    },
    {
      name: 'a file consent invoke without a value',
      activity: { type: 'invoke', name: 'fileConsent/invoke' },
      field: 'value.action',
    },
  ];
  for (const m of misfits) {
    it(`${m.name} → 400 naming "${m.field}", no reply, no turn error`, async () => {
      const sent = h.connector.calls.length;
      const logged = h.logs.length;
      const answer = await bob.send(m.activity);
      expect(answer.status).to.equal(400);
      expect((answer.body as { error: string }).error).to.include(`"${m.field}"`);
      expect(h.connector.calls.length, 'the bot must not have replied').to.equal(sent);
      expect(h.logs.slice(logged).join('\n')).not.to.include('turn.error');
    });
  }

  it('a Swedish user with a numeric text gets 400 too, and the next Swedish message is answered', async () => {
    const answer = await sven.send({ type: 'message', text: 42 });
    expect(answer.status).to.equal(400);
    expect((answer.body as { error: string }).error).to.equal(
      'The activity\'s "text" must be a string: send a Bot Framework activity.',
    );
    const help = await sven.say('hjälp');
    expect(help.status).to.equal(200);
    expect(cardText(cardWith(help.replies, 'Det här kan jag hjälpa till med'))).to.include(
      'Fråga mig',
    );
  });

  describe('what Teams and the Playground send still gets through', () => {
    const valid: { name: string; activity: Record<string, unknown> }[] = [
      { name: 'installationUpdate (add)', activity: { type: 'installationUpdate', action: 'add' } },
      {
        name: 'conversationUpdate with membersAdded',
        activity: {
          type: 'conversationUpdate',
          membersAdded: [{ id: 'bot-id' }, { id: '29:bob', aadObjectId: 'x', name: 'Bob' }],
          channelData: { tenant: { id: 't' }, eventType: 'teamMemberAdded', settings: {} },
        },
      },
      {
        name: 'a message with a value and no text (Action.Submit)',
        activity: { type: 'message', value: { verb: 'help.show' }, replyToId: 'card-1' },
      },
      { name: 'a message with text null', activity: { type: 'message', text: null } },
      {
        name: 'an @mention in a message',
        activity: {
          type: 'message',
          text: '<at>SSP Bot</at> help',
          entities: [
            {
              type: 'mention',
              text: '<at>SSP Bot</at>',
              mentioned: { id: 'bot-id', name: 'SSP Bot' },
            },
            { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
          ],
        },
      },
      {
        name: 'invoke adaptiveCard/action',
        activity: {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: 'help.show', data: {} } },
        },
      },
      {
        name: 'fileConsent/invoke (decline)',
        activity: {
          type: 'invoke',
          name: 'fileConsent/invoke',
          value: { type: 'fileUpload', action: 'decline', context: { exportId: 'none' } },
        },
      },
    ];
    for (const v of valid) {
      it(`${v.name} is not refused`, async () => {
        const answer = await bob.send(v.activity);
        expect(answer.status, JSON.stringify(answer.body)).to.be.oneOf([200, 201, 202]);
      });
    }
  });
});
