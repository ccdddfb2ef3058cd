// The Graph tests must never leave the machine: while a suite runs, fetch (which msal-node's HttpClient and the Graph
// client both use) refuses any URL that is not on loopback, and the test that tried fails loudly.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What the guard refused so far in the running test; a test that expects a refusal empties it. */
export interface FetchGuard {
  readonly refused: string[];
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

function isLoopback(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Call inside a `describe`: from its `before` to its `after`, globalThis.fetch rejects every non-loopback URL with
 * an error naming it, and an `afterEach` fails the test that tried (even when the code under test swallowed the
 * error, as a failed lookup of a guest's home tenant does).
 */
export function onlyLoopbackFetch(): FetchGuard {
  const guard: FetchGuard = { refused: [] };
  let original: typeof fetch | undefined;
  before(() => {
    const real = globalThis.fetch;
    original = real;
    globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = urlOf(input);
      if (!isLoopback(url)) {
        guard.refused.push(url);
        return Promise.reject(new Error(`The tests must not leave the machine: fetch ${url}`));
      }
      return real(input, init);
    };
  });
  afterEach(() => {
    const refused = guard.refused.splice(0);
    if (refused.length > 0) {
      throw new Error(`The test tried to leave the machine: fetch ${refused.join(', ')}`);
    }
  });
  after(() => {
    if (original) globalThis.fetch = original;
  });
  return guard;
}
