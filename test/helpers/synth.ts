/** Helpers that synthesize profiles in memory for tests. */
import * as fs from 'fs';
import * as path from 'path';
import { loadProfile, parseProfile } from '../../src/profile/load-profile';
import { ResolvedProfile } from '../../src/profile/types';
import { renderProfile } from '../../src/synth/synthesize-profile';
import { RenderedObject } from '../../src/synth/collect-objects';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** Date used where a test needs a fixed "today". */
export const TODAY = '2026-11-23';

/** Loads the shipped default profile. */
export function defaultProfile(today?: string): ResolvedProfile {
  return loadProfile(path.join(ROOT, 'profiles', 'default.yaml'), { today });
}

/** Renders a profile given as YAML text. */
export function renderYaml(text: string, today = TODAY): RenderedObject[] {
  return renderProfile(parseProfile(text, 'inline.yaml', { today, baseDir: ROOT })).objects;
}

/** Finds one rendered object by kind and name (and namespace, when given). */
export function findObject(objects: readonly RenderedObject[], kind: string, name: string, namespace?: string): RenderedObject['manifest'] {
  const hit = objects.find(
    (o) => o.manifest.kind === kind && o.manifest.metadata.name === name && (namespace === undefined || o.manifest.metadata.namespace === namespace),
  );
  if (!hit) throw new Error(`no ${kind} ${namespace ?? ''}/${name} in ${objects.map((o) => o.file).join(', ')}`);
  return hit.manifest;
}

/** A minimal valid profile with the given namespaces block and extra spec lines. */
export function profileYaml(opts: { namespaces: string; exceptions?: string; kubernetesVersion?: string; extra?: string }): string {
  return [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    'metadata: { name: test-profile }',
    'spec:',
    `  cluster: { name: test, kubernetesVersion: "${opts.kubernetesVersion ?? '1.28'}" }`,
    ...(opts.extra ? [opts.extra] : []),
    '  namespaces:',
    opts.namespaces,
    ...(opts.exceptions ? ['  exceptions:', opts.exceptions] : []),
    '',
  ].join('\n');
}

/**
 * The default profile's text for another Kyverno minor version. Below 1.17 its signed-image rules
 * are left out: ImageValidatingPolicy v1 needs Kyverno 1.17, and the loader refuses them there.
 */
export function defaultProfileTextFor(kyvernoVersion: string): string {
  const text = fs.readFileSync(path.join(ROOT, 'profiles', 'default.yaml'), 'utf8').replace(/kyvernoVersion: "1\.17"/, `kyvernoVersion: "${kyvernoVersion}"`);
  if (!text.includes(`kyvernoVersion: "${kyvernoVersion}"`)) throw new Error('profiles/default.yaml no longer sets kyvernoVersion: "1.17"');
  if (Number(kyvernoVersion.split('.')[1]) >= 17) return text;
  const stripped = text.replace(/\n {4}# Only images[^\n]*(\n {4}#[^\n]*)*/, '').replace(/\n {4}imageSignatures:(\n {6,}[^\n]*)*/, '');
  if (stripped.includes('imageSignatures')) throw new Error('could not remove imageSignatures from profiles/default.yaml');
  return stripped;
}
