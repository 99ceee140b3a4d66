// Held-back documents: a workspace document annotated
//   metadata.annotations["lab.karpenter.playground/held-back"]: <document name>
// is not part of the cluster at the start; a Scenario action `kubectl apply -f <document name>`
// (or the console's `kubectl apply -f`) applies it at that moment, like applying a file to a
// running cluster. Several documents may share a name (one "file" with several objects). The
// annotation is the lab's own and is removed before the object reaches the cluster.
import type { KubeObject, Scenario } from '../sim/k8s.ts';
import type { Workspace } from './parse.ts';

export const HELD_BACK_ANNOTATION = 'lab.karpenter.playground/held-back';

/** The document name an object is held back under, or undefined when it is applied at the start. */
export function heldBackName(o: KubeObject): string | undefined {
  const v = o.metadata.annotations?.[HELD_BACK_ANNOTATION];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** The object as `kubectl apply` sends it: without the lab's annotation. */
function withoutMarker(o: KubeObject): KubeObject {
  const { [HELD_BACK_ANNOTATION]: _drop, ...annotations } = o.metadata.annotations ?? {};
  const { annotations: _all, ...rest } = o.metadata;
  const metadata = Object.keys(annotations).length === 0 ? rest : { ...rest, annotations };
  return { ...o, metadata } as KubeObject;
}

/** The workspace's objects present from the start, in text order (the Scenario excluded). */
export function workspaceObjects(ws: Workspace): KubeObject[] {
  return ws.objects.map((o) => o.object).filter((o) => heldBackName(o) === undefined);
}

/** Every object the engine takes at the start: the objects plus the Scenario, which parsing keeps apart. */
export function engineObjects(ws: Workspace): KubeObject[] {
  const objects = workspaceObjects(ws);
  if (ws.scenario) objects.push(ws.scenario satisfies Scenario);
  return objects;
}

/** Held-back documents by name, for SimulationInput.heldBack. */
export function heldBackDocuments(ws: Workspace): Record<string, KubeObject[]> {
  const out: Record<string, KubeObject[]> = {};
  for (const { object } of ws.objects) {
    const name = heldBackName(object);
    if (name !== undefined) (out[name] ??= []).push(withoutMarker(object));
  }
  return out;
}
