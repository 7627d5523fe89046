import { describe, expect, test } from 'vitest';
import { MAX_FRAME_BYTES, parseFrame } from '../../../shared/jsonRpc.js';
import { ErrorCode } from '../../../shared/rpcError.js';

const parse = (text: string) => parseFrame(text, Buffer.byteLength(text));

describe('parseFrame', () => {
  test('accepts a request with params by name', () => {
    expect(parse('{"jsonrpc":"2.0","id":7,"method":"system.info","params":{}}')).toEqual({
      kind: 'requests',
      batch: false,
      items: [{ request: { jsonrpc: '2.0', id: 7, method: 'system.info', params: {} } }],
    });
  });

  test('answers broken JSON with a parse error and a null id', () => {
    const frame = parse('{"jsonrpc":');
    expect(frame).toMatchObject({ kind: 'invalid', response: { id: null, error: { code: ErrorCode.ParseError } } });
  });

  test('names what is wrong with a malformed request, keeping its id', () => {
    const frame = parse('{"jsonrpc":"1.0","id":"a","method":3}');
    expect(frame.kind).toBe('invalid');
    if (frame.kind !== 'invalid' || !('error' in frame.response)) throw new Error('expected an error response');
    expect(frame.response.id).toBe('a');
    expect(frame.response.error.code).toBe(ErrorCode.InvalidRequest);
    expect(frame.response.error.message).toMatch(/jsonrpc/);
    expect(frame.response.error.message).toMatch(/method/);
  });

  test('fails one bad member of a batch alone', () => {
    const frame = parse('[{"jsonrpc":"2.0","id":1,"method":"a"},{"id":2},5]');
    if (frame.kind !== 'requests') throw new Error('expected requests');
    expect(frame.batch).toBe(true);
    expect(frame.items.map((item) => ('request' in item ? 'request' : item.response.id))).toEqual(['request', 2, null]);
  });

  test('refuses an empty batch', () => {
    expect(parse('[]')).toMatchObject({ kind: 'invalid', response: { error: { code: ErrorCode.InvalidRequest } } });
  });

  test('refuses a frame over the limit without parsing it, but still finds its id', () => {
    const text = `{"jsonrpc":"2.0","id":42,"method":"processes.spawn","params":{"task":"${'x'.repeat(MAX_FRAME_BYTES)}"}}`;
    const frame = parse(text);
    expect(frame).toMatchObject({ kind: 'invalid', response: { id: 42, error: { code: ErrorCode.InvalidRequest } } });
    if (frame.kind === 'invalid' && 'error' in frame.response) expect(frame.response.error.message).toMatch(/exceeds the 1048576-byte limit/);
  });
});
