// The ES module files of prettier's browser build, imported by path so the aliases of
// vite.config.ts (bare `prettier/standalone`, `prettier/plugins/*`) do not send them back here.
declare module 'prettier/standalone.mjs' {
  export * from 'prettier/standalone';
}
declare module 'prettier/plugins/yaml.mjs' {
  export * from 'prettier/plugins/yaml';
}
declare module 'prettier/plugins/estree.mjs' {
  export * from 'prettier/plugins/estree';
}
