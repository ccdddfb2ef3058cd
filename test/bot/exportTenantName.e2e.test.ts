// End to end over HTTP: a tenant name full of Markdown is shown literally in the purchases export's message, both
// as a file attachment (channels without file consent) and on Teams' file consent card.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startBot, type Harness } from '../helpers/botHarness.js';

const FORGED = '[Refund approved - click here](https://evil.example) **URGENT**';
const ESCAPED = '\\[Refund approved - click here\\]\\(https://evil.example\\) \\*\\*URGENT\\*\\*';

interface Sent {
  text?: string;
  attachments?: { contentType: string; name?: string; content?: { description?: string } }[];
}

describe('the tenant name in the purchases export over HTTP', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ssp-export-name-'));
    const seed = JSON.parse(readFileSync('data/directory.json', 'utf8')) as {
      tenants: { name: string }[];
    };
    seed.tenants[0]!.name = FORGED;
    const file = join(dir, 'directory.json');
    writeFileSync(file, JSON.stringify(seed));
    h = await startBot({ DIRECTORY_FILE: file });
  });
  after(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
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
