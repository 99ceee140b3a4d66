// What a pod asks of a node: Karpenter's resources.RequestsForPods, which defers to Kubernetes'
// resourcehelper.PodRequests. Worked example (reference §6.3 #7): a container of 1 CPU and an init
// container of 2 CPU → the pod needs 2 CPU at its peak, so it will not fit a 1.9-CPU node.
import type { Container, Pod, PodSpec, ResourceList } from '../k8s.ts';
import { parseResourceList, type Resources } from '../quantity.ts';

type Mutable = Record<string, number>;

function addInto(into: Mutable, r: Resources): void {
  for (const k in r) into[k] = (into[k] ?? 0) + (r[k] ?? 0);
}

function maxInto(into: Mutable, r: Resources): void {
  for (const k in r) {
    const v = r[k] ?? 0;
    if (into[k] === undefined || v > (into[k] ?? 0)) into[k] = v;
  }
}

/** The API server defaults a missing request to its limit; pods reach the scheduler that way. */
function effectiveRequests(
  res: { requests?: ResourceList; limits?: ResourceList } | undefined,
): Resources {
  const limits = parseList(res?.limits);
  const requests = parseList(res?.requests);
  return { ...limits, ...requests };
}

// Workloads repeat the same few quantity strings thousands of times; parse each (name, value)
// pair once. Bad quantities are not cached, so they throw every time.
const parsed = new Map<string, Map<string | number, number>>();

function parseList(list: ResourceList | undefined): Resources {
  const out: Mutable = {};
  for (const name in list) {
    const q = list[name] as string | number;
    let byValue = parsed.get(name);
    if (!byValue) parsed.set(name, (byValue = new Map()));
    let v = byValue.get(q);
    if (v === undefined) {
      v = parseResourceList({ [name]: q })[name] ?? 0;
      if (byValue.size < 10_000) byValue.set(q, v);
    }
    out[name] = v;
  }
  return out;
}

function containerRequests(c: Container): Resources {
  return effectiveRequests(c.resources);
}

// Pod-level resources (Kubernetes 1.32+) override the container sum for these names only.
const POD_LEVEL_RESOURCES = new Set(['cpu', 'memory']);

/**
 * max(sum of containers, peak of init containers) + RuntimeClass overhead, plus `pods: 1`.
 * Native sidecars (init containers with restartPolicy Always) keep running, so they add to the
 * regular containers and to every later init container's peak. Throws QuantityError on bad input.
 */
export function requestsForPod(pod: Pod): Resources {
  const reqs: Mutable = {};
  for (const c of pod.spec.containers) addInto(reqs, containerRequests(c));
  const sidecars: Mutable = {};
  const initPeak: Mutable = {};
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      const tmp: Mutable = {};
      addInto(tmp, r);
      addInto(tmp, sidecars);
      maxInto(initPeak, tmp);
    }
  }
  maxInto(reqs, initPeak);
  if (pod.spec.resources) {
    const podLevel = effectiveRequests(pod.spec.resources);
    for (const k in podLevel) if (POD_LEVEL_RESOURCES.has(k)) reqs[k] = podLevel[k] ?? 0;
  }
  if (pod.spec.overhead) {
    addInto(reqs, parseList(pod.spec.overhead));
  }
  reqs['pods'] = 1;
  return reqs;
}

/** requestsForPod per pod spec object (it reads nothing else), read-only for callers: a
 *  Deployment's pods share their template's spec, and a node's pods are read again whenever the
 *  node changes. Throws as requestsForPod does (nothing is kept then). */
export function podRequests(pod: Pod): Resources {
  let r = requestsOf.get(pod.spec);
  if (!r) requestsOf.set(pod.spec, (r = requestsForPod(pod)));
  return r;
}

const requestsOf = new WeakMap<PodSpec, Resources>();

/** Sum of several pods' requests; `pods` is their count (RequestsForPods over a list). */
export function requestsForPods(pods: readonly Pod[]): Resources {
  const out: Mutable = {};
  for (const p of pods) addInto(out, podRequests(p));
  out['pods'] = pods.length;
  return out;
}
