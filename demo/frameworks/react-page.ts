/**
 * React 19 host page (demo/react.html): `<dv-slot-picker>` rendered by React with `createElement` (no JSX, so the
 * demo needs no JSX transform), twice — the two ways a React app meets a custom element:
 *
 * 1. **Before upgrade.** React renders the tag while it is still an unknown element; a ref callback sets the
 *    properties (`api`, `booking`, `timeZone`) on that plain HTMLElement; only then, after the first render, the
 *    element's definition is imported and registered. Lit takes the pre-set own properties over on upgrade — the
 *    lifecycle gap where other widgets lose props set before mount (peers.md §3, complaint 15). Events through
 *    `ref` + `addEventListener`.
 * 2. **After upgrade.** Rendered once the element is defined: React 19 sees `api`, `booking`, `timeZone` as
 *    properties of the element (`key in element`) and sets them as properties; `heading-level` is not a property
 *    name, so it goes as an attribute. Events through React 19's custom-element event props (`ondv-booked` →
 *    `addEventListener('dv-booked')`).
 *
 * A language switch re-renders both with a new `lang`, proving updates after mount reach the element. Every event
 * lands in the host's own log (`#events`, one `li` per event with `data-instance`), which the e2e suite reads.
 */
import { createElement as h, useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { DvSlotPicker } from '../../src/elements/slot-picker/index.js';
import { DV_EVENTS, logLine, readQuery } from './support/host-log.js';

interface Entry {
  id: number;
  instance: 'before' | 'after';
  text: string;
}

const query = readQuery();
const TAG = 'dv-slot-picker';

type Log = (instance: Entry['instance'], text: string) => void;

/** Instance 1: properties assigned on the not-yet-defined element; events through a ref. */
function BeforeUpgrade({ lang, log }: { lang: string; log: Log }): ReactElement {
  const ref = useRef<HTMLElement | null>(null);
  // A ref callback runs at commit, before any effect: the definition is imported by an effect, so here the
  // element is still undefined on the first render.
  const setProps = useCallback(
    (el: HTMLElement | null) => {
      ref.current = el;
      if (!el) return;
      const undefinedYet = customElements.get(TAG) === undefined;
      Object.assign(el as Partial<DvSlotPicker>, { api: location.origin, booking: query.first, timeZone: query.timeZone });
      if (undefinedYet) log('before', 'properties set before the element was defined');
    },
    [log],
  );
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const listener = (e: Event): void => log('before', logLine(e));
    for (const type of DV_EVENTS) el.addEventListener(type, listener);
    return () => {
      for (const type of DV_EVENTS) el.removeEventListener(type, listener);
    };
  }, [log]);
  return h(TAG, { ref: setProps, id: 'before', lang, 'heading-level': 3 });
}

/** Instance 2: rendered after definition; React 19 sets properties and wires `on<event>` props as listeners. */
function AfterUpgrade({ lang, log }: { lang: string; log: Log }): ReactElement {
  const listener = useCallback((e: Event) => log('after', logLine(e)), [log]);
  const events = Object.fromEntries(DV_EVENTS.map((type) => [`on${type}`, listener]));
  return h(TAG, {
    id: 'after',
    api: location.origin,
    booking: query.second,
    timeZone: query.timeZone,
    lang,
    'heading-level': 3,
    ...events,
  });
}

function App(): ReactElement {
  const [lang, setLang] = useState<'de' | 'en'>(query.lang);
  const [defined, setDefined] = useState(false);
  const [entries, setEntries] = useState<Entry[]>([]);
  const log = useCallback<Log>((instance, text) => {
    setEntries((list) => [...list, { id: list.length + 1, instance, text }]);
  }, []);

  useEffect(() => {
    // The element's definition arrives only after React's first render, as a lazily loaded chunk would.
    void import('../../src/elements/slot-picker/define.js').then(() => {
      log('before', `element defined after the first render`);
      setDefined(true);
    });
  }, [log]);

  return h(
    'div',
    null,
    h(
      'p',
      null,
      h('button', { type: 'button', id: 'lang', onClick: () => setLang(lang === 'en' ? 'de' : 'en') }, lang === 'en' ? 'Deutsch' : 'English'),
    ),
    h('section', { 'aria-labelledby': 'before-h' }, h('h2', { id: 'before-h' }, 'Properties set before the element is defined'), h(BeforeUpgrade, { lang, log })),
    h(
      'section',
      { 'aria-labelledby': 'after-h' },
      h('h2', { id: 'after-h' }, 'Properties set by React after the element is defined'),
      defined ? h(AfterUpgrade, { lang, log }) : h('p', null, 'Waiting for the element definition…'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'events-h' },
      h('h2', { id: 'events-h' }, 'Events received by React'),
      h('ol', { id: 'events' }, entries.map((e) => h('li', { key: e.id, 'data-instance': e.instance }, `${e.instance}: ${e.text}`))),
    ),
  );
}

createRoot(document.getElementById('app')!).render(h(App));
