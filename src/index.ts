/**
 * The cdk8s-hardline package: constructs, the control catalog, the profile loader, the
 * `HardlineBaseline` construct, workload checks and the cdk8s CLI validation plugin.
 * Importing it reads no file; only loading a profile does.
 */
export * from '../constructs';
export * as controls from './controls';
export * as admission from './admission';
export { loadProfile, parseProfile, exceptionsForNamespace, LoadProfileOptions } from './profile/load-profile';
export * from './profile/types';
export { HardlineError, ProfileError, ProfileProblem, formatProblem } from './errors';
export * from './baseline/hardline-baseline';
export * from './check/hardline-check';
export * from './check/check-workloads';
export { podSecurityFindings, PodSecurityFinding } from './check/pod-security';
export * from './validation/hardline-validation';
export { renderProfile, synthesizeProfile, SynthesizeOptions, SynthesisResult } from './synth/synthesize-profile';
export { synthesizeProfileInParallel, ParallelSynthesizeOptions } from './synth/synthesize-in-parallel';
