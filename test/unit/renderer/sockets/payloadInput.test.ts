import { describe, expect, it } from 'vitest';
import { base64ToBytes, hexDump, parseHex, payloadOf } from '../../../../renderer/model/sockets/payloadInput.js';

describe('what the user sends and sees', () => {
  it('sends text in the encoding chosen, for the lab to encode', () => {
    expect(payloadOf({ mode: 'text', text: '收到消息', encoding: 'gbk' })).toEqual({ text: '收到消息', encoding: 'gbk' });
  });

  it('sends hex as the bytes it spells, however it is spaced', () => {
    const payload = payloadOf({ mode: 'hex', text: '68 69:0a 0xff', encoding: 'utf8' });
    expect(payload && 'base64' in payload ? [...base64ToBytes(payload.base64)] : null).toEqual([0x68, 0x69, 0x0a, 0xff]);
    expect(payloadOf({ mode: 'hex', text: '', encoding: 'utf8' })).toEqual({ base64: '' });
  });

  it('refuses hex with an odd digit or a letter that is not one', () => {
    expect(parseHex('abc')).toBeNull();
    expect(parseHex('zz')).toBeNull();
    expect(payloadOf({ mode: 'hex', text: '6g', encoding: 'utf8' })).toBeNull();
  });

  it('lays bytes out as hexdump -C does, the unprintable as dots, and says how many it left out', () => {
    const bytes = new TextEncoder().encode('hello, world!\n\u00e9tat');
    const { lines, omittedBytes } = hexDump(bytes);
    expect(lines).toEqual([
      { offset: '00000000', hex: '68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a c3 a9', ascii: 'hello, world!...' },
      { offset: '00000010', hex: '74 61 74', ascii: 'tat' },
    ]);
    expect(omittedBytes).toBe(0);
    expect(hexDump(new Uint8Array(40), 2)).toMatchObject({ omittedBytes: 8 });
  });
});
