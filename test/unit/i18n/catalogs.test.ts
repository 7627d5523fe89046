import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areasOf, flatCatalog, glossaryTerms, links, placeholders } from './catalogFiles.js';
import { literalKeys, rendererFiles } from './literalScan.js';

const root = new URL('../../../', import.meta.url).pathname;
const en = flatCatalog('en');
/** The lab's texts come in English from the lab itself (renderer/i18n/labText.ts): only their Chinese is a catalog. */
const isLabText = (key: string): boolean => key.startsWith('lab.');
const zh = new Map([...flatCatalog('zh-CN')].filter(([key]) => !isLabText(key)));
const glossary = glossaryTerms();
const known = (key: string): boolean => en.has(key) || (key.startsWith('glossary.') && Object.hasOwn(glossary, key.slice(9)));

describe('the catalogs', () => {
  it('have the same areas in both languages, but the lab’s texts', () => {
    expect(areasOf('zh-CN').filter((area) => area !== 'lab.json')).toEqual(areasOf('en'));
  });

  it('have every key in both languages', () => {
    expect([...zh.keys()].filter((key) => !en.has(key)), 'in zh-CN only').toEqual([]);
    expect([...en.keys()].filter((key) => !zh.has(key)), 'in en only').toEqual([]);
  });

  it('give each key the same parameters in both languages', () => {
    const differ = [...en].filter(([key, text]) => zh.has(key) && placeholders(text).join() !== placeholders(zh.get(key)!).join());
    expect(differ.map(([key]) => `${key}: en {${placeholders(en.get(key)!)}} zh-CN {${placeholders(zh.get(key)!)}}`)).toEqual([]);
  });

  it('link only to keys that exist', () => {
    const broken = [...en, ...zh].flatMap(([key, text]) => links(text).filter((target) => !known(target)).map((target) => `${key} → ${target}`));
    expect(broken).toEqual([]);
  });

  it('have no empty message', () => {
    expect([...en, ...zh].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('say the glossary’s Chinese term where the English says the term', () => {
    const misses: string[] = [];
    for (const [key, english] of en) {
      const chinese = zh.get(key);
      if (!chinese) continue;
      for (const [id, term] of Object.entries(glossary)) {
        // The term as a word (plurals and -ed too), not a parameter, nor inside a name such as Process-1, queue.Empty or join(timeout).
        const word = new RegExp(`(?<![\\w./_-])${term.en.replace(/-/g, '\\-')}(s|es|ed|ing)?(?![\\w(_.-])`, 'i');
        if (word.test(english.replace(/\{[^}]*\}/g, '')) && !chinese.includes(term['zh-CN']) && !chinese.includes(`@:glossary.${id}`)) {
          misses.push(`${key}: “${term.en}” should read ${term['zh-CN']} in “${chinese}”`);
        }
      }
    }
    expect(misses).toEqual([]);
  });
});

describe('the keys the renderer uses', () => {
  it('all exist in the English catalog', () => {
    const { components, scripts } = rendererFiles(root);
    const areas = new Set([...en.keys()].map((key) => key.split('.')[0]!).concat('glossary'));
    const used = [...components, ...scripts].flatMap((file) =>
      literalKeys(readFileSync(`${root}${file}`, 'utf8'))
        .filter((key) => areas.has(key.split('.')[0]!))
        .map((key) => ({ file, key })),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter(({ key }) => !known(key)).map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
  });
});
