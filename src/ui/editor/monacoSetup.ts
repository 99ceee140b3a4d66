// Monaco + monaco-yaml wired without a CDN: every worker is a file Vite bundles from this origin.
// @monaco-editor/react would otherwise fetch Monaco from jsdelivr; loader.config({ monaco }) stops it.
import * as monaco from 'monaco-editor';
import { loader } from '@monaco-editor/react';
import {
  configureMonacoYaml,
  type JSONSchema,
  type MonacoYaml,
  type MonacoYamlOptions,
} from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from '../../yaml.worker?worker';

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
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
