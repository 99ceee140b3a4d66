// The shape every resource type kubectl can `get`/`describe` here is described by (see
// resources.ts for the registry), and the small helpers the per-kind files share.
import type { ClusterState } from '../sim/engine/index.ts';
import type { KubeObject } from '../sim/k8s.ts';
import type { ConsoleContext } from './context.ts';
import { humanDuration } from './format.ts';

export interface Item {
  name: string;
  /** Set for namespaced kinds. */
  namespace?: string;
  labels: Readonly<Record<string, string>>;
  /** Every column of the row, NAME first (NAMESPACE is added by the caller for -A). */
  cells(wide: boolean): string[];
  /** The API object, for -o yaml / -o json. */
  object(): object;
  /** Values of the kind's selectableFields (metadata.name/namespace are added by the caller). */
  fields?: Readonly<Record<string, string>>;
  /** The immutable engine record the row is drawn from, when it depends on nothing else: the
   *  same record gives the same row (AGE aside), which lets `get -w` skip re-rendering it. */
  source?: object;
}

export interface ResourceType {
  /** Lower-case plural, as `kubectl api-resources` lists it. */
  plural: string;
  singular: string;
  /** The API kind ("NodeClaim"). */
  kind: string;
  shortNames: readonly string[];
  /** API group ("" for core): "deployment.apps/inflate", nodeclaims.karpenter.sh "x" not found. */
  group: string;
  namespaced: boolean;
  /** Fields `--field-selector` accepts besides metadata.name and metadata.namespace. */
  selectableFields?: readonly string[];
  /** Categories the kind belongs to (`kubectl get all`, `kubectl get karpenter`). */
  categories?: readonly string[];
  /** Listed in time order instead of the API server's name order (events). */
  chronological?: true;
  /** Whether the API server knows the kind (CRDs come with the Karpenter chart). */
  served(state: ClusterState): boolean;
  headers(wide: boolean, state: ClusterState): string[];
  list(ctx: ConsoleContext): Item[];
}

export const always = (): boolean => true;
export const karpenterV1 = (s: ClusterState): boolean =>
  s.karpenter.installed && s.karpenter.semantics === 'v1';
export const karpenterV1alpha5 = (s: ClusterState): boolean =>
  s.karpenter.installed && s.karpenter.semantics === 'v1alpha5';

export const age = (ctx: ConsoleContext, since: number): string => humanDuration(ctx.t - since);
export const none = (v: string | undefined): string => (v === undefined || v === '' ? '<none>' : v);

export function objectsOf<K extends KubeObject['kind']>(
  ctx: ConsoleContext,
  kind: K,
): Extract<KubeObject, { kind: K }>[] {
  return [...ctx.state.objects.values()].filter(
    (o): o is Extract<KubeObject, { kind: K }> => o.kind === kind,
  );
}
