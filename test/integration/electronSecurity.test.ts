/**
 * Electronegativity, Doyensec's scanner for Electron misconfigurations, on the built output as it
 * ships: every finding must stand in build/security/allowlist.json with its reason. It lives in
 * build/security/ with its own lockfile (about 400 packages the app does not need); .ci/run installs it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const scanner = 'build/security/node_modules/.bin/electronegativity';
const installed = existsSync(scanner);
if (!installed) console.log(`Electronegativity is not installed here; to run this test: npm ci --prefix build/security`);

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[];
}
interface Allowed {
  id: string;
  file: string;
  why: string;
}

const scanned = mkdtempSync(join(tmpdir(), 'loopscope-scan-'));
afterAll(() => rmSync(scanned, { recursive: true, force: true }));

test.skipIf(!installed)('the built app has no finding outside the allowlist, and every allowance says why', () => {
  // The scanner reads the Electron version from package.json beside out/, as electron-builder packs them.
  cpSync('out', join(scanned, 'out'), { recursive: true });
  cpSync('package.json', join(scanned, 'package.json'));
  const report = join(scanned, 'report.sarif');
  // AvailableSecurityFixesGlobalCheck would reach the network for Electron's release notes.
  execFileSync(scanner, ['-i', scanned, '-r', '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report], { stdio: 'pipe', timeout: 120_000 });
  const results = (JSON.parse(readFileSync(report, 'utf8')) as { runs: { results: SarifResult[] }[] }).runs.flatMap((run) => run.results);
  const { findings: allowed } = JSON.parse(readFileSync('build/security/allowlist.json', 'utf8')) as { findings: Allowed[] };
  for (const entry of allowed) expect(entry.why.length, entry.id).toBeGreaterThan(40);
  const unexpected = results
    .map((result) => ({ id: result.ruleId, file: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '', line: result.locations?.[0]?.physicalLocation?.region?.startLine, text: result.message.text }))
    .filter((finding) => !allowed.some((entry) => entry.id === finding.id && entry.file === finding.file));
  expect(unexpected).toEqual([]);
  // The built page's CSP is one the scanner can read: it parses it and finds no more than a 'maybe'.
  const page = results.filter((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'out/renderer/index.html');
  expect(page.map((result) => result.message.text)).toEqual(['One or more CSP directives detected seems to be vulnerable']);
});
