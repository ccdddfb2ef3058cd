// The Playground's web chat as a person uses it: type, read replies and cards, fill inputs by label, press buttons.

import type { Locator, Page } from 'playwright-core';
import { PLAYGROUND_BOT } from './playgroundConfig.js';

/** One person's Playground page. Every wait is for something on screen, never a fixed time. */
export class ChatPage {
  constructor(
    readonly page: Page,
    /** Who is signed in, e.g. "Alice Anderson". */
    readonly displayName: string,
  ) {}

  /** Opens the Playground and waits for the bot's welcome (the page installs the app when it opens). */
  async open(url: string, welcome: string | RegExp): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('heading', { name: 'Microsoft 365 Agents Playground' }).waitFor();
    await this.card(welcome).waitFor();
    // The log panel repeats every message typed; without it, text on screen is the chat's alone, and wider.
    await this.hideLogPanel();
  }

  /** The message box at the bottom of the chat (a rich-text editor, the only one on the page). */
  get messageBox(): Locator {
    return this.page.locator('[role="textbox"][data-lexical-editor="true"]');
  }

  /**
   * Brings this person's tab to the front, as they would look at their own window: every person is a tab of one
   * headless browser, and a tab in the background paints lazily (slow to show what arrived, slow to screenshot).
   */
  async look(): Promise<void> {
    await this.page.bringToFront();
  }

  /** Types a message and sends it. */
  async say(text: string): Promise<void> {
    await this.look();
    await this.messageBox.click();
    await this.messageBox.pressSequentially(text);
    await this.send();
  }

  /** Types "@", picks the bot in the mention menu, types the rest and sends it, as in a Teams group chat. */
  async sayMentioningBot(text: string): Promise<void> {
    await this.look();
    await this.messageBox.click();
    await this.messageBox.pressSequentially('@');
    await this.page
      .getByRole('listbox', { name: 'Typeahead menu' })
      .getByRole('menuitem', { name: PLAYGROUND_BOT.name })
      .first()
      .click();
    await this.messageBox.pressSequentially(` ${text}`);
    await this.send();
  }

  /** Presses Send and waits until the message has left the box (the Playground empties it once it is posted). */
  private async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Send Message' }).click();
    await this.messageBox.filter({ hasText: /\S/ }).waitFor({ state: 'detached' });
  }

  /** The last Adaptive Card in the chat that shows `text`. */
  card(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  /** Waits for a card showing `text` and returns it. */
  async waitForCard(text: string | RegExp): Promise<Locator> {
    await this.look();
    const card = this.card(text);
    await card.waitFor();
    return card;
  }

  /**
   * Fills a card's input found by its label. The Playground redraws every card in the chat when a message arrives,
   * which empties what was typed into them (Teams keeps it): wait for the messages you expect before filling a form.
   */
  async fill(card: Locator, label: string, value: string): Promise<void> {
    await card.getByLabel(label, { exact: true }).fill(value);
  }

  /** Picks an option in a card's drop-down found by its label. */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole('combobox', { name: label, exact: true }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  /** What a card's drop-down, found by its label, shows as chosen. */
  async choice(card: Locator, label: string): Promise<string> {
    const box = card.getByRole('combobox', { name: label, exact: true });
    await box.waitFor();
    // Runs in the page; typed structurally because this project compiles without the DOM library.
    return box.evaluate((node) => {
      const element = node as unknown as {
        tagName: string;
        value?: string;
        textContent: string | null;
        selectedOptions?: ArrayLike<{ textContent: string | null }>;
      };
      if (element.tagName === 'SELECT')
        return element.selectedOptions?.[0]?.textContent?.trim() ?? '';
      if (element.tagName === 'INPUT') return element.value ?? '';
      return element.textContent?.trim() ?? '';
    });
  }

  /** Presses a card's button by its title (the whole title, or a pattern when it holds an amount). */
  async press(card: Locator, title: string | RegExp): Promise<void> {
    await card.getByRole('button', { name: title, exact: true }).click();
  }

  /** Opens a chat or channel from the list on the left ("Personal Chat", "Purchasing", "Contoso IT - Purchases"). */
  async openChat(name: string): Promise<void> {
    await this.look();
    await this.page.getByRole('treeitem', { name, exact: true }).click();
  }

  /** How many messages in the open chat are from the bot. */
  botMessages(): Locator {
    return this.page.getByLabel('Message author').filter({ hasText: PLAYGROUND_BOT.name });
  }

  /** Closes the Playground's "Your response was sent to the app" notes under cards whose buttons were pressed. */
  async dismissResponseNotes(): Promise<void> {
    const close = this.page.getByRole('button', { name: 'Dismiss Invoke Message' });
    for (let open = await close.count(); open > 0; open -= 1) {
      await close.first().click();
      await close.nth(open - 1).waitFor({ state: 'detached' });
    }
  }

  /** Hides the Playground's log panel, so the chat has the room (screenshots). */
  async hideLogPanel(): Promise<void> {
    const hide = this.page.getByRole('button', { name: 'Hide log panel' });
    if (await hide.isVisible()) {
      await hide.click();
      await hide.waitFor({ state: 'hidden' });
    }
  }

  /** Saves what the person sees. */
  async screenshot(path: string): Promise<void> {
    await this.look();
    await this.page.screenshot({ path, fullPage: false });
  }
}
