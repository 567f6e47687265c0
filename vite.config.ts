/**
 * Library build of the elements (npm-style): ES modules, one entry per element plus `index` and `define`,
 * lit external so the host app shares one copy. The script-tag builds (lit bundled, one file each) and the
 * server bundle are produced by scripts/build.mjs with the same plugin-free configuration.
 */
import { defineConfig } from 'vite';

export const ELEMENT_ENTRIES = {
  'elements/slot-picker': 'src/elements/slot-picker/index.ts',
  'elements/slot-picker.define': 'src/elements/slot-picker/define.ts',
  'elements/calendar-context': 'src/elements/calendar-context/index.ts',
  'elements/calendar-context.define': 'src/elements/calendar-context/define.ts',
};

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
