/**
 * The literal words the parser recognises (methods, protocols, special header names, Connection tokens), walked a byte
 * at a time so a word split across two socket reads is still found. Like llparse's tries it never backtracks: a
 * mismatch is reported at the byte that broke the word.
 */
export interface TrieNode<T> {
  next: Array<TrieNode<T> | undefined>;
  /** The word that ends here, if one does. */
  value: T | undefined;
}

export function buildTrie<T>(words: ReadonlyArray<readonly [string, T]>): TrieNode<T> {
  const root: TrieNode<T> = { next: [], value: undefined };
  for (const [word, value] of words) {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const byte = word.charCodeAt(i);
      let child = node.next[byte];
      if (child === undefined) {
        child = { next: [], value: undefined };
        node.next[byte] = child;
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}
