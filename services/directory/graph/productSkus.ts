// Which Entra license SKUs (skuPartNumber) are the bot's nine products, for reading central subscriptions.

import { findProductById } from '../../catalog/catalog.js';
import type { Product } from '../../catalog/products.js';

/**
 * skuPartNumber -> catalog product id. The part numbers are those of "Product names and service plan identifiers
 * for licensing"; the `_DEPT` ones are the departmental (self-service) SKUs of the same product. A SKU that is not
 * listed (Microsoft 365 E3, Copilot, ...) is not a subscription the bot can move users to, so it is ignored.
 */
export const PRODUCT_OF_SKU: Readonly<Record<string, string>> = {
  POWER_BI_PRO: 'CFQ7TTC0H9MP',
  POWER_BI_PRO_DEPT: 'CFQ7TTC0H9MP',
  PBI_PREMIUM_PER_USER: 'CFQ7TTC0H6RP',
  PBI_PREMIUM_PER_USER_DEPT: 'CFQ7TTC0H6RP',
  POWERAPPS_PER_USER: 'CFQ7TTC0LH2H',
  FLOW_PER_USER: 'CFQ7TTC0LH3L',
  FLOW_PER_USER_DEPT: 'CFQ7TTC0LH3L',
  POWERAUTOMATE_ATTENDED_RPA: 'CFQ7TTC0LSGZ',
  PROJECT_P1: 'CFQ7TTC0HDB1',
  PROJECT_PLAN1_DEPT: 'CFQ7TTC0HDB1',
  PROJECTPROFESSIONAL: 'CFQ7TTC0HDB0',
  PROJECT_PLAN3_DEPT: 'CFQ7TTC0HDB0',
  VISIOONLINE_PLAN1: 'CFQ7TTC0HD33',
  VISIO_PLAN1_DEPT: 'CFQ7TTC0HD33',
  VISIOCLIENT: 'CFQ7TTC0HD32',
  VISIO_PLAN2_DEPT: 'CFQ7TTC0HD32',
};

/** The catalog product a SKU licenses, if it is one of the bot's products. */
export function productOfSku(skuPartNumber: string): Product | undefined {
  const productId = PRODUCT_OF_SKU[skuPartNumber.toUpperCase()];
  return productId ? findProductById(productId) : undefined;
}
