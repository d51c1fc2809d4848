import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig, type Plugin, transformWithEsbuild } from 'vite';

const OUT_DIR = 'dist';
/** Chunks of the script-tag build; `duly.js` fetches them from its own folder. */
const CHUNK_FILE = /^duly-.+\.js$/;

/**
 * Names each chunk after the folder of the element it registers (`duly-pay-<hash>.js`),
 * or after its first module when it registers none, such as a chunk of shared helpers.
 * The content hash in every name lets servers cache chunks for good. Characters other than
 * letters, digits, `_` and `-` (the dot of `duly-pay.styles`) become `-`, because the API's
 * `/duly-*.js` route serves only such names.
 */
function chunkFileName(chunk: {
  facadeModuleId: string | null;
  moduleIds: readonly string[];
  name: string;
}): string {
  // A chunk that is imported both statically and dynamically has no facade, but still
  // contains the define module that registers its element.
  const defineModule = [chunk.facadeModuleId, ...chunk.moduleIds].find(
    (id) => id && path.basename(id) === 'define.ts',
  );
  const name = defineModule ? path.basename(path.dirname(defineModule)) : chunk.name;
  return `duly-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-[hash].js`;
}

/** Removes the previous build's chunks, which `emptyOutDir: false` would otherwise keep. */
function removeOldChunks(): Plugin {
  return {
    name: 'duly-remove-old-chunks',
    apply: 'build',
    buildStart() {
      let files: string[] = [];
      try {
        files = readdirSync(OUT_DIR);
      } catch {
        return;
      }
      for (const file of files) {
        if (CHUNK_FILE.test(file)) rmSync(path.join(OUT_DIR, file));
      }
    },
  };
}

/**
 * Minifies each chunk fully. Vite leaves whitespace in ES-module library output so that
 * bundlers can still read its pure annotations, but these files go to browsers as they are.
 */
function minifyChunks(): Plugin {
  return {
    name: 'duly-minify-chunks',
    apply: 'build',
    // After Vite's own minification of each chunk, which keeps the whitespace.
    async generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        const result = await transformWithEsbuild(output.code, output.fileName, {
          minify: true,
          target: 'es2022',
          format: 'esm',
          legalComments: 'none',
        });
        output.code = result.code;
      }
    },
  };
}

/**
 * The script-tag build: `dist/duly.js`, an ES module with Lit inside that registers the
 * elements of the portal's first screen, and `dist/duly-*.js`, the chunks it loads for the
 * other elements. `tsc` writes the npm ES modules to `dist/` first, so the output folder
 * is not emptied.
 */
export default defineConfig({
  // Lit's html`` and css`` templates keep their indentation through esbuild's minifier;
  // this minifies their markup and styles, and fails the build rather than ship unminified.
  // svg`` templates are left alone: the HTML minifier drops the `/>` of `<circle .../>`,
  // which then swallows the shapes after it.
  plugins: [
    removeOldChunks(),
    minifyChunks(),
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
      formats: ['es'],
      fileName: () => 'duly.js',
    },
    rollupOptions: {
      // Lets the entry export what the chunks share with it (Lit, the base element), instead
      // of moving that code into one more chunk that the first screen would wait for.
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: chunkFileName },
    },
    outDir: OUT_DIR,
    emptyOutDir: false,
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: false,
    reportCompressedSize: true,
  },
});
