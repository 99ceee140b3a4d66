// The simplifications a learner should know about while looking at results (full list:
// docs/simplifications.md). Shown in the side panel.
export const SIMPLIFICATIONS: readonly string[] = [
  'Spot prices are estimates: on-demand price × (1 − Spot Advisor average savings), equal in every zone.',
  'Every instance type is offered in every zone. us-east-1 prices are from 2026; 22 other regions use on-demand prices from November 2022 (newer families are missing there); other regions have none.',
  'Boot times are assumptions: launch ≈ 2 s, register ≈ 30 s, initialize ≈ 15 s (±20 %).',
  'Ties Karpenter leaves to Go map order are broken by a seeded random generator.',
  'Not modelled: reserved capacity, DRA, CapacityBuffer pods, static NodePools, the NodePool Ready condition, the provisioner’s 1-minute solve timeout.',
  'Consolidation’s dry runs take a modelled computation time (assumed 1 ms per pod + 100 ms per 1,000 nodes, counted in whole seconds): a pass over many nodes keeps the loop busy, and single-node (3 min) and multi-node (1 min) consolidation timeouts run out on it. Set timings dryRunPerPod and dryRunPer1kNodes to 0s for instant passes.',
  'Volumes follow Karpenter v1.13+ for every version. The EBS CSI plugin registers at node Ready (zone label and attach limit at once, 1 ENI assumed); provisioning takes an assumed 5 s; detach takes an assumed 10 s that Karpenter’s termination waits for, but attach is instant (no Multi-Attach error; a moved pod may start before its volume has detached); no expansion, snapshots or reclaim (a deleted claim’s volume stays), no binding of a claim to a free static PV (only through volumeName); Karpenter’s unsupported-provisioner/topology-key checks (empty on AWS) are not modelled.',
  'Disruption events are deduplicated like Karpenter’s recorder (one Unconsolidatable per node per 15 min, DisruptionBlocked per 2 min), but only passes that run publish them; the node’s details show the current verdict. A node held back by a used-up budget also gets a DisruptionBlocked event (a lab addition).',
  'kube-scheduler is simplified: filters plus least-allocated scoring, no preemption, no minDomains; its queue (backoff 1–10 s, retries on cluster events or after 5 min) is coarser than upstream.',
  'Timed actions cannot edit a NodePool mid-run (they scale, delete, label, taint, cordon, drain, interrupt): Karpenter tests that change a NodePool between batches have no lab equivalent.',
  'NodeClaim status conditions (Consolidatable, Drifted) are derived by the lab, never set by hand; there are no Prometheus metrics.',
  'Consolidation does not skip destinations still inside their own consolidateAfter; volumes attach instantly (no Multi-Attach); no load balancers, static (mirror) pods or default topology spread.',
  'A pod rejected at admission (missing RuntimeClass, conflicting selector) shows as Pending with the API server’s message; Kubernetes would not create it at all.',
  'A type offering several OSs gives its node the OS the NodeClaim allows, linux when it allows several.',
  'Spot interruptions happen when you schedule them, or from an opt-in seeded model of the Spot Advisor buckets (spec.karpenter.interruptionModel); spot interruption warnings only, no scheduled-change or state-change events.',
  'Only evicted pods get their termination grace period; scale-downs delete pods at once.',
  'A Deployment whose template changes rolls out with the default RollingUpdate (25% surge, 25% unavailable, a pod counts once Running); its strategy field is not read.',
  'Console: `kubectl top` shows the pods’ requests (no containers run, so no metrics-server usage); there are no Services, Jobs, exec, edit or rollout.',
  'Runs are bounded: until ≤ 168h, 100 NodePools, 1,000 Scenario actions, 100,000 steps at one instant; quantities exact up to 2^53−1.',
  'Compare tab: Cluster Autoscaler is modelled as one node group of one instance type, no expanders; the ASG launch delay (30 s) is an assumption.',
];
