import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const labRoot = join(root, 'electron/lab');

/**
 * Errors with English words of their own that no reader sees: each with why. Everything else the lab throws is said
 * in a declared lab text (`RpcError.said(code, errors.x({ … }))`), so the page can show it in the user's language.
 */
const internal: ReadonlyArray<{ file: string; says: string; why: string }> = [
  { file: 'electron/lab/queues/labQueue.ts', says: 'has gone away', why: 'the caller that would read it has left (its socket closed, its process exited)' },
  { file: 'electron/lab/queues/labQueue.ts', says: 'went away', why: 'the caller that would read it has left (its socket closed, its process exited)' },
];

function labFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return labFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each `new RpcError(code, <message>` whose message is written in place (a quoted or template literal), with the message's start. */
function englishErrors(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/new RpcError\(/g)) {
    let depth = 0;
    let at = match.index + match[0].length;
    // Past the first argument (the code): to the comma at this call's own depth.
    for (; at < source.length; at++) {
      const char = source[at];
      if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') depth--;
      else if (char === ',' && depth === 0) break;
      if (depth < 0) break;
    }
    const message = source.slice(at + 1).trimStart();
    if (/^['"`]/.test(message)) found.push(message.slice(0, 80).split('\n')[0]!);
  }
  return found;
}

describe('the errors the lab throws', () => {
  it('are found by the scan when their message is written in place', () => {
    expect(englishErrors("throw new RpcError(ErrorCode.NotFound, `No socket '${id}'.`, { id });")).toEqual(["`No socket '${id}'.`, { id });"]);
    expect(englishErrors("new RpcError(\n  ErrorCode.Conflict,\n  'quitting',\n)")).toEqual(["'quitting',"]);
    expect(englishErrors('new RpcError(pick(a, b), "x")')).toEqual(['"x")']);
    expect(englishErrors('RpcError.said(ErrorCode.Conflict, errors.quitting())')).toEqual([]);
    expect(englishErrors('new RpcError(object.code, object.message, object.data)')).toEqual([]);
  });

  it('say their words in declared lab texts, not in English written at the throw', () => {
    const files = labFiles(labRoot);
    expect(files.length).toBeGreaterThan(50);
    const unsaid = files.flatMap((path) => {
      const file = relative(root, path);
      return englishErrors(readFileSync(path, 'utf8'))
        .filter((message) => !internal.some((entry) => entry.file === file && message.includes(entry.says)))
        .map((message) => `${file}: ${message}`);
    });
    expect(unsaid).toEqual([]);
  });

  it('keep no allowance for an error that is gone', () => {
    const stale = internal.filter((entry) => !englishErrors(readFileSync(join(root, entry.file), 'utf8')).some((message) => message.includes(entry.says)));
    expect(stale).toEqual([]);
  });
});
