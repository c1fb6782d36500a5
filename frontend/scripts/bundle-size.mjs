// Prints the gzipped size of what the browser must load before the first render:
// the entry script, the chunks it preloads, and the entry stylesheet (listed apart).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url).pathname;
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error('dist/index.html not found: run `npm run build` first.');
  process.exit(1);
}
const html = readFileSync(indexPath, 'utf8');
const attr = (tag, name) => tag.match(new RegExp(`${name}="([^"]+)"`))?.[1];
const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*>/g)].map((m) => attr(m[0], 'src'));
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*>/g)].map((m) => attr(m[0], 'href'));
const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map((m) => attr(m[0], 'href'));

const sizeOf = (href) => {
  const body = readFileSync(join(dist, href.replace(/^\//, '')));
  return { href, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const print = (rows) => {
  for (const r of rows) console.log(`  ${r.href.padEnd(44)} ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}`);
};

const js = [...new Set([...scripts, ...preloads].filter(Boolean))].map(sizeOf);
const css = styles.filter(Boolean).map(sizeOf);
const jsGzip = js.reduce((sum, r) => sum + r.gzip, 0);

console.log('Initial JS chunks:');
print(js);
console.log('Initial CSS:');
print(css);
console.log(`Initial JS total: ${kb(jsGzip)} gzipped (budget ${BUDGET_KB} KB)`);
if (jsGzip > BUDGET_KB * 1024) {
  console.error('Initial JS is over budget.');
  process.exit(1);
}
