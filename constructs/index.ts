/** The hardline construct library: secure-by-default cdk8s constructs annotated with the controls they implement. */
export * from './audit-policy';
export * from './compliance-context';
export * from './limit-range';
export * from './pod-disruption-budget';
export * from './resource-quota';
export * from './velero-backup-schedule';
export * from './default-deny-network-policy';
export * from './hardened-namespace';
export * from './hardened-service-account';
export * from './network-flow-policy';
export * from './scoped-role';
export * from './scoped-role-binding';
export * from '../src/controls';
export * from './kyverno-cluster-policy';
export * from './kyverno-policy-exception';
export * from './kyverno-policy-set';
export * from './kyverno-validating-policy';
