import type { ProcessRow } from '../../shared/schemas/process.js';
import type { TreeNode } from './processTree.js';
import { stateKey } from './processSummary.js';

export interface TreeFilter {
  /** State keys to show (letters, 'exited'); empty shows every state. */
  states: ReadonlySet<string>;
  /** A pid prefix or part of a name, any case; blank finds everything. */
  query: string;
}

export const isFiltering = (filter: TreeFilter): boolean => filter.states.size > 0 || filter.query.trim() !== '';

export function rowMatches(row: ProcessRow, filter: TreeFilter): boolean {
  if (filter.states.size > 0 && !filter.states.has(stateKey(row))) return false;
  const query = filter.query.trim().toLowerCase();
  return query === '' || String(row.pid).startsWith(query) || row.name.toLowerCase().includes(query);
}

export interface FilteredTree {
  roots: TreeNode[];
  /** Kept only because something below matches: the tree stays a tree, its ancestors drawn dimmed. */
  context: Set<string>;
  matches: number;
}

/** The nodes that match, with their ancestors; an adopter group is kept while any orphan in it is. */
export function filterTree(roots: readonly TreeNode[], filter: TreeFilter): FilteredTree {
  const context = new Set<string>();
  let matches = 0;
  const keep = (node: TreeNode): TreeNode | null => {
    const children = node.children.map(keep).filter((child): child is TreeNode => child !== null);
    const matched = node.kind === 'process' && rowMatches(node.row, filter);
    if (matched) matches++;
    if (!matched && children.length === 0) return null;
    if (!matched && node.kind === 'process') context.add(node.id);
    return { ...node, children };
  };
  const kept = isFiltering(filter) ? roots.map(keep).filter((node): node is TreeNode => node !== null) : [...roots];
  return { roots: kept, context, matches };
}

export interface TextPart {
  text: string;
  match: boolean;
}

/** `text` cut around the first place `query` occurs in it, any case, for highlighting. */
export function matchParts(text: string, query: string, at: 'anywhere' | 'start' = 'anywhere'): TextPart[] {
  const needle = query.trim().toLowerCase();
  const index = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (index < 0 || (at === 'start' && index > 0)) return [{ text, match: false }];
  const parts = [
    { text: text.slice(0, index), match: false },
    { text: text.slice(index, index + needle.length), match: true },
    { text: text.slice(index + needle.length), match: false },
  ];
  return parts.filter((part) => part.text !== '');
}
