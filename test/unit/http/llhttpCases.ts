import { readFileSync } from 'node:fs';
import { HttpMessageParser, type HttpMessage, type HttpParseError } from '../../../shared/http/index.js';

/** The llhttp fixture cases in ../shared/conformance/http (see its README for the fields and traps). */
export interface LlhttpMessage {
  method: string | null;
  url: string | null;
  versionMajor: number | null;
  versionMinor: number | null;
  statusCode: number | null;
  statusText: string | null;
  headers: Array<[string, string]>;
  body: string | null;
}

export interface LlhttpCase {
  location: string;
  name: string;
  type: 'request' | 'response';
  llhttpType: string;
  strict: boolean;
  meta: { skipBody?: boolean };
  rawBase64: string;
  expect: LlhttpMessage & { error: string | null };
  messageCount: number;
  messages: LlhttpMessage[];
  errorDetail: { offset: number; name: string } | null;
  upgrade: boolean;
  finish: number | null;
}

export const CONFORMANCE_DIR = new URL('../../../../shared/conformance/', import.meta.url);

export function loadCases(): LlhttpCase[] {
  return JSON.parse(readFileSync(new URL('http/llhttp-cases.json', CONFORMANCE_DIR), 'utf8')) as LlhttpCase[];
}

export interface CaseRun {
  messages: HttpMessage[];
  error: HttpParseError | null;
  upgradeOffset: number | null;
}

/** Feeds a case's exact bytes to our parser, whole or in pieces of `pieceSize`, as llhttp's test binary was fed. */
export function runCase(testCase: LlhttpCase, pieceSize = Infinity): CaseRun {
  const messages: HttpMessage[] = [];
  let upgradeOffset: number | null = null;
  const skipBody = testCase.meta.skipBody === true;
  const parser = new HttpMessageParser(
    { kind: testCase.type },
    {
      onHeaders: (message) => {
        if (!messages.includes(message)) messages.push(message);
        return skipBody && testCase.type === 'request';
      },
      onUpgrade: (_message, offset) => {
        upgradeOffset = offset;
      },
    },
  );
  if (skipBody && testCase.type === 'response') for (let i = 0; i < testCase.messageCount; i++) parser.expectResponseTo('HEAD');
  const bytes = Buffer.from(testCase.rawBase64, 'base64');
  const track = (): void => {
    const current = parser.current;
    if (current !== null && !messages.includes(current)) messages.push(current);
  };
  for (let at = 0; at < bytes.length; at += Math.min(pieceSize, bytes.length)) {
    parser.push(bytes.subarray(at, Math.min(bytes.length, at + pieceSize)));
    track();
    if (parser.state === 'error' || parser.state === 'upgraded') break;
  }
  if (testCase.llhttpType.endsWith('-finish')) parser.finish();
  return { messages, error: parser.error, upgradeOffset };
}

const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A message in the fixture's terms: llhttp's fields, null where it never got that far. */
export function asLlhttpMessage(message: HttpMessage): LlhttpMessage {
  return {
    method: message.method,
    url: message.url,
    versionMajor: message.versionMajor,
    versionMinor: message.versionMinor,
    // llhttp's test log prints the status code with `headers complete`; before that the fixture has none.
    statusCode: message.headersComplete ? message.statusCode : null,
    statusText: message.statusText,
    headers: message.headers.map((field) => [field.name, field.value]),
    body: message.headersComplete ? textOf(message.body.bytes) : null,
  };
}

/** The stream's outcome: the first error's name, `upgrade`, or `ok`. */
export function expectedVerdict(testCase: LlhttpCase): string {
  if (testCase.upgrade) return 'upgrade';
  if (testCase.llhttpType.endsWith('-finish') && testCase.finish === 2) return 'HPE_INVALID_EOF_STATE';
  return testCase.expect.error?.split(':')[0] ?? 'ok';
}

export function verdictOf(run: CaseRun): string {
  if (run.upgradeOffset !== null) return 'upgrade';
  return run.error?.code ?? 'ok';
}

const FIELDS = ['method', 'url', 'versionMajor', 'versionMinor', 'statusCode', 'statusText', 'headers', 'body'] as const;

/** Every way our run departs from llhttp's on this case; empty when they agree. */
export function disagreements(testCase: LlhttpCase, run: CaseRun): string[] {
  const found: string[] = [];
  const expected = expectedVerdict(testCase);
  const actual = verdictOf(run);
  if (expected !== actual) found.push(`verdict: llhttp ${expected}, ours ${actual}${run.error ? ` (${run.error.reason} @${run.error.offset})` : ''}`);
  if (testCase.messageCount !== run.messages.length) found.push(`messages: llhttp ${testCase.messageCount}, ours ${run.messages.length}`);
  testCase.messages.forEach((theirs, index) => {
    const ours = run.messages[index];
    if (ours === undefined) return;
    const mine = asLlhttpMessage(ours);
    for (const field of FIELDS) {
      if (JSON.stringify(theirs[field]) !== JSON.stringify(mine[field])) {
        found.push(`message ${index} ${field}: llhttp ${JSON.stringify(theirs[field])}, ours ${JSON.stringify(mine[field])}`);
      }
    }
  });
  return found;
}
