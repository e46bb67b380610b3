import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layer table of docs/ARCHITECTURE.md: which folders of src/ each folder may import from.
 * Every layer may import the domain and the ports; a file may always import its own layer.
 * `config` and `logger` are src/config.ts and src/logger.ts.
 */
export const LAYERS = {
  domain: [],
  ports: ['domain'],
  'rms/wire': ['domain', 'ports'],
  rms: ['rms/wire', 'domain', 'ports'],
  sandbox: ['rms/wire', 'domain', 'ports'],
  store: ['domain', 'ports'],
  app: ['store', 'domain', 'ports'],
  sync: ['app', 'store', 'rms', 'rms/wire', 'domain', 'ports'],
  server: ['app', 'sync', 'domain', 'ports', 'config'],
  web: ['server/api', 'domain'],
  // The schemas shared with the web; they name a few app types (type-only).
  'server/api': ['app', 'domain', 'ports'],
  composition: ['app', 'store', 'sync', 'rms', 'rms/wire', 'domain', 'ports', 'config', 'logger'],
  demo: ['*'],
  cli: ['*'],
};

const SRC = resolve(import.meta.dirname, '..', 'src');

/** The layer a path under src/ belongs to: its longest matching folder, or a root file's name. */
function layerOf(path) {
  const rel = relative(SRC, path).split(sep).join('/');
  if (rel.startsWith('..')) return null;
  const candidates = Object.keys(LAYERS).filter((l) => rel === l || rel.startsWith(`${l}/`));
  if (candidates.length > 0) return candidates.sort((a, b) => b.length - a.length)[0];
  return rel.includes('/') ? null : rel.replace(/\.tsx?$/, '');
}

/** ESLint rule: a relative import that crosses into a layer the table does not allow. */
export const layersPlugin = {
  rules: {
    'layer-imports': {
      meta: { type: 'problem', schema: [], messages: { crossing: '{{from}} may not import {{to}} (layer table, docs/ARCHITECTURE.md)' } },
      create(context) {
        const from = layerOf(context.filename);
        if (from === null || !(from in LAYERS)) return {};
        const allowed = LAYERS[from];
        const check = (node) => {
          const source = node.source?.value;
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = layerOf(resolve(dirname(context.filename), source));
          if (to === null || to === from || allowed.includes('*') || allowed.includes(to)) return;
          // A sub-layer (rms/wire, server/api) is part of its parent for the parent's own files.
          if (to.startsWith(`${from}/`)) return;
          context.report({ node, messageId: 'crossing', data: { from, to } });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};
