/**
 * The dependency rules of trackline (`npm run check:deps`, part of `npm test`). CONTRIBUTING.md says
 * what each rule is for and where new code goes; in short, imports follow the data flow:
 *
 *   common/  <-  db/  <-  schema/  <-  api/          (the server)
 *   common/  <-  client/ (sdk, web, graphql)          (the clients)
 *
 * An arrow points from the importer's side: db/ may import common/, never schema/ or api/. The two
 * sides meet only in common/, which imports nothing outside itself.
 *
 * Type-only imports (`import type`) count like any other (tsPreCompilationDeps below): a type that runs
 * up the layers or round a circle ties the modules together just as much for a reader and for the
 * typechecker, even though the JavaScript drops it. The two package rules that let them through say why.
 *
 * Paths are relative to the repository root, the directory `npm run check:deps` runs in.
 */

/** Code that runs in production (`npm install --omit=dev && npm start`, or the SDK in a user's script). */
const PRODUCTION = '^(api|schema|db|common|client|bin)/';

/** The script client: the SDK and the documents generated for it. */
const SDK = '^client/(sdk|graphql)/';

/** What the dashboard's bundle may import from node_modules (dashboard-browser-packages). */
const BROWSER_PACKAGES = ['solid-js', '@urql/solid', '@urql/core', 'graphql-ws', '@tanstack/solid-virtual', 'uplot', 'marked', 'dompurify'];

/** The server, in data-flow order. */
const SERVER = '^(db|schema|api)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a circle: each module in it can only be read, tested and loaded with all the others. ' +
        'Move what both sides need into a module of its own below them (a type often belongs beside the code that makes it).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-not-up',
      severity: 'error',
      comment:
        'db/ (connection, migrations, SQL repositories, search, the store) is the bottom of the server: it may import ' +
        'only db/ and common/. Something db/ needs from schema/ or api/ belongs in db/, or should be passed in.',
      from: { path: '^db/' },
      to: { path: '^(schema|api)/' },
    },
    {
      name: 'schema-not-up',
      severity: 'error',
      comment:
        'schema/ (the GraphQL schema) sits on db/ and below api/: it may import schema/, db/ (through db/store/index.ts) ' +
        'and common/, never api/. What api/ and schema/ both need belongs in schema/ or db/.',
      from: { path: '^schema/' },
      to: { path: '^api/' },
    },
    {
      name: 'server-not-to-client',
      severity: 'error',
      comment:
        'The server (db/, schema/, api/) never imports client code (client/sdk, client/web, client/graphql). ' +
        'What both sides need (a codec, an error code) belongs in common/.',
      from: { path: SERVER },
      to: { path: '^client/' },
    },
    {
      name: 'client-not-to-server',
      severity: 'error',
      comment:
        'Client code (the SDK in client/sdk, the dashboard in client/web, the generated documents in client/graphql) ' +
        'runs in a script or a browser, apart from the server: it never imports db/, schema/ or api/. ' +
        'What both sides need belongs in common/.',
      from: { path: '^client/' },
      to: { path: SERVER },
    },
    {
      name: 'dashboard-not-to-sdk',
      severity: 'error',
      comment:
        'The dashboard (client/web) is a browser bundle with its own generated documents (client/web/graphql); ' +
        "the SDK (client/sdk, client/graphql) runs on Node. Neither imports the other's files.",
      from: { path: '^client/web/' },
      to: { path: SDK },
    },
    {
      name: 'sdk-not-to-dashboard',
      severity: 'error',
      comment: 'The SDK (client/sdk, client/graphql) never imports the dashboard (client/web); see dashboard-not-to-sdk.',
      from: { path: SDK },
      to: { path: '^client/web/' },
    },
    {
      name: 'dashboard-browser-packages',
      severity: 'error',
      comment:
        'The dashboard runs in a browser: besides its own files, common/ and its generated documents it imports only the ' +
        'browser packages listed here (Solid, urql, graphql-ws, TanStack Virtual, uPlot, marked, DOMPurify), no Node ' +
        'built-in and no server package. Add a package here when the dashboard starts to use it. Type-only imports are ' +
        'erased from the bundle and let through; vite.config.ts runs on Node and is not part of the page.',
      from: { path: '^client/web/', pathNot: '^client/web/vite[.]config[.]ts$' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
        pathNot: `^node_modules/(${BROWSER_PACKAGES.join('|')})/`,
      },
    },
    {
      name: 'common-self-contained',
      severity: 'error',
      comment:
        'common/ is the one module both the server and the clients (the browser included) import, so it imports ' +
        'nothing outside common/: no other project file, no package, no Node built-in.',
      from: { path: '^common/' },
      to: { pathNot: '^common/' },
    },
    {
      name: 'store-entry-only',
      severity: 'error',
      comment:
        "db/store/ (the store: the domain's rules) is reached only through its entry point db/store/index.ts, so the " +
        'store can change inside without its callers noticing. Export what callers need from index.ts. ' +
        'Tests (tests/) may import store modules to unit-test them on their own; nothing else may, and that ' +
        'includes the rest of db/.',
      from: { pathNot: ['^db/store/', '^tests/'] },
      to: { path: '^db/store/', pathNot: '^db/store/index[.]ts$' },
    },
    {
      name: 'production-not-to-dev-dep',
      severity: 'error',
      comment:
        "Production code imports a devDependency, which `npm install --omit=dev` leaves out: declare the package in 'dependencies', " +
        'or keep the import in tests/, bench/ or tooling. Type-only imports are let through here (the server runs from ' +
        'source through tsx, which erases them), and so are @types packages; the SDK has a stricter rule of its own.',
      from: { path: PRODUCTION, pathNot: SDK },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '^node_modules/@types/' },
    },
    {
      name: 'sdk-not-to-dev-dep',
      severity: 'error',
      comment:
        "The SDK (client/sdk and its generated documents in client/graphql) is what a user's script installs: it gets " +
        "trackline's 'dependencies' only, and the SDK's published declarations (dist/client/sdk/*.d.ts) keep its type " +
        'imports. So the SDK imports no devDependency, not even for a type.',
      from: { path: SDK },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Production code never imports tests/: what a test helper and the product share belongs in the product.',
      from: { path: PRODUCTION },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that cannot be resolved to a file. Besides a broken import, it would let an import slip past every ' +
        'other rule here, which match resolved paths.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Packages are leaves: what is imported and of which kind (npm, npm-dev, core) matters, not their insides.
    // (Not `exclude`: that would drop the imports of packages too, and the package rules would see nothing.)
    doNotFollow: { path: '(^|/)node_modules/' },
    // Build output.
    exclude: { path: '^(dist|coverage)/' },
    // Type-only imports count (see the top of this file).
    tsPreCompilationDeps: true,
    // The root tsconfig: NodeNext resolution, so `./x.js` resolves to x.ts (and x.tsx in client/web).
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    // Only what the rules above look at: faster, and the same answer.
    skipAnalysisNotInRules: true,
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
