// monaco-yaml's language worker, bundled by Vite as our own file (never loaded from a CDN).
import 'monaco-yaml/yaml.worker.js';
