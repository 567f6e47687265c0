/**
 * Cronofy data centres and their hosts. Each data centre is a separate Cronofy instance (accounts, tokens and
 * channels live in exactly one), so the organization's data centre must be chosen once and used for every call:
 * the API host for REST calls and the app host for the browser consent pages. `us` has no suffix.
 */

export const CRONOFY_DATA_CENTERS = ['us', 'de', 'uk', 'au', 'ca', 'sg'] as const;
export type CronofyDataCenter = (typeof CRONOFY_DATA_CENTERS)[number];

export type CronofyUrls = { apiUrl: string; appUrl: string };

export function isCronofyDataCenter(value: string): value is CronofyDataCenter {
  return (CRONOFY_DATA_CENTERS as readonly string[]).includes(value);
}

/** `cronofyUrls('de')` → `{ apiUrl: 'https://api-de.cronofy.com', appUrl: 'https://app-de.cronofy.com' }`. */
export function cronofyUrls(dataCenter: CronofyDataCenter): CronofyUrls {
  if (!isCronofyDataCenter(dataCenter)) throw new RangeError(`unknown Cronofy data centre: ${String(dataCenter)}`);
  const suffix = dataCenter === 'us' ? '' : `-${dataCenter}`;
  return { apiUrl: `https://api${suffix}.cronofy.com`, appUrl: `https://app${suffix}.cronofy.com` };
}
