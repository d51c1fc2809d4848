import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';

/**
 * The script-tag build: one minified IIFE file, `dist/duly.js`, with Lit inside, that
 * registers every element. `tsc` writes the npm ES modules to `dist/` first, so the output
 * folder is not emptied.
 */
export default defineConfig({
  // Lit's html`` and css`` templates keep their indentation through esbuild's minifier;
  // this minifies their markup and styles, and fails the build rather than ship unminified.
  plugins: [minifyHtmlLiterals({ failOnError: true })],
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
