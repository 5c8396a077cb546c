/**
 * The catalog is the aggregate of the per-object claims: for every benchmark (the CIS Kubernetes
 * versions and, on their provider's cluster, the EKS, GKE and AKS benchmarks), each
 * control's CIS and SOC 2 IDs are exactly the union of what the objects implementing it claim.
 * An ID no object claims is a catalog overstatement; a claimed ID outside the control cannot exist
 * (`claimOf` refuses it), but a control nothing implements is reported too.
 */
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { claimsOf } from '../../../constructs/_annotate-controls';
import { benchmarkInfo, CIS_VERSIONS, cisIdIn, CisVersion, cisIdsFor, compareIds, CONTROLS, isProviderBenchmark } from '../../../src/controls';
import { IMPLEMENTATIONS } from '../../../src/report/implementations';
import { composeProfile } from '../../../src/compose/compose-profile';
import { loadProfile } from '../../../src/profile/load-profile';
import { ResolvedProfile } from '../../../src/profile/types';
import { ROOT, TODAY } from '../../helpers/synth';

/** Profiles that together emit every kind of object hardline has. */
const PROFILES = [path.join(ROOT, 'profiles', 'default.yaml'), path.join(ROOT, 'test', 'fixtures', 'profiles', 'valid', 'report-fixture.yaml')];

/**
 * The profile under a benchmark: a managed-provider benchmark applies only on its provider's cluster
 * (where no control-plane file is emitted), a CIS Kubernetes version on a self-managed one.
 */
function under(profile: ResolvedProfile, version: CisVersion): ResolvedProfile {
  const provider = benchmarkInfo(version).provider;
  return { ...profile, cisVersion: version, cluster: { ...profile.cluster, provider } };
}

/** Controls only control-plane files implement: on a managed provider nothing in the cluster claims them (the platform provides them). */
const CONTROL_PLANE_ONLY = new Set(
  IMPLEMENTATIONS.filter((i) => i.constructs.every((c) => ['AuditPolicy', 'EncryptionConfiguration'].includes(c))).map((i) => i.control),
);

/** Claimed IDs per control, over every object of every profile, in one benchmark version. */
function claimedIds(profiles: readonly ResolvedProfile[], version: CisVersion): Map<string, { cis: Set<string>; soc2: Set<string> }> {
  const out = new Map<string, { cis: Set<string>; soc2: Set<string> }>();
  for (const profile of profiles) {
    const { app } = composeProfile(under(profile, version));
    for (const obj of app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
      for (const claim of claimsOf(obj)) {
        const entry = out.get(claim.control.id) ?? { cis: new Set<string>(), soc2: new Set<string>() };
        claim.cis.forEach((r) => {
          const id = cisIdIn(r, version);
          if (id !== undefined) entry.cis.add(id);
        });
        claim.soc2.forEach((s) => entry.soc2.add(s.id));
        out.set(claim.control.id, entry);
      }
    }
  }
  return out;
}

describe('each control is the union of what the objects implementing it claim', () => {
  const profiles = PROFILES.map((file) => loadProfile(file, { today: TODAY }));

  test.each([...CIS_VERSIONS])('CIS %s: every control’s CIS and SOC 2 IDs equal the union of its objects’ claims', (version) => {
    const claimed = claimedIds(profiles, version);
    const sorted = (ids: Iterable<string>) => [...ids].sort(compareIds);
    const managed = isProviderBenchmark(version);
    expect(managed ? [...CONTROL_PLANE_ONLY].sort() : []).toEqual(managed ? ['HL-AUD-001', 'HL-AUD-002', 'HL-ENC-001'] : []);
    for (const control of CONTROLS) {
      const got = claimed.get(control.id);
      if (managed && CONTROL_PLANE_ONLY.has(control.id)) {
        // Provided by the platform: no object in the cluster may claim it.
        expect({ control: control.id, claimed: got }).toEqual({ control: control.id, claimed: undefined });
        continue;
      }
      expect({ control: control.id, implemented: got !== undefined }).toEqual({ control: control.id, implemented: true });
      expect({ control: control.id, cis: sorted(got!.cis), soc2: sorted(got!.soc2) }).toEqual({
        control: control.id,
        cis: sorted(cisIdsFor(control, version)),
        soc2: sorted(control.soc2.map((s) => s.id)),
      });
    }
  });
});
