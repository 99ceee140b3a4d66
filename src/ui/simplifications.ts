// The simplifications a learner should know about while looking at results (full list:
// docs/simplifications.md). Shown in the side panel.
export const SIMPLIFICATIONS: readonly string[] = [
  'Spot prices are estimates: on-demand price × (1 − Spot Advisor average savings), equal in every zone.',
  'Every instance type is offered in every zone. us-east-1 prices are from 2026; 22 other regions use on-demand prices from November 2022 (newer families are missing there); other regions have none.',
  'Boot times are assumptions: launch ≈ 2 s, register ≈ 30 s, initialize ≈ 15 s (±20 %).',
  'Ties Karpenter leaves to Go map order are broken by a seeded random generator.',
  'Not modelled: volumes/PVC zones, reserved capacity, static NodePools, solve timeouts.',
  'kube-scheduler is simplified: filters plus least-allocated scoring, no preemption.',
  'Spot interruptions happen when you schedule them, or from an opt-in seeded model of the Spot Advisor buckets (spec.karpenter.interruptionModel).',
  'Only evicted pods get their termination grace period; scale-downs delete pods at once.',
  'A Deployment whose template changes rolls out with the default RollingUpdate (25% surge, 25% unavailable, a pod counts once Running); its strategy field is not read.',
  'Console: `kubectl top` shows the pods’ requests (no containers run, so no metrics-server usage); there are no Services, Jobs, exec, edit or rollout.',
  'Compare tab: Cluster Autoscaler is modelled as one node group of one instance type, no expanders; the ASG launch delay (30 s) is an assumption.',
];
