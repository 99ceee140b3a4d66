// Stands in for `prettier/plugins/yaml` and `prettier/plugins/estree` in monaco-yaml's worker: the
// real plugins load with prettier on the first format (see ./lazyPrettier.ts).
export {};
