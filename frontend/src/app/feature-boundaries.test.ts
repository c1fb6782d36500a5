import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Every feature folder is fenced off from the others by the lint rule, including one added
// later: the rule reads the folder list, and this test imports across every pair of neighbours.
const root = path.resolve(__dirname, '../..');
const featuresDir = path.join(root, 'src/features');
const features = readdirSync(featuresDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function firstModule(feature: string): string {
  const files = readdirSync(path.join(featuresDir, feature), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('.test.'))
    .sort();
  return (files[0] ?? '').replace(/\.tsx?$/, '');
}

describe('feature boundaries', () => {
  it('knows more than a handful of features', () => {
    expect(features.length).toBeGreaterThan(8);
  });

  it('refuses an import from another feature in every feature', async () => {
    // The boundary rule alone: the cycle rule would walk the whole import graph for each probe
    // (`npm run lint` runs it on the real files).
    const eslint = new ESLint({ cwd: root, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });
    const unfenced: string[] = [];
    for (const [index, feature] of features.entries()) {
      const other = features[(index + 1) % features.length] ?? feature;
      const code = `import * as other from '../${other}/${firstModule(other)}';\nexport const probe = other;\n`;
      const [result] = await eslint.lintText(code, {
        filePath: path.join(featuresDir, feature, 'boundary-probe.ts'),
      });
      const fenced = (result?.messages ?? []).some((m) => m.ruleId === 'import-x/no-restricted-paths');
      if (!fenced) unfenced.push(`${feature} -> ${other}`);
    }
    expect(unfenced).toEqual([]);
  }, 120_000);
});
