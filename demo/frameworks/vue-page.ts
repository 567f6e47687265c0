/**
 * Vue 3 host page (demo/vue.html): `<dv-slot-picker>` rendered by Vue render functions (`h()`), twice:
 *
 * 1. **Before upgrade.** Rendered while the tag is still unknown. Vue decides property vs attribute by
 *    `key in element`, which is false on an undefined element — `timeZone` would become a `timezone` attribute the
 *    element never reads. The `.` prefix (the template's `.prop` modifier) forces properties; Lit takes those own
 *    properties over when the definition is registered after mount. `^` (the template's `.attr`) forces the
 *    attributes the element observes: `lang`, `heading-level`.
 * 2. **After upgrade.** Rendered once the element is defined: plain keys, which Vue now sets as properties
 *    because the element has them.
 *
 * Events through Vue's listeners: `onDvBooked` is `addEventListener('dv-booked')` (Vue hyphenates the name).
 * `compilerOptions.isCustomElement` (`tag.startsWith('dv-')`) is a *template compiler* option: hosts using SFCs pass
 * it to @vitejs/plugin-vue so the compiler does not try to resolve `<dv-slot-picker>` as a Vue component. Render
 * functions never resolve string tags, and the runtime template compiler is off limits anyway under a strict CSP
 * (it compiles with `new Function`), so this page needs neither. A language switch proves updates after mount.
 * Every event lands in the host's own log (`#events`), which the e2e suite reads.
 */
import { createApp, defineComponent, h, onMounted, ref, type VNode } from 'vue';
import { DV_EVENTS, logLine, readQuery } from './support/host-log.js';

interface Entry {
  id: number;
  instance: 'before' | 'after';
  text: string;
}

const query = readQuery();
const TAG = 'dv-slot-picker';

/** `dv-booked` → `onDvBooked`. */
const handlerName = (type: string): string => `on${type.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

const App = defineComponent({
  setup() {
    const lang = ref<'de' | 'en'>(query.lang);
    const defined = ref(false);
    const entries = ref<Entry[]>([]);
    const log = (instance: Entry['instance'], text: string): void => {
      entries.value = [...entries.value, { id: entries.value.length + 1, instance, text }];
    };
    const listeners = (instance: Entry['instance']) =>
      Object.fromEntries(DV_EVENTS.map((type) => [handlerName(type), (e: Event) => log(instance, logLine(e))]));

    onMounted(async () => {
      // Mounted means instance 1 is in the DOM with its properties set, and the tag is still undefined.
      if (customElements.get(TAG) === undefined && document.getElementById('before')) {
        log('before', 'properties set before the element was defined');
      }
      await import('../../src/elements/slot-picker/define.js');
      log('before', 'element defined after the first render');
      defined.value = true;
    });

    return (): VNode =>
      h('div', [
        h('p', [
          h('button', { type: 'button', id: 'lang', onClick: () => (lang.value = lang.value === 'en' ? 'de' : 'en') }, lang.value === 'en' ? 'Deutsch' : 'English'),
        ]),
        h('section', { 'aria-labelledby': 'before-h' }, [
          h('h2', { id: 'before-h' }, 'Properties set before the element is defined'),
          h(TAG, {
            id: 'before',
            '.api': location.origin,
            '.booking': query.first,
            '.timeZone': query.timeZone,
            '^lang': lang.value,
            '^heading-level': '3',
            ...listeners('before'),
          }),
        ]),
        h('section', { 'aria-labelledby': 'after-h' }, [
          h('h2', { id: 'after-h' }, 'Properties set by Vue after the element is defined'),
          defined.value
            ? h(TAG, {
                id: 'after',
                api: location.origin,
                booking: query.second,
                timeZone: query.timeZone,
                lang: lang.value,
                '^heading-level': '3',
                ...listeners('after'),
              })
            : h('p', 'Waiting for the element definition…'),
        ]),
        h('section', { 'aria-labelledby': 'events-h' }, [
          h('h2', { id: 'events-h' }, 'Events received by Vue'),
          h('ol', { id: 'events' }, entries.value.map((e) => h('li', { key: e.id, 'data-instance': e.instance }, `${e.instance}: ${e.text}`))),
        ]),
      ]);
  },
});

createApp(App).mount('#app');
