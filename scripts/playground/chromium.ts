// Debian's Chromium, started headless by us (so its PID is known) and driven by playwright-core over CDP, offline.

import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';
import { startChild, waitForOutput, type Child } from './childProcesses.js';
import { descendantsOf, waitUntilGone } from './processTree.js';

/** Where distributions put Chromium; CHROMIUM_PATH wins. Never a browser Playwright downloads. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];

/** The Chromium executable, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Flags that keep Chromium headless and on this machine: every host name but localhost resolves to nothing, and
 * anything else (an IP literal) goes to a dead loopback proxy; background services (sync, component updates,
 * safe-browsing lists, QUIC) stay off.
 */
export function chromiumFlags(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-breakpad',
    '--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions',
    '--metrics-recording-only',
    // Each person's page is a tab; the ones in the background must keep their pace (as Playwright's launch does).
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-dev-shm-usage',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--proxy-server=http://127.0.0.1:9',
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
    '--window-size=1280,900',
    `--user-data-dir=${userDataDir}`,
    'about:blank',
  ];
}

/** Requests the page made that had to leave the machine, and were aborted. */
export interface OffMachineRequest {
  readonly url: string;
  /** Known and harmless: the Playground page's CDN fonts and animation worklet (it falls back to local fonts). */
  readonly expected: boolean;
}

/** A running, connected browser. */
export interface Browsing {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly child: Child;
  /** Every page request that would have left the machine (all aborted). */
  readonly offMachine: OffMachineRequest[];
  /** The browser's process and its helpers (renderers, GPU, network service …), as of now. */
  processes(): number[];
  /** Closes the browser, waits for every helper to end, and deletes the profile. */
  stop(): Promise<void>;
}

const LOOPBACK_URL = /^(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//;
/** The Segoe UI fonts and the "flair" animation worklet the Playground's page asks Microsoft's CDN for. */
const KNOWN_CDN =
  /^https:\/\/res-\d+\.cdn\.office\.net\/files\/fabric-cdn-prod_[\d.]+\/assets\/(?:fonts|animations)\//;

/**
 * Starts Chromium and connects to it. Every request to anything but loopback is aborted and recorded (the flags
 * above would stop it anyway; this is what lets a test say which ones were tried).
 */
export async function startChromium(executable: string): Promise<Browsing> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ssp-chromium-'));
  const child = startChild('Chromium', executable, chromiumFlags(userDataDir));
  /** Ends the browser (SIGTERM, then SIGKILL) and every helper it had, then deletes the profile. */
  const cleanup = async (helpers = descendantsOf(child.pid)): Promise<void> => {
    await child.stop();
    await waitUntilGone(helpers);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    const endpoint = await waitForOutput(
      child,
      'Chromium',
      (out) => /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(out)?.[1],
      60_000,
    );
    const browser = await chromium.connectOverCDP(endpoint, { timeout: 60_000 });
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const offMachine: OffMachineRequest[] = [];
    await context.route(
      (url) => !LOOPBACK_URL.test(url.href),
      async (route: Route) => {
        const url = route.request().url();
        if (!url.startsWith('data:') && !url.startsWith('blob:'))
          offMachine.push({ url, expected: KNOWN_CDN.test(url) });
        await route.abort('blockedbyclient');
      },
    );
    return {
      browser,
      context,
      child,
      offMachine,
      processes: () => [child.pid, ...descendantsOf(child.pid)],
      async stop() {
        // Closing through CDP lets Chromium end its helpers itself; `browser.close()` would only disconnect.
        const helpers = descendantsOf(child.pid);
        await browser
          .newBrowserCDPSession()
          .then((session) => session.send('Browser.close'))
          .catch(() => undefined);
        await Promise.race([child.exited, delay(10_000, undefined, { ref: false })]);
        await browser.close().catch(() => undefined);
        await cleanup(helpers);
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
