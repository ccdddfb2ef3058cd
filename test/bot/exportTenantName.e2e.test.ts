// End to end over HTTP: a tenant name full of Markdown is shown literally in the purchases export's message, both
// as a file attachment (channels without file consent) and on Teams' file consent card.

import { expect } from 'chai';
import { startBotWithSeed, type Harness } from '../helpers/botHarness.js';

const FORGED = '[Refund approved - click here](https://evil.example) **URGENT**';
const ESCAPED = '\\[Refund approved - click here\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*';

interface Sent {
  text?: string;
  attachments?: { contentType: string; name?: string; content?: { description?: string } }[];
}

describe('the tenant name in the purchases export over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startBotWithSeed((seed: { tenants: { name: string }[] }) => {
      seed.tenants[0]!.name = FORGED;
    });
  });
  after(async () => {
    await h.stop();
  });

  it('a channel without file consent gets the file with the name escaped in its message', async () => {
    const carol = h.user('carol');
    const offered = await carol.send({
      type: 'message',
      text: 'export purchases',
      channelId: 'webchat',
    });
    const sent = (offered.replies as Sent[]).find((r) =>
      r.attachments?.some((a) => a.contentType === 'text/csv'),
    );
    expect(sent?.text).to.include(`Self-service purchases and trials of ${ESCAPED}`);
    expect(sent?.text).not.to.include('[Refund approved - click here](https://evil.example)');
  });

  it('Teams gets the file consent card with the name escaped in its description', async () => {
    const carol = h.user('carol');
    const offered = await carol.say('export purchases');
    const consent = (offered.replies as Sent[])
      .flatMap((r) => r.attachments ?? [])
      .find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent?.content?.description).to.include(ESCAPED);
    expect(consent?.content?.description).not.to.include('(https://evil.example)');
  });
});
