/** TextDecoder under a Content-Type charset label; UTF-8 when it names none or one TextDecoder does not know. */
export function decodeText(bytes: Uint8Array, charset: string | null): { charset: string; text: string } {
  if (charset !== null) {
    try {
      const decoder = new TextDecoder(charset.trim());
      return { charset: decoder.encoding, text: decoder.decode(bytes) };
    } catch {
      // An unknown label (RangeError): UTF-8 below, which is what browsers fall back to for most text.
    }
  }
  return { charset: 'utf-8', text: new TextDecoder('utf-8').decode(bytes) };
}

/** No NUL and few control bytes in the first KiB, and valid UTF-8: text a user can read. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1024);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  if (controls > sample.length / 32) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? trimPartialUtf8(sample) : sample);
    return true;
  } catch {
    return false;
  }
}

/** The sample may end inside a multi-byte character: drop that tail before the strict decode. */
function trimPartialUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back] as number;
    if ((byte & 0xc0) === 0xc0) return sample.subarray(0, end - back);
    if ((byte & 0x80) === 0) break;
  }
  return sample;
}
