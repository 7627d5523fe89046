import { describe, expect, it } from 'vitest';
import { disagreements, loadCases, runCase } from './llhttpCases.js';

const REQUIRED_AGREEMENT = 212;

describe('the HTTP/1.x decoder against llhttp 9.4.2 fixtures', () => {
  const strict = loadCases().filter((testCase) => testCase.strict);

  it(`agrees with llhttp on at least ${REQUIRED_AGREEMENT} of the ${strict.length} strict cases`, () => {
    const disagreeing = strict
      .map((testCase) => ({ testCase, problems: disagreements(testCase, runCase(testCase)) }))
      .filter(({ problems }) => problems.length > 0);
    for (const { testCase, problems } of disagreeing) console.log(`disagrees: ${testCase.location} (${testCase.name})\n  ${problems.join('\n  ')}`);
    const agreeing = strict.length - disagreeing.length;
    console.log(`llhttp agreement: ${agreeing}/${strict.length} strict cases`);
    expect(strict.length).toBe(214);
    expect(agreeing).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
  });

  it('reports the error at the byte where llhttp stopped', () => {
    const withErrors = strict.filter((testCase) => testCase.errorDetail !== null && !testCase.upgrade);
    const offsetsDiffer = withErrors.filter((testCase) => runCase(testCase).error?.offset !== testCase.errorDetail?.offset);
    for (const testCase of offsetsDiffer) console.log(`error offset differs: ${testCase.location}: llhttp ${testCase.errorDetail?.offset}, ours ${runCase(testCase).error?.offset}`);
    expect(offsetsDiffer.map((testCase) => testCase.location)).toEqual([]);
  });

  it('parses every case the same whether the bytes arrive whole or one at a time', () => {
    for (const testCase of loadCases()) {
      const whole = runCase(testCase);
      const byteByByte = runCase(testCase, 1);
      expect(byteByByte, testCase.location).toEqual(whole);
    }
  });
});
