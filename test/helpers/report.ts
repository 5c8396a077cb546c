/** Helpers that build compliance reports in memory for tests. */
import * as path from 'path';
import { loadProfile, parseProfile } from '../../src/profile/load-profile';
import { ResolvedProfile } from '../../src/profile/types';
import { buildReport, BuildReportOptions } from '../../src/report/build-report';
import { ComplianceReport } from '../../src/report/model';
import { renderProfile } from '../../src/synth/synthesize-profile';
import { defaultProfile, ROOT, TODAY } from './synth';

/**
 * The report fixture: a frozen five-namespace profile (test/fixtures/profiles/valid/report-fixture.yaml),
 * so exact expectations do not move whenever profiles/default.yaml grows.
 */
export const REPORT_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'profiles', 'valid', 'report-fixture.yaml');

/** The loaded report fixture profile. */
export function fixtureProfile(): ResolvedProfile {
  return loadProfile(REPORT_FIXTURE, { today: TODAY });
}

/** The report of the report fixture profile. */
export function fixtureReport(options: BuildReportOptions = {}): ComplianceReport {
  const profile = fixtureProfile();
  return buildReport(profile, renderProfile(profile).objects, options);
}

/** The report of the shipped default profile (for generic, whole-profile assertions only). */
export function defaultReport(options: BuildReportOptions = {}): ComplianceReport {
  const profile = defaultProfile(TODAY);
  return buildReport(profile, renderProfile(profile).objects, options);
}

/** The report of a profile given as YAML text. */
export function reportOf(text: string, options: BuildReportOptions = {}): ComplianceReport {
  const profile = parseProfile(text, 'inline.yaml', { today: TODAY, baseDir: ROOT });
  return buildReport(profile, renderProfile(profile).objects, options);
}

/** An exception block (YAML list item) for `profileYaml({ exceptions })`. */
export function exceptionYaml(control: string, expires: string, namespaces?: string[]): string {
  return [
    `    - control: ${control}`,
    ...(namespaces ? [`      namespaces: [${namespaces.join(', ')}]`] : []),
    '      reason: "vendor image needs it until the rewrite (SEC-1)"',
    '      scope: namespace',
    '      owner: platform@acme.example',
    '      approvedBy: ciso@acme.example',
    '      ticket: SEC-1',
    `      expires: ${expires}`,
  ].join('\n');
}
