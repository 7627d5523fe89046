/**
 * Keeps the generated parts of docs/protocol.md in step with shared/contract.ts: the method and
 * event tables and each method's schemas are rendered here between marker comments; the prose
 * around them is written by hand. `npm run docs` rewrites the file; a unit test fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { eventTypes, methodNames, methods } from '../shared/contract.js';
import { ErrorCode } from '../shared/rpcError.js';
import { compactType } from './compactType.js';

export const protocolDocPath = fileURLToPath(new URL('../docs/protocol.md', import.meta.url));

const schemaText = (schema: z.ZodType, io: 'input' | 'output'): string =>
  compactType(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>);

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function methodsSection(): string {
  const table = ['| method | what it does |', '|---|---|', ...methodNames.map((name) => `| [\`${name}\`](#${name.replace('.', '').toLowerCase()}) | ${cell(methods[name].doc)} |`)];
  const details = methodNames.map((name) => {
    const spec = methods[name];
    return [
      `### ${name}`,
      '',
      spec.doc,
      '',
      `- params: \`${schemaText(spec.params, 'input')}\``,
      `- result: \`${schemaText(spec.result, 'output')}\``,
    ].join('\n');
  });
  return [...table, '', ...details.flatMap((d) => [d, ''])].join('\n').trimEnd();
}

function eventsSection(): string {
  const rows = Object.entries(eventTypes).map(
    ([type, spec]) => `| \`${type}\` | ${spec.stream} | ${spec.source} | ${cell(spec.doc)} | \`${cell(schemaText(spec.data, 'output'))}\` |`,
  );
  return ['| event | stream | source | meaning | data |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Every schema the contract names (`.meta({ id })`), defined once so the tables above can refer to it. */
function typesSection(): string {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/$defs/${id}` });
  return Object.entries(schemas)
    .filter(([id]) => id !== 'LabEvent') // its variants are the events table
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, schema]) => `- **${id}**: \`${cell(compactType(schema as Record<string, unknown>))}\``)
    .join('\n');
}

function errorsSection(): string {
  return ['| code | name |', '|---|---|', ...Object.entries(ErrorCode).map(([name, code]) => `| ${code} | ${name} |`)].join('\n');
}

const sections: Record<string, () => string> = {
  methods: methodsSection,
  events: eventsSection,
  types: typesSection,
  errors: errorsSection,
};

/** The document with every generated section rendered afresh from the contract. */
export function renderProtocolDoc(current: string): string {
  let text = current;
  for (const [name, render] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:begin -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(text)) throw new Error(`docs/protocol.md lacks the markers <!-- ${name}:begin --> … <!-- ${name}:end -->`);
    text = text.replace(pattern, (_match, begin: string, end: string) => `${begin}\n${render()}\n${end}`);
  }
  return text;
}

if (process.argv.includes('--write')) {
  writeFileSync(protocolDocPath, renderProtocolDoc(readFileSync(protocolDocPath, 'utf8')));
  console.log(`wrote ${protocolDocPath}`);
}
