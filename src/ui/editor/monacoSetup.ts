// Monaco + monaco-yaml wired without a CDN: every worker is a file Vite bundles from this origin.
// @monaco-editor/react would otherwise fetch Monaco from jsdelivr; loader.config({ monaco }) stops it.
// The editor core and YAML tokenizer only: the full 'monaco-editor' entry would also bundle ~80
// languages and the TS/CSS/HTML/JSON workers we never use.
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { loader } from '@monaco-editor/react';
import {
  configureMonacoYaml,
  type JSONSchema,
  type MonacoYaml,
  type MonacoYamlOptions,
} from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from '../../editorWorker/yaml.worker?worker';

export const WORKSPACE_URI = 'file:///workspace.yaml';

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};
loader.config({ monaco });

let yaml: MonacoYaml | undefined;

export function configureSchemas(schema: object): void {
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: [
      {
        uri: 'inmemory://schema/karpenter-lab-workspace.json',
        fileMatch: ['**/*.yaml'],
        schema: schema as JSONSchema,
      },
    ],
  };
  // User Timing (DevTools, bench/ui-trace.ts): monaco-yaml taking the schema (the first time it
  // sets the YAML language configuration, which re-parses what depends on it: see
  // WorkspaceEditor's LARGE_TEXT).
  const start = performance.now();
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
  performance.measure('editor:schema', { start });
}

export { monaco };
