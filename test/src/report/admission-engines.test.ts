import * as path from 'path';
import Ajv from 'ajv';
import { loadProfile } from '../../../src/profile/load-profile';
import { buildReport } from '../../../src/report/build-report';
import { renderCsv } from '../../../src/report/csv-reporter';
import { renderHtml } from '../../../src/report/html-reporter';
import { renderJson } from '../../../src/report/json-reporter';
import { renderMarkdown } from '../../../src/report/markdown-reporter';
import { ComplianceReport, ControlEntry } from '../../../src/report/model';
import schema from '../../../src/report/report.schema.json';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { defaultReport, reportOf } from '../../helpers/report';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';

const nativeReport = (): ComplianceReport => {
  const profile = loadProfile(path.join(ROOT, 'profiles', 'native-example.yaml'), { today: TODAY });
  return buildReport(profile, renderProfile(profile).objects);
};
const control = (r: ComplianceReport, id: string): ControlEntry => r.controls.find((c) => c.id === id)!;
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
const SIGNED = '[{ name: rel, images: ["ghcr.io/acme/*"], keyless: [{ issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/x" }] }]';

describe('the report names the admission engine', () => {
  test('kyverno (the default profile): every admission control is enforced by Kyverno, other controls name no engine', () => {
    const r = defaultReport();
    expect(r.profile.admissionEngine).toBe('kyverno');
    for (const id of ['HL-ADM-001', 'HL-ADM-009', 'HL-ADM-010', 'HL-IMG-001']) expect({ id, by: control(r, id).enforcedBy }).toEqual({ id, by: 'Kyverno' });
    expect(control(r, 'HL-ADM-001').constructs).toEqual(['KyvernoPolicySet']);
    expect(control(r, 'HL-NET-001').enforcedBy).toBeUndefined();
  });

  test('kubernetes: admission controls are enforced by ValidatingAdmissionPolicy, implemented by the native constructs, evidenced by kubectl get of the policies and bindings', () => {
    const r = nativeReport();
    expect(r.profile.admissionEngine).toBe('kubernetes');
    for (const id of ['HL-ADM-001', 'HL-ADM-003', 'HL-ADM-009', 'HL-ADM-010']) {
      expect({ id, by: control(r, id).enforcedBy, status: control(r, id).status }).toEqual({ id, by: 'Kubernetes ValidatingAdmissionPolicy', status: 'implemented' });
    }
    expect(control(r, 'HL-ADM-002').constructs).toEqual(['NativeAdmissionPolicySet']);
    expect(control(r, 'HL-ADM-010').constructs).toEqual(['NativeTamperProtectionPolicy']);
    const adm003 = control(r, 'HL-ADM-003');
    expect(adm003.evidence).toBe('kubectl get <objects> -o yaml');
    // The bindings of HL-ADM-003 carry the build-cache exception (they realise it), so, as for any
    // excepted object, the evidence lists the policy; those of HL-ADM-001 carry none and are listed.
    expect(adm003.evidenceCommands).toEqual(['kubectl get validatingadmissionpolicies hl-restrict-image-registries -o yaml']);
    expect(control(r, 'HL-ADM-001').evidenceCommands).toContainEqual(expect.stringMatching(/^kubectl get validatingadmissionpolicybindings hl-disallow-capabilities-audit hl-disallow-capabilities-enforce hl-disallow-capabilities-warn .* -o yaml$/));
    expect(control(r, 'HL-ADM-009').evidenceCommands.every((c) => c.startsWith('kubectl get validatingadmissionpolicybindings '))).toBe(true);
    // The excepted namespace is named on the bindings and in the report.
    expect(r.exceptions.find((e) => e.control === 'HL-ADM-003')!.namespaces).toEqual(['build-cache']);
  });

  test('kubernetes with signed images: HL-IMG-001 stays Kyverno, and the report says there is no native equivalent', () => {
    const r = reportOf(profileYaml({ namespaces: '    - { name: a }', kubernetesVersion: '1.31', extra: `  admission: { engine: kubernetes, imageSignatures: ${SIGNED} }` }));
    expect(control(r, 'HL-IMG-001').enforcedBy).toBe('Kyverno (ImageValidatingPolicy; no native equivalent)');
    expect(control(r, 'HL-IMG-001').constructs).toEqual(['KyvernoImageValidatingPolicy']);
    expect(control(r, 'HL-IMG-001').objects.map((o) => o.kind)).toEqual(['ImageValidatingPolicy', 'ImageValidatingPolicy']);
  });

  test('a profile without spec.admission names no engine', () => {
    const r = reportOf(profileYaml({ namespaces: '    - { name: a }' }));
    expect(r.profile.admissionEngine).toBeUndefined();
    expect(r.controls.some((c) => c.enforcedBy !== undefined)).toBe(false);
  });

  test('JSON validates against report.schema.json; Markdown, HTML and CSV say who enforces each admission control', () => {
    const r = nativeReport();
    const json = JSON.parse(renderJson(r));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...json, profile: { ...json.profile, admissionEngine: 'gatekeeper' } })).toBe(false);
    const md = renderMarkdown(r);
    expect(md).toContain('- Admission engine: kubernetes');
    expect(md).toMatch(/### HL-ADM-001\n[\s\S]*?Enforced by: Kubernetes ValidatingAdmissionPolicy\n[\s\S]*?### HL-ADM-002/);
    expect(renderHtml(r)).toContain('enforced by Kubernetes ValidatingAdmissionPolicy');
    const lines = renderCsv(r).split('\r\n');
    expect(lines[0].endsWith(',evidence,enforced_by')).toBe(true);
    expect(lines.find((l) => l.startsWith('HL-ADM-001,'))!.endsWith(',Kubernetes ValidatingAdmissionPolicy')).toBe(true);
    expect(lines.find((l) => l.startsWith('HL-NET-001,'))!.endsWith(',')).toBe(true);
  });
});
