import { describe, expect, it } from 'vitest';
import { redactSecrets, StreamRedactor } from '../../../electron/lab/http/redact.js';

const secret = 'Zq81' + 'x'.repeat(150) + 'END';
const request =
  `GET /page?loopscope_token=${secret}&q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
  `Cookie: theme=dark; loopscope_token = ${secret}; lang=en\r\nX-Loopscope-Token: ${secret}\r\n\r\n` +
  `a=1&loopscope_token=${secret}`;

/** The request as the server's socket might deliver it: cut at the given offsets. */
function delivered(cuts: number[]): string {
  const redactor = new StreamRedactor();
  const bounds = [0, ...cuts, request.length];
  const chunks = bounds.slice(1).map((end, i) => Buffer.from(request.slice(bounds[i], end), 'latin1'));
  for (const chunk of chunks) redactor.push(chunk);
  return Buffer.concat(chunks).toString('latin1');
}

describe('masking browser mode’s token as the bytes arrive', () => {
  const whole = Buffer.from(request, 'latin1');
  const masked = redactSecrets(whole);
  const expected = whole.toString('latin1');

  it('masks every value of a whole message, byte for byte', () => {
    expect(masked).toBe(4);
    expect(expected).not.toContain('Zq81');
    expect(expected).not.toContain('END');
    expect(expected.length).toBe(request.length);
    expect(expected).toContain('theme=dark; loopscope_token = ');
  });

  it('masks the same bytes whichever single byte a TCP read splits the request at', () => {
    for (let cut = 1; cut < request.length; cut++) expect(delivered([cut]), `split at ${cut}`).toBe(expected);
  });

  it('masks a value that spans more than two reads, and reads of one byte each', () => {
    const start = request.indexOf(secret);
    expect(delivered([start + 10, start + 60, start + 120])).toBe(expected);
    expect(delivered(Array.from({ length: request.length - 1 }, (_, i) => i + 1))).toBe(expected);
  });

  it('leaves traffic without the name untouched', () => {
    const plain = Buffer.from('GET /?token=abc HTTP/1.1\r\nCookie: session=xyz\r\n\r\n', 'latin1');
    const copy = Buffer.from(plain);
    new StreamRedactor().push(plain);
    expect(plain.equals(copy)).toBe(true);
  });
});
