/**
 * Which checklist items are the customer's own: an item of a Customer or Client role, or one the
 * template names in `onboarding.customerItems` (a text fragment or an item id). The status page
 * offers these for sign-off, and customer mail lists the open ones.
 */
import type { StageItem } from './items.js';

/** Roles whose items are the customer's own. */
const CUSTOMER_ROLES = /^(customer|client)$/i;

/** Is this item meant for the customer? */
export function isCustomerItem(item: Pick<StageItem, 'id' | 'text' | 'role'>, customerItems: readonly string[]): boolean {
  if (item.role !== null && CUSTOMER_ROLES.test(item.role)) return true;
  const text = item.text.toLowerCase();
  return customerItems.some((f) => f === item.id || text.includes(f.toLowerCase()));
}
