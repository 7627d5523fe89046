import { afterAll, describe, expect, it } from 'vitest';
import { taskInfos } from '../../../electron/lab/processes/taskCatalog.js';
import { scenarios } from '../../../electron/lab/scenarios/index.js';
import { setLocale } from '../../../renderer/i18n/index.js';
import { labWords } from '../../../renderer/i18n/labText.js';
import { flatCatalog } from './catalogFiles.js';

/**
 * The words the lab declares by id and the page shows through labWords: each scenario's title, what to observe, why,
 * and its actions; each task's title, doc, argsDoc and kwargs' descriptions (where the English has one). Key → English.
 */
function declaredByIds(): Map<string, string> {
  const texts = new Map<string, string>();
  const add = (key: string, english: string | undefined): void => void (english && texts.set(key, english));
  for (const { info } of scenarios) {
    const prefix = `lab.scenario.${info.id}`;
    add(`${prefix}.title`, info.title);
    add(`${prefix}.observe`, info.observe);
    add(`${prefix}.explanation`, info.explanation);
    for (const action of info.actions) {
      add(`${prefix}.action.${action.id}.title`, action.title);
      add(`${prefix}.action.${action.id}.doc`, action.doc);
    }
  }
  for (const task of taskInfos()) {
    const prefix = `lab.task.${task.id}`;
    add(`${prefix}.title`, task.title);
    add(`${prefix}.doc`, task.doc);
    add(`${prefix}.argsDoc`, task.argsDoc);
    const { properties = {} } = task.kwargs as { properties?: Record<string, { description?: string }> };
    for (const [name, schema] of Object.entries(properties)) add(`${prefix}.kwarg.${name}`, schema.description);
  }
  return texts;
}

/** The names no language translates: kernel constants (TIME_WAIT, SIGCHLD), calls (waitpid(), Atomics.add), paths (/proc/stat), snake_case names. */
const untranslatedNames = (text: string): string[] => [
  ...new Set(text.match(/\/[\w./<>-]+|\b[A-Za-z_][\w.]*\(|\b[A-Z][A-Z0-9_]*[A-Z0-9]\b|\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []),
];

/** A catalog message as it reads once formatted: a quoted literal (`{'{'}`) is its character. */
const asRead = (message: string): string => message.replace(/\{'(.)'\}/g, '$1');

const declared = declaredByIds();
const zh = new Map([...flatCatalog('zh-CN')].filter(([key]) => key.startsWith('lab.scenario.') || key.startsWith('lab.task.')));

afterAll(() => setLocale('en'));

describe('the scenarios’ and tasks’ words in Chinese', () => {
  it('cover every scenario’s title, what to observe, why and actions, and every task’s title, doc and arguments', () => {
    expect(declared.size).toBeGreaterThan(scenarios.length * 3);
    expect([...declared.keys()].filter((key) => !zh.has(key))).toEqual([]);
  });

  it('hold nothing the lab no longer says', () => {
    expect([...zh.keys()].filter((key) => !declared.has(key))).toEqual([]);
  });

  it('read in Chinese as written, each message compiled whole (no stray { } @ | cutting it short)', () => {
    setLocale('zh-CN');
    const problems = [...declared].flatMap(([key, english]) => {
      const shown = labWords(key, english);
      const message = zh.get(key);
      if (message === undefined) return [];
      if (shown !== asRead(message)) return [`${key}: shows “${shown}”, the catalog says “${asRead(message)}”`];
      // A bare call (accept()) is its own name in every language; anything else is written in Chinese.
      const chinese = /\p{Script=Han}/u.test(shown) || /^[\w.]+\(\)$/.test(english);
      return chinese ? [] : [`${key}: “${shown}” is not Chinese`];
    });
    expect(problems).toEqual([]);
  });

  it('keep every kernel and API name the English uses, untranslated', () => {
    expect(untranslatedNames('waitpid(-1, WNOHANG) reads /proc/<pid>/stat in TIME_WAIT via apply_async, A or Z')).toEqual([
      'waitpid(',
      'WNOHANG',
      '/proc/<pid>/stat',
      'TIME_WAIT',
      'apply_async',
    ]);
    const lost = [...declared].flatMap(([key, english]) => {
      const chinese = asRead(zh.get(key) ?? english);
      return untranslatedNames(english)
        .filter((name) => !chinese.includes(name))
        .map((name) => `${key}: ${name}`);
    });
    expect(lost).toEqual([]);
  });
});
