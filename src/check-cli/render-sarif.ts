/**
 * Renders a `CheckReport` as SARIF 2.1.0, the format code-scanning UIs (GitHub code scanning and
 * others) read: one result per violation with the rule id, its metadata and a physical location.
 */
import * as path from 'path';
import { benchmarkName, CisVersion } from '../controls';
import { CheckReport, ReportRule } from './check-report';
import { STDIN_NAME } from './read-manifests';

/** Renders `report` as a SARIF 2.1.0 log (one run), in `toolVersion`. */
export function renderCheckSarif(report: CheckReport, toolVersion: string): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const results = report.objects.flatMap((o) =>
    o.violations.map((v) => ({
      ruleId: v.rule,
      ruleIndex: index.get(v.rule) ?? -1,
      level: 'error',
      message: { text: v.message },
      locations: [
        {
          physicalLocation: { artifactLocation: artifact(o.file), region: { startLine: v.line, startColumn: v.column } },
          logicalLocations: [{ name: o.name, fullyQualifiedName: [o.namespace, o.kind, o.name].filter((x) => x !== undefined).join('/'), kind: 'object' }],
        },
      ],
      properties: { objectStartLine: o.line, field: v.field },
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hardline', version: toolVersion, semanticVersion: toolVersion, rules: report.rules.map((r) => sarifRule(r, report.profile.cisVersion)) } },
        automationDetails: { id: `hardline-check/${report.profile.name}/` },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { profile: report.profile.name, summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(r: ReportRule, cisVersion: CisVersion): object {
  const ids = [
    r.control ? `${r.control} (${r.controlTitle})` : undefined,
    r.cis.length > 0 ? `${benchmarkName(cisVersion)}: ${r.cis.join(', ')}` : undefined,
    r.soc2.length > 0 ? `SOC 2 (2017 TSC): ${r.soc2.join(', ')}` : undefined,
  ].filter((x): x is string => x !== undefined);
  const text = r.control ? `Hardline rule ${r.id}: ${r.title}. Enforces control ${ids.join('; ')}.` : `Hardline rule ${r.id}: ${r.title}. A hardline rule with no catalog control.`;
  const markdown = [`**${r.title}**`, '', ...(r.control ? [`- Control: \`${r.control}\` ${r.controlTitle}`] : ['- A hardline rule with no catalog control']),
    ...(r.cis.length > 0 ? [`- ${benchmarkName(cisVersion)}: ${r.cis.join(', ')}`] : []),
    ...(r.soc2.length > 0 ? [`- SOC 2 (2017 TSC): ${r.soc2.join(', ')}`] : []),
    ...(r.control ? ['', `Run \`hardline explain ${r.control}\` for the rationale and the evidence command.`] : [])].join('\n');
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text },
    help: { text, markdown },
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: ['security', 'kubernetes', ...(r.control ? [r.control] : []), ...r.cis.map((c) => `CIS-${c}`), ...r.soc2.map((c) => `SOC2-${c}`)],
      ...(r.control ? { control: r.control } : {}),
      cis: r.cis,
      soc2: r.soc2,
    },
  };
}

/** `pod-security-restricted` -> `PodSecurityRestricted`; `HL-RBAC-001` -> `HlRbac001`. */
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0].toUpperCase() + p.slice(1).toLowerCase())
    .join('');
}

/** A file as a SARIF artifact location: relative to the source root when relative, a file URI otherwise. */
function artifact(file: string): object {
  if (file === STDIN_NAME) return { uri: 'stdin' };
  const encoded = file.split('/').map((seg, i) => (i === 0 && seg === '' ? '' : encodeURIComponent(seg))).join('/');
  if (path.isAbsolute(file)) return { uri: `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}
