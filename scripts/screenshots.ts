// `npm run screenshots`: refreshes the README's pictures (docs/screenshots/*.png) from the product in a real browser.
//
// The same rig as the browser tests: the bot on loopback, one Agents Playground per person and Debian's Chromium,
// offline. Bob buys 3 Power BI Pro licenses; Carol, a Global admin, gets the notification and opens the policy card.
// Each picture is the card alone, cropped from the page at 1x, so each file stays small (tens of KB).

import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { findChromium } from './playground/chromium.js';
import { PlaygroundRig } from './playground/playgroundRig.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, 'docs', 'screenshots');
/** Room around a card, so its shadow and edge show. */
const MARGIN = 12;
const out = (line: string): boolean => process.stdout.write(`${line}\n`);

/** Saves the card, with a small margin, as docs/screenshots/<name>.png. */
async function save(card: Locator, name: string): Promise<void> {
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  if (!box) throw new Error(`The card for ${name} is not on screen.`);
  const file = join(OUT, `${name}.png`);
  await card.page().screenshot({
    path: file,
    clip: {
      x: Math.max(0, box.x - MARGIN),
      y: Math.max(0, box.y - MARGIN),
      width: box.width + 2 * MARGIN,
      height: box.height + 2 * MARGIN,
    },
  });
  out(`  ${relative(ROOT, file)}  ${Math.round(statSync(file).size / 1024)} KB`);
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium)
    throw new Error('Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH).');
  mkdirSync(OUT, { recursive: true });
  const rig = await PlaygroundRig.start({
    chromium,
    directoryFile: join(ROOT, 'data/directory.json'),
  });
  try {
    const bob = await rig.join('bob');
    // Tall enough for each of Bob's cards, so that each is captured whole (Carol's policy card needs more, below).
    await bob.chat.page.setViewportSize({ width: 1280, height: 1400 });
    await bob.chat.say('buy 3 Power BI Pro');
    const checkout = await bob.chat.waitForCard('Checkout: Power BI Pro');
    await bob.chat.fill(checkout, 'Card number', '4242 4242 4242 4242');
    await bob.chat.fill(checkout, 'Expiry (MM/YY)', '12/30');
    await bob.chat.fill(checkout, 'Security code', '123');
    // The focus ring and caret of the last field would show in the picture.
    await checkout.getByLabel('Security code', { exact: true }).blur();
    await save(checkout, 'purchase');
    await bob.chat.press(checkout, 'Confirm and pay $42.00');
    const receipt = await bob.chat.waitForCard('Thank you! You bought Power BI Pro');
    await bob.chat.dismissResponseNotes();
    await bob.chat.page.mouse.move(0, 0);
    await save(receipt, 'receipt');

    const carol = await rig.join('carol');
    // The policy card lists every product of the policy (seventeen), about 1,500 pixels high.
    await carol.chat.page.setViewportSize({ width: 1280, height: 2200 });
    const notification = await carol.chat.waitForCard('New self-service purchase: Power BI Pro');
    await save(notification, 'notification');
    await carol.chat.say('policies');
    await save(await carol.chat.waitForCard('Self-service trials and purchases'), 'policies');

    const attempts = rig.offMachineAttempts();
    const unexpected = [
      ...attempts.bot,
      ...attempts.playgrounds,
      ...attempts.pages.filter((r) => !r.expected).map((r) => r.url),
    ];
    if (unexpected.length > 0)
      throw new Error(`Something tried to leave the machine: ${unexpected.join(', ')}`);
  } finally {
    await rig.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
