// Fails when src/api/schema.d.ts is out of date with openapi.json (run `npm run gen:api`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/api/schema.d.ts';
const dir = mkdtempSync(join(tmpdir(), 'procura-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(
    process.execPath,
    ['node_modules/openapi-typescript/bin/cli.js', 'openapi.json', '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error(`${committed} is stale: run \`npm run gen:api\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${committed} matches openapi.json`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
