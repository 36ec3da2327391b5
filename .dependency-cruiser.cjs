// The layer rules, checked by dependency-cruiser (`npm run lint:layers`); docs/layers.md explains them.
// Each core layer lists the layers it may import; anything else in core is forbidden, so a new
// import across layers is either in this table or a build failure. Type-only imports count too:
// a type import still ties the layers' contracts together.

/** core layer → the other core layers it may import (a layer may always import itself). */
const CORE_MAY_IMPORT = {
  common: ['spec', 'model'],
  spec: ['common'],
  model: ['common', 'spec'],
  api: ['common', 'spec', 'model', 'compare', 'export'],
  channels: ['common', 'spec', 'model', 'api', 'export'],
  wire: ['common', 'spec', 'model', 'api', 'channels', 'export'],
  import: ['common', 'spec', 'model'],
  parse: ['common', 'spec', 'model'],
  validate: ['common', 'spec', 'model'],
  narrative: ['common', 'spec', 'model'],
  export: ['common', 'spec', 'model', 'narrative'],
  compare: ['common', 'spec', 'model'],
  dataset: ['common', 'spec', 'model', 'compare'],
  search: ['common', 'spec', 'model', 'narrative', 'api'],
  archive: ['common', 'spec', 'model'],
  ingest: ['common', 'spec', 'model', 'import', 'parse', 'validate'],
  service: ['common', 'spec', 'model', 'api', 'channels', 'wire', 'import', 'parse', 'validate', 'narrative', 'export', 'compare', 'dataset', 'search', 'archive', 'ingest'],
  cli: ['common', 'spec', 'model', 'api', 'channels', 'wire', 'narrative', 'export', 'compare', 'dataset', 'search', 'archive', 'service'],
  host: ['common', 'spec', 'model', 'api', 'channels', 'wire', 'narrative', 'export', 'compare', 'dataset', 'archive', 'service'],
};

/** Core modules the renderer may load at run time: pure code, no Node APIs, no archive. */
const RENDERER_MAY_USE = ['common', 'spec', 'model', 'api', 'channels', 'wire', 'narrative', 'export', 'compare'];

/** Modules of those layers that use Node APIs: the renderer must never reach them. */
const NODE_ONLY_HELPERS = ['^core/common/package-root\\.ts$'];

/** Matches a core layer: its folder `core/NAME/…` or its single file `core/NAME.ts`. */
const coreLayer = (names) => `^core/(${names.join('|')})(/|\\.[cm]?[jt]s$)`;
const ALL_CORE_LAYERS = Object.keys(CORE_MAY_IMPORT);
/** Matches a package whether installed (resolved into node_modules/) or not (left as its bare name). */
const PACKAGE = (name) => `^(node_modules/(@types/)?${name}/|${name}$)`;

const coreLayerRules = Object.entries(CORE_MAY_IMPORT).map(([layer, allowed]) => {
  const forbidden = ALL_CORE_LAYERS.filter((other) => other !== layer && !allowed.includes(other));
  return {
    name: `core-${layer}`,
    comment: `core/${layer} may import only ${allowed.join(', ')} within core`,
    severity: 'error',
    from: { path: coreLayer([layer]) },
    to: { path: coreLayer(forbidden) },
  };
});

module.exports = {
  forbidden: [
    ...coreLayerRules,
    {
      name: 'core-unknown-layer',
      comment: 'every file in core/ belongs to a layer listed in .dependency-cruiser.cjs (add a new folder there)',
      severity: 'error',
      from: { path: '^core/', pathNot: coreLayer(ALL_CORE_LAYERS) },
      to: {},
    },
    {
      name: 'api-types-only',
      comment: 'core/api.ts is the contract: it imports types only, so every UI can load it',
      severity: 'error',
      from: { path: coreLayer(['api']) },
      to: { path: '^core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'search-api-types-only',
      comment: 'core/search may use the API contract for its types only',
      severity: 'error',
      from: { path: coreLayer(['search']) },
      to: { path: coreLayer(['api']), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-not-ui',
      comment: 'core/ is the domain: no electron/, no renderer/, no Electron, no React',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: ['^electron/', '^renderer/', PACKAGE('electron'), PACKAGE('react'), PACKAGE('react-dom')] },
    },
    {
      name: 'renderer-no-node',
      comment: 'the renderer runs in a browser: no node:* / Node built-ins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-electron',
      comment: 'the renderer talks to the main process only through the preload API, never electron/ or Electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', PACKAGE('electron')] },
    },
    {
      name: 'renderer-pure-core-only',
      comment: `the renderer may load only core's pure modules (${RENDERER_MAY_USE.join(', ')}); other core layers for their types only`,
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^core/', pathNot: coreLayer(RENDERER_MAY_USE), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'renderer-reaches-no-node',
      comment: 'nothing the renderer loads may in turn load archive, import, ingest, search, service, cli or host',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: coreLayer(['archive', 'import', 'ingest', 'search', 'service', 'cli', 'host']), reachable: true },
    },
    {
      name: 'pure-core-no-node',
      comment: 'the layers the renderer loads stay browser-safe: no Node built-ins (a Node-only helper goes in NODE_ONLY_HELPERS)',
      severity: 'error',
      from: { path: coreLayer(RENDERER_MAY_USE), pathNot: NODE_ONLY_HELPERS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-reaches-no-node-helper',
      comment: 'nothing the renderer loads may in turn load a Node-only helper',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: NODE_ONLY_HELPERS, reachable: true },
    },
    {
      name: 'electron-not-renderer',
      comment: 'electron/ (main + preload) does not import the UI',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'no-circular',
      comment: 'modules import one way only',
      severity: 'error',
      from: { path: '^(core|electron|renderer)/' },
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports are checked too (see the top of this file).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
