import { defineConfig } from 'vite';

/**
 * The script-tag build: one minified IIFE file, `dist/duly.js`, with Lit inside, that
 * registers every element. `tsc` writes the npm ES modules to `dist/` first, so the output
 * folder is not emptied.
 */
export default defineConfig({
  build: {
    lib: {
      entry: 'src/duly.ts',
      formats: ['iife'],
      name: 'Duly',
      fileName: () => 'duly.js',
    },
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
