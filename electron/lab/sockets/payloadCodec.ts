import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { MAX_PAYLOAD_BYTES, type Payload, type Received, type TextEncoding } from '../../../shared/schemas/sockets.js';

const errors = defineLabTexts('lab.error.payload', {
  noGbk: `'{char}' has no GBK encoding (as Python's encode("gbk") would refuse it): send it as UTF-8.`,
  tooLarge: "A payload of {bytes} bytes exceeds the lab's {max}-byte cap.",
});

let gbkTable: Map<string, number> | undefined;

/**
 * GBK's two-byte table, read back from the platform's own GBK decoder once (~24,000 characters,
 * ~50 ms): Node can decode GBK but not encode it, and the syllabus's examples send GBK.
 */
function gbkCodes(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  gbkTable = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const char = decoder.decode(pair);
      if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, (lead << 8) | trail);
    }
  }
  return gbkTable;
}

function encodeGbk(text: string): Buffer {
  const codes = gbkCodes();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const gbk = codes.get(char);
      if (gbk === undefined) throw RpcError.said(ErrorCode.InvalidParams, errors.noGbk({ char }));
      bytes.push(gbk >> 8, gbk & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The bytes to send, capped at MAX_PAYLOAD_BYTES (above UDP's limit, so the kernel's EMSGSIZE stays reachable). */
export function encodePayload(payload: Payload): Buffer {
  const bytes = 'base64' in payload ? Buffer.from(payload.base64, 'base64') : payload.encoding === 'gbk' ? encodeGbk(payload.text) : Buffer.from(payload.text, 'utf8');
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    throw RpcError.said(ErrorCode.InvalidParams, errors.tooLarge({ bytes: bytes.length, max: MAX_PAYLOAD_BYTES }), { bytes: bytes.length, cap: MAX_PAYLOAD_BYTES });
  }
  return bytes;
}

/** What arrived, as bytes and as text (undecodable bytes become U+FFFD, as decode(errors="replace") shows them). */
export function received(base64: string, encoding: TextEncoding): Received {
  const bytes = Buffer.from(base64, 'base64');
  return { bytes: bytes.length, base64, text: new TextDecoder(encoding === 'gbk' ? 'gbk' : 'utf-8').decode(bytes), encoding };
}
