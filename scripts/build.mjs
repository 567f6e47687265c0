#!/usr/bin/env node
// The build. `node scripts/build.mjs` builds everything; `node scripts/build.mjs web` only the script-tag
// bundles the demo pages load (what `npm start` and the e2e tests need, in about a second).
//   dist/cdn/dv-calendar.js      every element, lit bundled, one file (script-tag build)
//   dist/cdn/dv-<element>.js     one element, lit bundled (the size budget is measured on these)
//   dist/lib/…                   npm-style ES modules, one entry per element plus index and define, lit external
//   dist/types/…                 .d.ts
//   dist/custom-elements.json    Custom Elements Manifest
//   dist/demo/*.js               demo pages embedding the elements in React and Vue
//   dist/server.js               the server: node dist/server.js (with dist/pglite-worker.js, the embedded store's thread)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'vite';
import * as esbuild from 'esbuild';

const only = process.argv[2] ?? 'all';
const quiet = { logLevel: 'warn', configFile: false };

// Every element folder with a define.ts gets its own script-tag build, dv-<folder>.js.
const CDN = {
  'dv-calendar': 'src/define.ts',
  ...Object.fromEntries(
    readdirSync('src/elements', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
      .map((d) => [`dv-${d.name}`, `src/elements/${d.name}/define.ts`]),
  ),
};

// Lit's `html` and `css` literals reach the bundle as written: indentation, line breaks, CSS comments. The
// script-tag bundles drop what cannot change the result: the indentation after a line break in a template (HTML
// collapses white space, and no element template holds a <pre>) and, in the styles (plain CSS, never
// interpolated: elements compose style blocks in arrays), comments and the spaces around punctuation. Line breaks
// stay, so the source maps still point at the right lines (hence `map: null`).
const keepLines = (space) => '\n'.repeat(space.split('\n').length - 1) || ' ';
const TIDY = {
  html: (raw) => raw.replace(/[ \t]*\n\s*/g, keepLines),
  css: (raw) =>
    raw
      .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
      .replace(/\s+/g, keepLines)
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;(\n*)}/g, '$1}'),
};

function taggedTemplates(node, found = []) {
  if (Array.isArray(node)) for (const n of node) taggedTemplates(n, found);
  else if (node && typeof node === 'object') {
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name in TIDY) found.push(node);
    for (const value of Object.values(node)) if (value && typeof value === 'object') taggedTemplates(value, found);
  }
  return found;
}

const tidyTemplates = {
  name: 'dv-tidy-templates',
  enforce: 'pre',
  transform(code, id) {
    if (!/\/src\/elements\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    const edits = [];
    let skipped = 0;
    for (const t of taggedTemplates(this.parse(code, { lang: 'ts' }))) {
      for (const q of t.quasi.quasis) {
        // A quasi's span includes its opening delimiter (` or }). Only where the text is found exactly there is it
        // rewritten; anything else stays as written.
        const start = q.start + 1;
        if (code.slice(start, start + q.value.raw.length) === q.value.raw) {
          edits.push({ start, end: start + q.value.raw.length, text: TIDY[t.tag.name](q.value.raw) });
        } else skipped++;
      }
    }
    let out = code;
    for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    if (skipped) this.warn(`${skipped} template parts left as written`);
    return { code: out, map: null };
  },
};

// gzip finds a repeat only within the last 32 KB it read, and a bundle lays modules out in the order they are first
// imported: element by element, each one's texts, styles and code interleaved, so the two elements that share the
// most (the availability check and the booking request: participant picker, zone field, much of their wording)
// end up more than 32 KB apart. The all-elements bundle's entry therefore first imports like next to like: every
// message catalog, every style sheet, the API clients, the elements' helper modules, then the element classes,
// similar ones side by side. Measured: 79.7 → 72.8 KB gzip. Only where modules sit in the file changes: they are
// free of side effects (package.json `sideEffects` names only the define files) and import each other in no cycle,
// so evaluating them earlier changes nothing, and the elements are still defined in the order src/define.ts says.
const LAYOUT = [
  (f) => /\/i18n\/(?!index\.ts$)[^/]+\.ts$|\/i18n\.ts$/.test(f),
  (f) => f.endsWith('.styles.ts'),
  (f) => f.startsWith('src/client/'),
  (f) => /^src\/elements\/(controllers|shared)\/|^src\/elements\/[^/]+\/internal\//.test(f),
];
// Elements that share code or wording sit next to each other; folders not named here follow in name order.
const ELEMENT_ORDER = ['availability-check', 'booking-request', 'slot-picker', 'room-selector', 'availability-editor', 'connections-overview', 'connection-status', 'calendar-context'];

const layoutAllElements = {
  name: 'dv-layout-all-elements',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith(`/${CDN['dv-calendar']}`)) return null;
    const files = readdirSync('src', { recursive: true }).map((f) => `src/${f}`.replaceAll('\\', '/')).filter((f) => /^src\/(elements|client)\/.*\.ts$/.test(f)).sort();
    const rank = (name) => (ELEMENT_ORDER.indexOf(name) + 1 || Infinity);
    const elements = files
      .map((f) => /^src\/elements\/([^/]+)\/index\.ts$/.exec(f)?.[1])
      .filter(Boolean)
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
      .map((name) => `src/elements/${name}/index.ts`);
    const ordered = new Set([...LAYOUT.flatMap((group) => files.filter(group)), ...elements]);
    // On the entry's first line, so its own lines keep their numbers in the source map.
    return { code: [...ordered].map((f) => `import './${f.slice('src/'.length)}';`).join('') + code, map: null };
  },
};

async function cdn() {
  rmSync('dist/cdn', { recursive: true, force: true });
  for (const [name, entry] of Object.entries(CDN)) {
    await build({
      ...quiet,
      plugins: [tidyTemplates, layoutAllElements],
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: true,
        lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
        // Vite keeps white space and annotation comments in an ES library build so that the user's bundler can
        // still tree-shake it; a script-tag bundle is the end of the line, so it is minified completely.
        rollupOptions: { output: { codeSplitting: false, minify: true, comments: false } },
      },
    });
  }
}

// Demo pages that embed the elements in other frameworks (React, Vue): each demo/frameworks/*.ts becomes one
// bundle in dist/demo/, framework included, exactly as a host application's own build would produce it.
async function frameworkDemos() {
  rmSync('dist/demo', { recursive: true, force: true });
  if (!existsSync('demo/frameworks')) return;
  for (const file of readdirSync('demo/frameworks').filter((f) => f.endsWith('.ts'))) {
    const name = file.replace(/\.ts$/, '');
    await build({
      ...quiet,
      define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
      build: {
        outDir: 'dist/demo',
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        lib: { entry: `demo/frameworks/${file}`, formats: ['es'], fileName: () => `${name}.js` },
        rollupOptions: { output: { codeSplitting: false } },
      },
    });
  }
}

async function lib() {
  await build({ logLevel: 'warn' });
  rmSync('dist/types', { recursive: true, force: true });
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/elements/**/*.ts', '--exclude', 'src/elements/**/internal/**', '--outdir', 'dist', '--quiet'], { stdio: 'inherit' });
}

async function server() {
  await esbuild.build({
    // The embedded store's thread is a file of its own next to server.js (new Worker needs a file).
    entryPoints: { server: 'src/server/main.ts', 'pglite-worker': 'src/store/pglite-worker.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outdir: 'dist',
    // PGlite loads its WebAssembly and data files from its package folder, and pg's optional native binding is
    // never used: both stay outside the bundle and resolve from node_modules.
    external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'],
    banner: { js: "import { createRequire as __dvCreateRequire } from 'node:module'; const require = __dvCreateRequire(import.meta.url);" },
    legalComments: 'none',
    // DV_SOURCEMAP=1 adds dist/server.js.map, to read a --cpu-prof profile of the built server by source file.
    sourcemap: Boolean(process.env.DV_SOURCEMAP),
    logLevel: 'warning',
  });
}

const started = Date.now();
await cdn();
await frameworkDemos();
if (only === 'all') {
  await lib();
  await server();
}
console.log(`build (${only}) done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
