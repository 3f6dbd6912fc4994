// Bundles the compiled CLI (dist/, as tsc wrote it) and the packages it uses into dist/bundle/:
// a few files instead of about 330 of tuxconf's and 250 of its packages'. Node 20 loads ESM
// module by module (resolve, stat, open, read, compile, link each, and cjs-module-lexer over
// every CommonJS package): for the menu that was about 0.7 s of CPU and 20 MB of memory before
// the first frame, the bundle loads in about 0.2 s. bin/tuxconf runs it (see there when not).
//
// The code is tsc's output unchanged, with two things a bundle would otherwise break:
// - `import.meta.url` of a module names its own file (the C source, fixtures/, profiles/ and
//   package.json are found from it): each module gets the URL of its file in dist/.
// - src/ui/output-row-cache.ts loads Ink's Output class from Ink's file to patch it: in the
//   bundle it must be the bundled class, the one Ink's renderer uses.
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');
const inkOutput = join(dirname(fileURLToPath(import.meta.resolve('ink'))), 'output.js');

/** The module's own URL, from where the bundle's files are. */
const ownUrl = (path) => `new URL(${JSON.stringify(relative(outdir, path).split(sep).join('/'))}, import.meta.url).href`;

const INK_OUTPUT_IMPORT = 'await import(outputUrl.href)';

const distModules = {
  name: 'dist-modules',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(`${dist}${sep}`)) return undefined;
      let contents = await readFile(args.path, 'utf8');
      contents = contents.replaceAll('import.meta.url', ownUrl(args.path));
      if (args.path === join(dist, 'ui', 'output-row-cache.js')) {
        if (!contents.includes(INK_OUTPUT_IMPORT)) throw new Error(`${args.path}: no "${INK_OUTPUT_IMPORT}" to point at the bundled Ink`);
        contents = contents.replace(INK_OUTPUT_IMPORT, "await import('ink/build/output.js')");
      }
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
    // Yoga's loader (emscripten) fetches its own data: URL whenever a global fetch exists: in node
    // that loads undici, about 60 ms of CPU before the first frame. With fetch shadowed in that
    // module it decodes the same base64 itself (its own fallback, used where fetch is absent).
    build.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (!contents.includes('"function"!=typeof fetch')) throw new Error(`${args.path}: no fetch test to bypass; look at Yoga's loader again`);
      return { contents: `var fetch;\n${contents}`, loader: 'js', resolveDir: dirname(args.path) };
    });
    // Ink exports only its entry; its Output class is taken from the file the bundle already holds.
    build.onResolve({ filter: /^ink\/build\/output\.js$/ }, () => ({ path: inkOutput }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: join(dist, 'cli', 'main.js') },
  outdir,
  bundle: true,
  // Code the menu does not need before its first frame (the TUI itself, execa) stays in chunks loaded when used.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // bin/tuxconf runs the bundle only with NODE_ENV=production: React's development build is left out.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Loaded by Ink only when DEV=true (React DevTools), not a dependency.
  external: ['react-devtools-core'],
  // CommonJS packages in the bundle require node's built-in modules.
  banner: { js: "import { createRequire as tuxconfCreateRequire } from 'node:module'; const require = tuxconfCreateRequire(import.meta.url);" },
  minifySyntax: true,
  legalComments: 'linked',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [distModules],
});
