// Failures people can be told about in words: the store or the directory did not answer. Everything else is a bug.

import { DirectoryUnavailableError } from '../services/directory/directory.js';
import { StoreUnavailableError } from '../services/store/atomicStore.js';
import type { Localizer } from '../locales/localizer.js';
import { refusalMessage } from '../cards/refusalMessage.js';

/** The error and the errors it wraps (botbuilder's DialogContextError keeps the original in `error`). */
function* chain(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    yield current;
    const next = current as { error?: unknown; cause?: unknown };
    current = next.error ?? next.cause;
  }
}

/**
 * The sentence for a failure of the store or the directory ("try again in a minute"), or undefined when the
 * failure is not one of those and deserves the generic apology with a reference.
 */
export function knownFailureMessage(t: Localizer, error: unknown): string | undefined {
  for (const link of chain(error)) {
    if (link instanceof StoreUnavailableError) return t.t('error.storeUnavailable');
    if (link instanceof DirectoryUnavailableError) {
      return refusalMessage(t, { code: 'DIRECTORY_UNAVAILABLE', facts: {} });
    }
  }
  return undefined;
}
