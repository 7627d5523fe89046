/**
 * Finds English left in the renderer: words in a component's template (text, user-facing attributes, literals in
 * interpolations) and sentences in its scripts and text-building code. What counts as a word, and what is exempt,
 * is here; which files are scanned is the test's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from '@vue/compiler-sfc';
import ts from 'typescript';

export interface Literal {
  file: string;
  line: number;
  text: string;
}

/**
 * Names no language translates: kernel states and signals, system calls and API names, protocol names, units and
 * symbols. Matched as whole tokens (letters, digits, `_`).
 */
export const allowlist = new Set([
  // Kernel and libc: states, signals, calls, files.
  'R', 'S', 'D', 'Z', 'T', 'I', 'X', 'LISTEN', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT',
  'CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'CLOSED', 'SIGCHLD', 'SIGKILL', 'SIGTERM', 'SIGSTOP', 'SIGCONT', 'SIGINT', 'SIGHUP',
  'SIGUSR1', 'SIGTSTP', 'STOP', 'CONT', 'INT', 'HUP', 'TERM', 'KILL', 'USR1', 'waitpid', 'wait', 'fork', 'exec', 'ptrace',
  'proc', 'stat', 'pid', 'ppid', 'pids', 'PR_SET_CHILD_SUBREAPER', 'procfs', 'pidusage', 'ps', 'tcpdump', 'libuv', 'init',
  'socket', 'bind', 'listen', 'accept', 'connect', 'send', 'recv', 'sendto', 'recvfrom', 'shutdown', 'setsockopt', 'poll',
  // Python's multiprocessing API, as the syllabus writes it.
  'Process', 'Queue', 'Pool', 'apply_async', 'join', 'close', 'terminate', 'kill', 'start', 'put', 'get', 'exitcode',
  'is_alive', 'maxsize', 'timeout', 'block', 'Empty', 'Full', 'args', 'kwargs', 'name', 'target', 'daemon', 'queue',
  // Protocols, transports, products.
  'Loopscope', 'TCP', 'UDP', 'IP', 'IPv4', 'IPv6', 'HTTP', 'HTTPS', 'TLS', 'IPC', 'WebSocket', 'JSON', 'URL', 'CPU',
  'RSS', 'Node', 'Electron', 'Chromium', 'Linux', 'macOS', 'Windows', 'LOOPSCOPE_TOKEN', 'English',
  // Capture formats and Wireshark's display-filter fields.
  'pcap', 'pcapng', 'tcp', 'udp', 'stream', 'frame', 'eq',
  // Output streams, as their tags say.
  'stdout', 'stderr', 'out', 'err', 'lab',
  // Units.
  'ms', 's', 'B', 'KiB', 'MiB', 'GiB', 'kB', 'MB', 'Hz', 'x', 'n',
]);

/** A key into the catalogs: `area.path.to.message`. */
const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;
const WORD = /[A-Za-z][A-Za-z0-9_]*/g;

/** The words of a text that are not exempt: two letters in a row at least (an SVG path's `M4` or `h8` is no word). */
const englishWords = (text: string): string[] =>
  (text.match(WORD) ?? []).filter((word) => /[A-Za-z]{2}/.test(word) && !allowlist.has(word));

/** Template text and attribute values: any English word counts. */
const isEnglishText = (text: string): boolean => englishWords(text).length > 0;

/** Script literals: a key or an identifier-like value ('done', 'process.spawned') is code; words with a space are a sentence. */
const isEnglishSentence = (text: string): boolean => !KEY.test(text.trim()) && /\s/.test(text.trim()) && isEnglishText(text);

/** Properties whose value a user reads, even when it is one word (`label: 'running'`). */
const TEXT_PROPERTIES = new Set(['label', 'title', 'text', 'detail', 'explanation', 'hint', 'tooltip', 'placeholder', 'message', 'description']);

/** Calls whose string arguments are code, not text: a media query, a selector, a developer's log, a match against a tool's output. */
const CODE_CALLS = /^(matchMedia|querySelector|querySelectorAll|closest|console\.\w+|[\w.]+\.(includes|startsWith|endsWith|indexOf))$/;

/** Attributes a user reads. */
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'aria-roledescription']);

/** Every string literal and template part of some TypeScript, skipping imports and literal types. */
function scriptLiterals(source: string, test: (text: string) => boolean): Array<{ offset: number; text: string }> {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const found: Array<{ offset: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isCallExpression(node) && CODE_CALLS.test(node.expression.getText(file))) return;
    if (
      ts.isPropertyAssignment(node) &&
      TEXT_PROPERTIES.has(node.name.getText(file)) &&
      ts.isStringLiteral(node.initializer) &&
      !KEY.test(node.initializer.text) &&
      isEnglishText(node.initializer.text)
    ) {
      found.push({ offset: node.initializer.getStart(file), text: node.initializer.text });
      return;
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      if (test(node.text)) found.push({ offset: node.getStart(file), text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const lineAt = (source: string, offset: number): number => source.slice(0, offset).split('\n').length;

interface TemplateNode {
  type: number;
  content?: string | { content?: string; loc?: { start: { offset: number } } };
  loc: { start: { offset: number } };
  props?: Array<{ type: number; name: string; value?: { content: string }; arg?: { content?: string }; exp?: { content?: string; loc: { start: { offset: number } } }; loc: { start: { offset: number } } }>;
  children?: TemplateNode[];
  branches?: TemplateNode[];
}

// Vue's template AST node types (compiler-core's NodeTypes).
const ELEMENT = 1;
const TEXT = 2;
const INTERPOLATION = 5;
const ATTRIBUTE = 6;
const DIRECTIVE = 7;

/** English in a component: its template's words, its bound user-facing attributes, and sentences in its scripts. */
export function vueLiterals(file: string): Literal[] {
  const source = readFileSync(file, 'utf8');
  const { descriptor } = parse(source, { filename: file });
  const found: Literal[] = [];
  const add = (offset: number, text: string): void => void found.push({ file, line: lineAt(source, offset), text: text.trim() });
  // In an expression, a lowercase word alone is a value compared or passed (`lane.kind === 'process'`), not text.
  const inExpression = (expression: string, offset: number): void => {
    const isText = (text: string): boolean => !KEY.test(text) && isEnglishText(text) && /\s|^[A-Z]/.test(text);
    for (const literal of scriptLiterals(`(${expression})`, isText)) add(offset + literal.offset - 1, literal.text);
  };

  const walk = (node: TemplateNode): void => {
    if (node.type === TEXT && typeof node.content === 'string' && isEnglishText(node.content)) add(node.loc.start.offset, node.content);
    if (node.type === INTERPOLATION && typeof node.content === 'object' && node.content.content && node.content.loc) {
      inExpression(node.content.content, node.content.loc.start.offset);
    }
    if (node.type === ELEMENT) {
      for (const prop of node.props ?? []) {
        if (prop.type === ATTRIBUTE && TEXT_ATTRIBUTES.has(prop.name) && prop.value && isEnglishText(prop.value.content)) {
          add(prop.loc.start.offset, prop.value.content);
        }
        if (prop.type === DIRECTIVE && prop.name === 'bind' && prop.arg?.content && TEXT_ATTRIBUTES.has(prop.arg.content) && prop.exp?.content) {
          inExpression(prop.exp.content, prop.exp.loc.start.offset);
        }
      }
    }
    for (const child of [...(node.children ?? []), ...(node.branches ?? [])]) walk(child);
  };
  if (descriptor.template?.ast) walk(descriptor.template.ast as unknown as TemplateNode);

  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (!block) continue;
    for (const literal of scriptLiterals(block.content, isEnglishSentence)) add(block.loc.start.offset + literal.offset, literal.text);
  }
  return found;
}

/** Sentences in renderer code that builds text. */
export function scriptFileLiterals(file: string): Literal[] {
  const source = readFileSync(file, 'utf8');
  return scriptLiterals(source, isEnglishSentence).map(({ offset, text }) => ({ file, line: lineAt(source, offset), text: text.trim() }));
}

/** The renderer's files to scan, relative to the repo: every component, and the code that builds text (not i18n itself, nor the transport). */
export function rendererFiles(root: string): { components: string[]; scripts: string[] } {
  const files = (readdirSync(`${root}/renderer`, { recursive: true }) as string[]).map((file) => `renderer/${file}`).sort();
  return {
    components: files.filter((file) => file.endsWith('.vue')),
    scripts: files.filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('renderer/i18n/') && !file.startsWith('renderer/api/'),
    ),
  };
}

/**
 * The catalog keys a file's source names: every literal first argument of `t(…)`, and every literal of three segments
 * or more in a key's shape (`'common.connection.live'` in a record of keys). Two-segment literals are left out: they
 * are the contract's method names (`sockets.list`) as often as keys.
 */
export const literalKeys = (source: string): string[] => [
  ...[...source.matchAll(/\bt\(\s*['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+)['"`]/g)].map((match) => match[1]!),
  ...[...source.matchAll(/['"`]([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+){2,})['"`]/g)].map((match) => match[1]!),
];
