// Stands in for `prettier/standalone` inside monaco-yaml's worker (vite.config.ts aliases it here):
// prettier (~440 KB) is needed only when the learner formats the document, so it loads then, as its
// own chunk, instead of with every editor. monaco-yaml's formatter calls `format(text, {plugins})`
// with the plugin stubs of ./prettierPluginStub.ts; the real plugins are swapped in here.
import type { Options, Plugin } from 'prettier';

export async function format(text: string, options: Options): Promise<string> {
  const [prettier, yaml, estree] = await Promise.all([
    import('prettier/standalone.mjs'),
    import('prettier/plugins/yaml.mjs'),
    import('prettier/plugins/estree.mjs'),
  ]);
  return prettier.format(text, { ...options, plugins: [yaml, estree] as Plugin[] });
}
