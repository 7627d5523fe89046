/**
 * IPv6 addresses interned as small ids, so the index's 32-bit address columns hold them as they hold IPv4 values: an
 * open-addressing hash table over the 16 bytes, read where they lie in the frame (no text and no object a packet).
 * An address's text is made the first time a row showing it asks.
 */
import { ipv6Text } from './addressText.js';

const EMPTY_SLOT = -1;

export class Ipv6Table {
  /** 4 big-endian words per id. */
  private words = new Int32Array(4 * 64);
  private count = 0;
  private slots = new Int32Array(128).fill(EMPTY_SLOT);
  private readonly texts: (string | undefined)[] = [];

  get size(): number {
    return this.count;
  }

  /** The id of the address in `bytes[at, at + 16)`, interning it when new. */
  intern(bytes: Uint8Array, at: number): number {
    const w0 = word(bytes, at);
    const w1 = word(bytes, at + 4);
    const w2 = word(bytes, at + 8);
    const w3 = word(bytes, at + 12);
    const slot = this.probe(w0, w1, w2, w3);
    const id = this.slots[slot]!;
    return id === EMPTY_SLOT ? this.insert(slot, w0, w1, w2, w3) : id;
  }

  /** The id of an address given as 16 bytes, or -1 when no packet carried it. */
  find(bytes: Uint8Array): number {
    return this.slots[this.probe(word(bytes, 0), word(bytes, 4), word(bytes, 8), word(bytes, 12))]!;
  }

  /** The slot holding this address, or the empty slot where it would go. */
  private probe(w0: number, w1: number, w2: number, w3: number): number {
    const w = this.words;
    const mask = this.slots.length - 1;
    for (let slot = hash(w0, w1, w2, w3) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === EMPTY_SLOT || (w[4 * id] === w0 && w[4 * id + 1] === w1 && w[4 * id + 2] === w2 && w[4 * id + 3] === w3)) return slot;
    }
  }

  /** The address of `id` as Wireshark prints it, or '' for an id never given. */
  text(id: number): string {
    if (!(id >= 0 && id < this.count)) return '';
    let text = this.texts[id];
    if (text === undefined) {
      const bytes = new Uint8Array(16);
      const view = new DataView(bytes.buffer);
      for (let k = 0; k < 4; k++) view.setInt32(4 * k, this.words[4 * id + k]!);
      text = this.texts[id] = ipv6Text(bytes, 0);
    }
    return text;
  }

  private insert(slot: number, w0: number, w1: number, w2: number, w3: number): number {
    const id = this.count++;
    if (4 * id === this.words.length) {
      const words = new Int32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
    }
    this.words.set([w0, w1, w2, w3], 4 * id);
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Doubles the slots and places every id again. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    const mask = slots.length - 1;
    const w = this.words;
    for (let id = 0; id < this.count; id++) {
      let slot = hash(w[4 * id]!, w[4 * id + 1]!, w[4 * id + 2]!, w[4 * id + 3]!) & mask;
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function word(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
}

function hash(w0: number, w1: number, w2: number, w3: number): number {
  const h = Math.imul(Math.imul(Math.imul(w0, 0x9e3779b1) ^ w1, 0x85ebca6b) ^ w2, 0xc2b2ae35) ^ w3;
  return Math.imul(h ^ (h >>> 16), 0x7feb352d) ^ (h >>> 15);
}
