// The store or the directory not answering is told in words, wherever botbuilder wrapped the error.

import { expect } from 'chai';
import { knownFailureMessage } from '../../bot/knownFailures.js';
import { Localizer } from '../../locales/localizer.js';
import { DirectoryUnavailableError } from '../../services/directory/directory.js';
import { StoreUnavailableError } from '../../services/store/atomicStore.js';

describe('known failures', () => {
  const en = new Localizer('en-US');
  const sv = new Localizer('sv-SE');

  it('a directory outage, even wrapped by a dialog, says "try again in a minute" in the user’s language', () => {
    const wrapped = Object.assign(new Error('DialogContextError'), {
      error: new DirectoryUnavailableError('Graph 503'),
    });
    expect(knownFailureMessage(en, wrapped)).to.include('Try again in a minute');
    expect(knownFailureMessage(sv, wrapped)).to.include('Försök igen om en minut');
  });

  it('a store outage says nothing was done twice', () => {
    const error = new Error('outer', {
      cause: new StoreUnavailableError('reading x', new Error('SQLITE_BUSY')),
    });
    expect(knownFailureMessage(en, error)).to.include('Nothing was done twice');
  });

  it('anything else is not a known failure (the generic apology with a reference is used)', () => {
    expect(knownFailureMessage(en, new TypeError('x is undefined'))).to.equal(undefined);
  });
});
