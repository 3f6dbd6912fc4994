// tuxconf's own lint rules: the layering of src/ (model <- engine <- features <- ui, cli), what the
// two frontends may not do themselves, and the size of hooks.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = resolve(ROOT, 'src');

/**
 * What each layer may import. `ui` reaches the engine only through the session's public interface;
 * `cli` reaches the UI only to start it.
 */
const ALLOWED = {
  model: ['model'],
  engine: ['model', 'engine'],
  features: ['model', 'engine', 'features'],
  ui: ['model', 'features', 'ui', 'engine/session.ts'],
  cli: ['model', 'engine', 'features', 'cli', 'ui/run-tui.tsx'],
};

/** Names of src/model/config-text.ts that read .config text: the frontends leave reading it to features and engine. */
const CONFIG_TEXT_READERS = new Set([
  'parseConfigLine',
  'readConfigAssignments',
  'readConfigValues',
  'parseConfigValue',
  'unquoteConfigString',
  'misspelledNotSetName',
  'mergeFragmentText',
  'fragmentSymbolNames',
]);

/** Modules that run programs: the frontends have features run make and the machine's tools for them. */
const PROCESS_MODULES = new Set(['node:child_process', 'child_process', 'execa']);

function layerOf(file) {
  const inSrc = relative(SRC, file);
  if (inSrc.startsWith('..')) return null;
  return inSrc.split(sep)[0] ?? null;
}

/** The source file an import names: `.js` in an ESM specifier stands for the `.ts` or `.tsx` beside it. */
function targetOf(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  return resolve(dirname(fromFile), specifier);
}

function allowedTarget(fromLayer, target) {
  const inSrc = relative(SRC, target).split(sep).join('/');
  if (inSrc.startsWith('..')) return true;
  const withoutExt = inSrc.replace(/\.(js|ts|tsx)$/, '');
  return ALLOWED[fromLayer].some((entry) => {
    if (!entry.includes('/')) return withoutExt === entry || withoutExt.startsWith(`${entry}/`);
    return withoutExt === entry.replace(/\.(ts|tsx)$/, '');
  });
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'imports follow the layering model <- engine <- features <- ui, cli; the frontends neither run programs nor read .config text' },
    schema: [],
    messages: {
      layer: '{{from}}/ may not import {{target}} (allowed: {{allowed}})',
      readsConfig: '{{name}} reads .config text: src/{{from}} leaves that to src/features and src/engine',
      runsPrograms: 'src/{{from}} does not run programs ({{module}}): a feature module builds and runs the command line',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from || !ALLOWED[from]) return {};
    const frontend = from === 'ui' || from === 'cli';
    const check = (node, specifier, importedNames) => {
      if (typeof specifier !== 'string') return;
      if (frontend && PROCESS_MODULES.has(specifier)) {
        context.report({ node, messageId: 'runsPrograms', data: { from, module: specifier } });
        return;
      }
      const target = targetOf(file, specifier);
      if (!target) return;
      if (!allowedTarget(from, target)) {
        context.report({ node, messageId: 'layer', data: { from, target: relative(ROOT, target), allowed: ALLOWED[from].join(', ') } });
        return;
      }
      if (
        frontend &&
        relative(SRC, target)
          .split(sep)
          .join('/')
          .replace(/\.(js|ts)$/, '') === 'model/config-text'
      ) {
        for (const name of importedNames) if (CONFIG_TEXT_READERS.has(name)) context.report({ node, messageId: 'readsConfig', data: { name, from } });
      }
    };
    const names = (node) => (node.specifiers ?? []).map((specifier) => specifier.imported?.name ?? specifier.local?.name).filter(Boolean);
    return {
      ImportDeclaration: (node) => check(node, node.source.value, names(node)),
      ExportNamedDeclaration: (node) =>
        node.source &&
        check(
          node,
          node.source.value,
          (node.specifiers ?? []).map((s) => s.local?.name),
        ),
      ExportAllDeclaration: (node) => check(node, node.source.value, []),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, []),
    };
  },
};

const MATCHERS = new Set(['match', 'matchAll', 'startsWith', 'endsWith', 'includes', 'search', 'indexOf']);

function isMessage(node) {
  if (!node) return false;
  if (node.type === 'MemberExpression') return !node.computed && node.property.name === 'message';
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'String') return node.arguments.some(isErrorLike);
  if (node.type === 'TSAsExpression' || node.type === 'ChainExpression') return isMessage(node.expression);
  return false;
}

function isErrorLike(node) {
  return node.type === 'Identifier' && /^(error|err|cause|reason|e)$/.test(node.name);
}

const noMessageMatching = {
  meta: {
    type: 'problem',
    docs: { description: "the frontends do not read outcomes out of an error message's text: outcomes are typed values" },
    schema: [],
    messages: { matching: "matches an error message's text: give the outcome a type (an error class or a field) and test that" },
  },
  create(context) {
    const layer = layerOf(context.filename);
    if (layer !== 'ui' && layer !== 'cli') return {};
    return {
      CallExpression(node) {
        const callee = node.callee.type === 'ChainExpression' ? node.callee.expression : node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed) return;
        const method = callee.property.name;
        if (MATCHERS.has(method) && isMessage(callee.object)) context.report({ node, messageId: 'matching' });
        if ((method === 'test' || method === 'exec') && node.arguments.some(isMessage)) context.report({ node, messageId: 'matching' });
      },
    };
  },
};

/** A React hook (`function useX`, `const useX = ...`) longer than this many lines, counted as `wc -l` does. */
const HOOK_LINES = 150;

const hookLength = {
  meta: {
    type: 'suggestion',
    docs: { description: `hooks are at most ${HOOK_LINES} lines: their work belongs in features and pure state machines` },
    schema: [],
    messages: { long: 'hook {{name}} is {{lines}} lines (at most {{max}})' },
  },
  create(context) {
    const checkFunction = (node, name) => {
      if (!name || !/^use[A-Z0-9]/.test(name)) return;
      const lines = node.loc.end.line - node.loc.start.line + 1;
      if (lines > HOOK_LINES) context.report({ node, messageId: 'long', data: { name, lines: String(lines), max: String(HOOK_LINES) } });
    };
    return {
      FunctionDeclaration: (node) => checkFunction(node, node.id?.name),
      VariableDeclarator: (node) => {
        if (node.init && /FunctionExpression$/.test(node.init.type) && node.id.type === 'Identifier') checkFunction(node.init, node.id.name);
      },
    };
  },
};

export default { rules: { layers, 'no-message-matching': noMessageMatching, 'hook-length': hookLength } };
