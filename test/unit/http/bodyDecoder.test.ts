import { describe, expect, it } from 'vitest';
import { decodeBody, parseJsonTree } from '../../../shared/http/index.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decoding a body by its Content-Type', () => {
  it('reads form fields', () => {
    expect(decodeBody(bytes('user=ada&note=hi+there%21&tag=a&tag=b'), 'application/x-www-form-urlencoded')).toEqual({
      kind: 'form',
      fields: [
        ['user', 'ada'],
        ['note', 'hi there!'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
    });
  });

  it('splits multipart/form-data into parts with names, filenames, sizes and types', () => {
    const body = bytes(
      'preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="upload"; filename="a;b.txt"\r\nContent-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--\r\n',
    );
    const decoded = decodeBody(body, 'multipart/form-data; boundary="XyZ"');
    expect(decoded.kind).toBe('multipart');
    if (decoded.kind !== 'multipart') return;
    expect(decoded.error).toBeNull();
    expect(decoded.parts.map(({ name, filename, contentType, size }) => ({ name, filename, contentType, size }))).toEqual([
      { name: 'title', filename: null, contentType: null, size: 5 },
      { name: 'upload', filename: 'a;b.txt', contentType: 'text/plain', size: 12 },
    ]);
    expect(new TextDecoder().decode(decoded.parts[1]?.body)).toBe('line1\r\nline2');
  });

  it('reports malformed multipart: a missing boundary parameter, a wrong boundary, no closing delimiter', () => {
    expect(decodeBody(bytes('x'), 'multipart/form-data')).toMatchObject({ error: 'the Content-Type names no boundary' });
    expect(decodeBody(bytes('--other\r\n\r\nx\r\n--other--'), 'multipart/form-data; boundary=b')).toMatchObject({ parts: [] });
    const cut = decodeBody(bytes('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nfirst\r\n--b\r\n\r\nsecond is cut'), 'multipart/form-data; boundary=b');
    expect(cut).toMatchObject({ error: 'the body ends before the closing "--b--"' });
    if (cut.kind === 'multipart') expect(cut.parts.map((part) => part.name)).toEqual(['a']);
  });

  it('parses JSON into a tree keeping duplicate keys and numbers as written, bounded in depth', () => {
    const decoded = decodeBody(bytes('{"a":1,"a":9007199254740993,"b":[true,null,"x\\u00e9"]}'), 'application/problem+json');
    expect(decoded).toMatchObject({
      kind: 'json',
      error: null,
      tree: {
        type: 'object',
        entries: [
          ['a', { type: 'number', text: '1' }],
          ['a', { type: 'number', text: '9007199254740993' }],
          ['b', { type: 'array', items: [{ type: 'boolean', value: true }, { type: 'null' }, { type: 'string', value: 'xé' }] }],
        ],
      },
    });
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseJsonTree(deep, 3).tree).toMatchObject({ type: 'array', items: [{ type: 'array', items: [{ type: 'array', items: [{ type: 'truncated' }] }] }] });
  });

  it('says where bad JSON went wrong, by offset, line and column', () => {
    expect(parseJsonTree('{\n  "a": 1,\n  "b": tru\n}').error).toEqual({ message: 'Unexpected character "t"', position: 19, line: 3, column: 8 });
    expect(parseJsonTree('[1, 2').error).toMatchObject({ message: "Expected ',' or ']'", position: 5 });
  });

  it('decodes text in its charset: UTF-8, ISO-8859-1, GBK', () => {
    expect(decodeBody(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1')).toMatchObject({ kind: 'text', charset: 'windows-1252', text: 'café' });
    expect(decodeBody(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]), 'text/html; charset=gbk')).toMatchObject({ kind: 'text', charset: 'gbk', text: '你好' });
    expect(decodeBody(bytes('naïve'), 'text/plain; charset=no-such-charset')).toMatchObject({ charset: 'utf-8', text: 'naïve' });
  });

  it('recognises images by their magic bytes, whatever the Content-Type says, and falls back to binary', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(decodeBody(png, 'application/octet-stream')).toEqual({ kind: 'image', format: 'png', mimeType: 'image/png' });
    expect(decodeBody(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), null)).toMatchObject({ format: 'jpeg' });
    expect(decodeBody(bytes('GIF89a....'), 'image/gif')).toMatchObject({ format: 'gif' });
    expect(decodeBody(new Uint8Array([0, 1, 2, 3, 0xff]), 'application/octet-stream')).toEqual({ kind: 'binary', mediaType: 'application/octet-stream' });
    expect(decodeBody(bytes('<b>hi</b>'), 'text/html')).toMatchObject({ kind: 'text', text: '<b>hi</b>' });
  });
});
