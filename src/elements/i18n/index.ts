/**
 * The elements' i18n: language resolution (`de` | `en`), catalog lookup with `{name}` interpolation, and `Intl`
 * formatters bound to one locale AND one time zone. Templates never hold user-facing English; they call `t()`.
 *
 * Invariants: the catalog language is always `de` or `en`; the `Intl` locale keeps the page's region when it has one
 * (`en-US` keeps 12-hour times) and maps a bare `en` to `en-GB` (day-month order, 24 h, as the product's spec reads).
 * Calendar dates (`YYYY-MM-DD`) are formatted in UTC because they are zone-free; instants in the chosen zone.
 */
import { de } from './de.js';
import { en, type Catalog, type MessageKey } from './en.js';

export type { Catalog, MessageKey };
export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

// Pure: pages that load only admin elements drop the applicant catalogs.
const applicantTranslator = /* @__PURE__ */ createTranslator<MessageKey>({ de, en });

export interface Locale {
  lang: Lang;
  /** BCP 47 tag for `Intl`. */
  locale: string;
}

/** The catalog language and `Intl` locale of a tag such as `de`, `en-US`; undefined for other languages. */
export function localeOf(tag: string | null | undefined): Locale | undefined {
  const lang = tag?.toLowerCase().split('-')[0];
  if (lang !== 'de' && lang !== 'en') return undefined;
  return { lang, locale: tag!.includes('-') ? tag! : lang === 'en' ? 'en-GB' : 'de-DE' };
}

/**
 * The language for `el`: its own or the closest ancestor's `lang` (crossing shadow roots, so an element inside
 * another component still follows the page); when neither element nor page names `de` or `en`, the `preferred`
 * language (the one the recruiter chose for this applicant, `details.locale`) in the browser's region when the
 * browser speaks it; then the browser's languages; then English.
 */
export function resolveLocale(el: Element, browser: readonly string[] = navigator.languages, preferred?: Lang): Locale {
  for (let node: Element | null = el; node; ) {
    const lang = node.getAttribute('lang');
    if (lang) {
      const m = localeOf(lang);
      if (m) return m;
      break; // the page chose a language we do not have: fall through to the booking's and the browser's choice
    }
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  const all = browser.map(localeOf).filter((m): m is Locale => !!m);
  return (preferred && (all.find((m) => m.lang === preferred) ?? localeOf(preferred))) || all[0] || { lang: 'en', locale: 'en-GB' };
}

export type Params = Record<string, string | number>;

/** Catalog lookup; `{name}` placeholders are replaced, unknown ones are left visible so they get noticed. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return applicantTranslator(lang, key, params);
}

export type Translate = (key: MessageKey, params?: Params) => string;

/** Formatters for one locale and zone; build once per (locale, zone) and reuse across renders. */
export interface Formats {
  readonly locale: string;
  readonly zone: string;
  /** "Monday, 30 March 2026" for a calendar date. */
  date(d: string): string;
  /** "March 2026". */
  month(d: string): string;
  /** "Mon" and "Monday" for a calendar date. */
  weekday(d: string, width: 'short' | 'long'): string;
  /** "10:30" for an instant, in the formats' zone or another one. */
  time(instant: string, zone?: string): string;
  /** "Monday, 30 March 2026" for the day an instant falls on in a zone. */
  dateOf(instant: string, zone?: string): string;
  /** "Central European Time" style name of a zone, or the IANA name when Intl has none. */
  zoneName(zone?: string): string;
  /** "Anna and Ben" list joining. */
  list(items: readonly string[]): string;
}

export function createFormats(locale: string, zone: string): Formats {
  const dtf = (o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => new Intl.DateTimeFormat(locale, o);
  const longDate: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  const day = dtf({ ...longDate, timeZone: 'UTC' });
  const month = dtf({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  const weekday = { short: dtf({ weekday: 'short', timeZone: 'UTC' }), long: dtf({ weekday: 'long', timeZone: 'UTC' }) };
  const perZone = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();
  // 24-hour locales read "09:00" (aligned columns, as timetables print it); 12-hour ones keep "9:00 AM".
  const hour = dtf({ hour: 'numeric' }).resolvedOptions().hour12 ? 'numeric' : '2-digit';
  const inZone = (z = zone) => {
    let f = perZone.get(z);
    if (!f) {
      f = { time: dtf({ hour, minute: '2-digit', timeZone: z }), date: dtf({ ...longDate, timeZone: z }) };
      perZone.set(z, f);
    }
    return f;
  };
  const noon = (d: string) => new Date(`${d}T12:00:00Z`);
  return {
    locale,
    zone,
    date: (d) => day.format(noon(d)),
    month: (d) => month.format(noon(d)),
    weekday: (d, width) => weekday[width].format(noon(d)),
    time: (instant, z) => inZone(z).time.format(new Date(instant)),
    dateOf: (instant, z) => inZone(z).date.format(new Date(instant)),
    zoneName: (z = zone) =>
      dtf({ timeZone: z, timeZoneName: 'longGeneric' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')
        ?.value ?? z,
    list: (items) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items),
  };
}

/** A `createFormats` that builds anew only when the locale or the zone changed since the last call. */
export function formatsCache(): (locale: string, zone: string) => Formats {
  let last: Formats | undefined;
  return (locale, zone) => (last?.locale === locale && last.zone === zone ? last : (last = createFormats(locale, zone)));
}

/** The browser's zone, the default of every element's `time-zone`. */
export const browserZone = (): string => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `wanted` when this browser can format in it, else the browser's zone. */
export const zoneOr = (wanted: string): string => (isZone(wanted) ? wanted : browserZone());

/** Whether `zone` is an IANA name this browser can format in. */
export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}

/**
 * A translator over an element's own catalogs (admin elements keep theirs beside them, so a page that loads one
 * element does not ship every element's strings). `de` must have every key of `en`; the compiler checks it.
 */
export function createTranslator<K extends string>(catalogs: { en: Record<K, string>; de: Record<K, string> }) {
  return (lang: Lang, key: K, params?: Params): string => {
    const text = catalogs[lang][key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}
