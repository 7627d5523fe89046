import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContentEncoding } from '../../../electron/lab/http/decode/contentEncoding.js';

const text = 'hello, Loopscope! '.repeat(200);
const plain = Buffer.from(text);
const asText = (bytes: Uint8Array): string => Buffer.from(bytes).toString();

describe('undoing Content-Encoding', () => {
  it('decodes gzip, x-gzip, deflate (zlib-wrapped and raw) and br', async () => {
    expect(asText((await decodeContentEncoding(zlib.gzipSync(plain), 'gzip')).bytes)).toBe(text);
    expect(asText((await decodeContentEncoding(zlib.gzipSync(plain), 'X-GZIP')).bytes)).toBe(text);
    expect(asText((await decodeContentEncoding(zlib.deflateSync(plain), 'deflate')).bytes)).toBe(text);
    expect(asText((await decodeContentEncoding(zlib.deflateRawSync(plain), 'deflate')).bytes)).toBe(text);
    expect(await decodeContentEncoding(zlib.brotliCompressSync(plain), 'br')).toMatchObject({ codings: ['br'], cutAt: null, error: null });
  });

  it('undoes stacked codings from the last applied to the first', async () => {
    const stacked = zlib.brotliCompressSync(zlib.gzipSync(plain));
    const decoded = await decodeContentEncoding(stacked, 'gzip, identity, br');
    expect(decoded.codings).toEqual(['br', 'gzip']);
    expect(asText(decoded.bytes)).toBe(text);
  });

  it('cuts a zip bomb at the cap instead of filling memory', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const decoded = await decodeContentEncoding(bomb, 'gzip', 1024 * 1024);
    expect(decoded.cutAt).toBe(1024 * 1024);
    expect(decoded.bytes.length).toBe(1024 * 1024);
    expect(decoded.error).toBeNull();
    const brBomb = await decodeContentEncoding(zlib.brotliCompressSync(Buffer.alloc(16 * 1024 * 1024), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }), 'br', 100_000);
    expect(brBomb).toMatchObject({ cutAt: 100_000 });
    expect(brBomb.bytes.length).toBe(100_000);
  }, 30_000);

  it('keeps what a body cut short still holds, and names the coding that failed', async () => {
    const gzipped = zlib.gzipSync(Buffer.from('0123456789'.repeat(10_000)));
    const cut = await decodeContentEncoding(gzipped.subarray(0, gzipped.length / 2), 'gzip');
    expect(cut.error).toMatch(/^gzip: /);
    expect(cut.bytes.length).toBeGreaterThan(1000);
    expect(asText(cut.bytes.subarray(0, 20))).toBe('01234567890123456789');
    expect(await decodeContentEncoding(Buffer.from('not gzip at all'), 'gzip')).toMatchObject({ error: expect.stringMatching(/^gzip: /) });
    expect(await decodeContentEncoding(plain, 'compress')).toMatchObject({ bytes: plain, codings: [], error: 'unknown content coding "compress"' });
  });
});
