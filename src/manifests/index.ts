// Public API of src/manifests (see CONTEXT.md).
export { locateRefusal, parseWorkspace } from './parse.ts';
export {
  engineObjects,
  heldBackDocuments,
  heldBackName,
  workspaceObjects,
  HELD_BACK_ANNOTATION,
} from './heldBack.ts';
export type { ParseOptions, ParsedObject, TextRange, Workspace } from './parse.ts';
export { formatDiagnostic, diagnosticText, hasErrors, pathToString } from './diagnostic.ts';
export type { Diagnostic, DiagnosticCode, DiagnosticFix, Severity } from './diagnostic.ts';
export { buildSchemas, workspaceSchema, valuesForLabel } from './jsonSchema.ts';
export type { CatalogValues, JsonSchema, MonacoSchema } from './jsonSchema.ts';
export {
  convertAWSNodeTemplate,
  convertEC2NodeClassV1beta1,
  convertNodePoolV1beta1,
  convertProvisioner,
  toYaml,
  v1alpha5DefaultRequirements,
} from './convert.ts';
export type { Conversion } from './convert.ts';
export { convertWorkspace } from './convertWorkspace.ts';
export type { WorkspaceConversion } from './convertWorkspace.ts';
export { appendDocument, applyObject, diffOps, editWorkspace } from './edit.ts';
export type { EditOp, EditResult, ObjectRef, WorkspaceEdit } from './edit.ts';
export { parseKarpenterVersion, karpenterVersion, LATEST } from './version.ts';
export type { ApiGeneration, KarpenterVersion } from './version.ts';
export { DEFAULT_MAX_BYTES } from './source.ts';
