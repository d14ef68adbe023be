// Builds the page into dist/ (committed and embedded in the evrule binary
// by src/serve/assets.rs): the bundled script, the stylesheet, the HTML
// and the Oniguruma WebAssembly engine. Run `npm ci && npm run build`
// after changing src/, and commit dist/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  outfile: 'dist/app.js',
  legalComments: 'eof',
  logLevel: 'info',
});
copyFileSync('src/index.html', 'dist/index.html');
copyFileSync('src/app.css', 'dist/app.css');
copyFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'), 'dist/onig.wasm');
