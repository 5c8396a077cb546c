/**
 * The Kubernetes 1.28 L1 classes of cdk8s-plus-28 (`k8s.KubeNamespace`, `k8s.KubeRole`, …): the
 * very module `import { k8s } from 'cdk8s-plus-28'` gives, loaded on its own.
 *
 * Why the deep import: the package root also loads every cdk8s-plus L2 construct, which hardline
 * does not use, and that costs every CLI start about 20 ms. cdk8s-plus-28 has no `exports` map, so
 * the path resolves, and it ships `lib/imports/k8s.d.ts`. Constructs import `k8s` from here, so the
 * path is written once; test/cli/bin.test.ts checks that `hardline synth` never loads the root.
 * @internal
 */
export * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
