/**
 * Library build of the elements (npm-style): ES modules, one entry per element plus `index` and `define`,
 * lit external so the host app shares one copy. The script-tag builds (lit bundled, one file each) and the
 * server bundle are produced by scripts/build.mjs with the same plugin-free configuration.
 */
import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vite';

// One entry per element folder: `elements/<name>` (the class, no side effects) and `elements/<name>.define`.
export const ELEMENT_ENTRIES = Object.fromEntries(
  readdirSync('src/elements', { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`src/elements/${d.name}/define.ts`))
    .flatMap((d) => [
      [`elements/${d.name}`, `src/elements/${d.name}/index.ts`],
      [`elements/${d.name}.define`, `src/elements/${d.name}/define.ts`],
    ]),
);

export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/index.ts', define: 'src/define.ts', ...ELEMENT_ENTRIES },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^@lit-labs\//],
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
