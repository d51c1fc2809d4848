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
  // svg`` templates are left alone: the HTML minifier drops the `/>` of `<circle .../>`,
  // which then swallows the shapes after it.
  plugins: [
    minifyHtmlLiterals({
      failOnError: true,
      options: {
        shouldMinify: (template: { tag?: string }) =>
          template.tag?.toLowerCase().includes('html') ?? false,
      },
    }),
  ],
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
