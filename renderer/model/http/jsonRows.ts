import type { JsonNode } from '../../../shared/http/index.js';

/**
 * A JSON tree as the rows of a folding list, as DevTools' preview shows it: one row per value, children under an open
 * object or array. Ids are paths (`$`, `$.user`, `$.items[2]`), so what is folded survives a refresh of the same body.
 */
export interface JsonRow {
  id: string;
  depth: number;
  /** The member name or the array index; null for the root. */
  key: string | null;
  node: JsonNode;
  /** An object or array with members. */
  expandable: boolean;
  expanded: boolean;
}

const childrenOf = (node: JsonNode): Array<[string, JsonNode]> => {
  if (node.type === 'object') return node.entries;
  if (node.type === 'array') return node.items.map((item, index) => [String(index), item]);
  return [];
};

const childId = (parent: string, node: JsonNode, key: string): string =>
  node.type === 'array' ? `${parent}[${key}]` : `${parent}.${JSON.stringify(key)}`;

/** The rows shown with `collapsed` folded; `limit` bounds how many are built (a huge array stays cheap). */
export function jsonRows(root: JsonNode, collapsed: ReadonlySet<string>, limit = 5000): { rows: JsonRow[]; hidden: number } {
  const rows: JsonRow[] = [];
  let hidden = 0;
  const visit = (node: JsonNode, id: string, key: string | null, depth: number): void => {
    if (rows.length >= limit) {
      hidden++;
      return;
    }
    const children = childrenOf(node);
    const expandable = children.length > 0;
    const expanded = expandable && !collapsed.has(id);
    rows.push({ id, depth, key, node, expandable, expanded });
    if (expanded) for (const [childKey, child] of children) visit(child, childId(id, node, childKey), childKey, depth + 1);
  };
  visit(root, '$', null, 0);
  return { rows, hidden };
}

/** What a row shows after its key: a scalar as JSON writes it, a container as its size (`{3}`, `[12]`). */
export function jsonSummary(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return `{${node.entries.length}}`;
    case 'array':
      return `[${node.items.length}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'truncated':
      return node.text;
  }
}
