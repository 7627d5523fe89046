import { describe, expect, it } from 'vitest';
import { type Literal, rendererFiles, scriptFileLiterals, vueLiterals } from './literalScan.js';
import { notYetConverted } from './notYetConverted.js';

const root = new URL('../../../', import.meta.url).pathname;
const { components, scripts } = rendererFiles(root);

/** A converted file has no English left; one still listed as not converted must still have some, so the list only shrinks. */
function check(file: string, found: Literal[]): void {
  if (notYetConverted.has(file)) {
    expect(found.length, `${file} has no English left: remove it from test/unit/i18n/notYetConverted.ts`).toBeGreaterThan(0);
    return;
  }
  expect(found.map(({ line, text }) => `${file}:${line} ${JSON.stringify(text)}`)).toEqual([]);
}

describe('no English literal left in the renderer', () => {
  it.each(components)('%s', (file) => check(file, vueLiterals(`${root}${file}`)));
  it.each(scripts)('%s', (file) => check(file, scriptFileLiterals(`${root}${file}`)));

  it('finds what it is for: English in a template, an attribute and a sentence-building script', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/loopscope-literals-');
    writeFileSync(`${dir}/Bad.vue`, `<template><button title="Reap it" :aria-label="'Stop now'">Reap</button><span>{{ t('common.x.y') }} TIME_WAIT</span></template>`);
    writeFileSync(`${dir}/badText.ts`, "export const said = (pid: number) => `killed by ${pid}`;\nexport const ok = { key: 'common.x.y', state: 'done', label: 'running' };\n");
    expect(vueLiterals(`${dir}/Bad.vue`).map(({ text }) => text)).toEqual(['Reap it', 'Stop now', 'Reap']);
    expect(scriptFileLiterals(`${dir}/badText.ts`).map(({ text }) => text)).toEqual(['killed by', 'running']);
  });
});
