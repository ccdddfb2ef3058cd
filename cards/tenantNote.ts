// The line under every admin answer that names the tenant acted on.

import type { Localizer } from '../locales/localizer.js';
import { plain } from './render.js';

/** "Acting on Contoso" under every admin answer, so a partner always sees which tenant it was (S-18). */
export function tenantNote(t: Localizer, tenantName: string): string {
  return t.t('admin.tenant', { tenant: plain(tenantName) });
}
