/**
 * The writer's architecture, checked in `pnpm lint`: no import cycles, and each stage of a write
 * imports only the stages before it — intake → plan → encode → layout → formats → the public API
 * (writer.ts, imwrite.ts, index.ts) — so the data flow can be read from the folders.
 */
const stage = (name, mayNotImport) => ({
  name: `${name}-stage-order`,
  comment: `${name}/ comes before ${mayNotImport.join(', ')} in the data flow of a write and must not import them`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${mayNotImport.join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'import cycles hide the order of the stages',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    stage('intake', ['plan', 'encode', 'layout', 'formats']),
    stage('plan', ['encode', 'layout', 'formats']),
    stage('encode', ['layout', 'formats']),
    stage('layout', ['formats']),
    stage('formats', ['encode']),
    {
      name: 'plain-path-apart',
      comment:
        "plain/ is imwrite's short path for the commonest call: it uses tiff-core and the shared alignment rule only, so that loading it never loads the general path's stages",
      severity: 'error',
      from: { path: '^src/plain/' },
      to: { path: '^src/(intake|encode|layout|formats|platform|plan/(?!alignment\\.ts$|auto-bigtiff\\.ts$))' },
    },
    {
      name: 'plain-path-for-imwrite',
      comment: 'only imwrite.ts takes the short path; the stages never depend on it',
      severity: 'error',
      from: { path: '^src/(intake|plan|encode|layout|formats|platform)/' },
      to: { path: '^src/plain/' },
    },
    {
      name: 'public-api-on-top',
      comment: 'the stages never import the public API files (writer.ts, imwrite.ts, index.ts)',
      severity: 'error',
      from: { path: '^src/(intake|plan|encode|layout|formats|platform|plain)/' },
      to: { path: '^src/(writer|writer-stages|imwrite|imwrite-general|index)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'] },
  },
};
