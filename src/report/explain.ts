/**
 * `hardline explain` and `hardline controls`: the catalog as text, and one ID (a control, a CIS
 * recommendation or a SOC 2 criterion) explained with the controls behind it.
 */
import { benchmarkInfo, CIS_VERSIONS, cisIdIn, isProviderBenchmark, CisVersion, CONTROLS, Control, ControlException, describeScope, EXCEPTION_ID_PATTERN, exceptionId, findControl } from '../controls';
import { HardlineError } from '../errors';
import { evidenceUnder } from './admission-engines';
import { gapReason } from './cis-gaps';
import { CIS_RECOMMENDATIONS } from './cis-recommendations';
import { IMPLEMENTATIONS } from './implementations';
import { SOC2_CRITERIA } from './soc2-criteria';
import { processEvidence } from './soc2-process-evidence';

/** An ID that is neither a control, a CIS recommendation nor a SOC 2 criterion. */
export class UnknownIdError extends HardlineError {
  constructor(message: string, hint: string) {
    super(message, { code: 'UNKNOWN_ID', hint });
  }
}

const constructsOf = (id: string) => IMPLEMENTATIONS.find((i) => i.control === id)?.constructs ?? [];

/** For an admission control whose constructs differ under `spec.admission.engine: kubernetes`: them, and the evidence there. */
function nativeLines(c: Control): string[] {
  const native = IMPLEMENTATIONS.find((i) => i.control === c.id)?.native;
  if (!native || native.join() === constructsOf(c.id).join()) return [];
  const evidence = evidenceUnder(c, 'kubernetes');
  return [`implemented by, engine kubernetes: ${native.join(', ')}`, ...(evidence !== c.evidence ? [`evidence, engine kubernetes: ${evidence}`] : [])];
}

/** The catalog as a plain-text table: one line per control. */
export function renderControlsTable(controls: readonly Control[] = CONTROLS): string {
  const header = ['control', ...CIS_VERSIONS.map((v) => `CIS ${v}`), 'SOC 2', 'title'];
  const rows = controls.map((c) => [
    c.id,
    ...CIS_VERSIONS.map((v) => c.cis.map((r) => cisIdIn(r, v)).filter((x): x is string => x !== undefined).join(',') || '-'),
    c.soc2.map((s) => s.id).join(',') || '-',
    c.title,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => (i === r.length - 1 ? x : x.padEnd(widths[i]))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** The catalog as JSON: every control with the constructs that implement it. */
export function renderControlsJson(controls: readonly Control[] = CONTROLS): string {
  return `${JSON.stringify(controls.map((c) => ({ ...c, constructs: constructsOf(c.id) })), null, 2)}\n`;
}

/**
 * Explains an ID: a control (`HL-NET-001`), a CIS recommendation (`5.3.2`; of `cisVersion`, or of
 * every supported version where it exists, since versions renumber) or a SOC 2 criterion (`CC6.6`).
 * Throws `UnknownIdError` for anything else.
 */
export function explain(rawId: string, cisVersion?: CisVersion): string {
  const id = rawId.trim().toUpperCase();
  const control = findControl(id);
  if (control) return explainControl(control);
  const soc2 = SOC2_CRITERIA.find((s) => s.id === id);
  if (soc2) return explainSoc2(soc2.id, soc2.area);
  if (/^\d+(\.\d+)*$/.test(id)) return explainCis(id, cisVersion);
  if (isExceptionId(rawId)) throw new UnknownIdError(`"${rawId.trim()}" looks like an exception id`, 'exception ids belong to a profile: pass --profile <file>');
  throw new UnknownIdError(
    `"${rawId}" is not a hardline control, a CIS Kubernetes Benchmark recommendation or a SOC 2 criterion`,
    'run `hardline controls` to list controls; CIS IDs look like 5.2.1, SOC 2 criteria like CC6.1',
  );
}

/** Whether an ID is shaped like an exception id (`hl-pod-001-3f9a0c2e`), which `explainException` explains. */
export function isExceptionId(rawId: string): boolean {
  return EXCEPTION_ID_PATTERN.test(rawId.trim());
}

/**
 * Explains one exception of a profile by its id: control, namespaces, scope, the whole reason,
 * owner, approval record and expiry. Throws `UnknownIdError` naming the profile's ids when none has it.
 */
export function explainException(rawId: string, exceptions: readonly ControlException[], profileFile: string): string {
  const id = rawId.trim();
  const e = exceptions.find((x) => exceptionId(x) === id);
  if (!e) {
    const ids = exceptions.map(exceptionId);
    throw new UnknownIdError(
      `"${id}" is not an exception of ${profileFile}`,
      ids.length > 0 ? `its exceptions are ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}` : 'it has no exceptions',
    );
  }
  const control = findControl(e.control);
  const L = [
    `exception ${id} of ${profileFile}`,
    '',
    `control: ${e.control}${control ? ` (${control.title})` : ''}`,
    `namespaces: ${e.namespaces?.join(', ') ?? 'every namespace'}`,
    `scope: ${describeScope(e)}`,
    `reason: ${e.reason}`,
    `owner: ${e.owner}`,
    `approved by: ${e.approvedBy ?? '-'}`,
    `ticket: ${e.ticket ?? '-'}`,
    `expires: ${e.expires}`,
  ];
  return `${L.join('\n')}\n`;
}

function explainControl(c: Control): string {
  const L = [`${c.id}: ${c.title}`, '', c.rationale, '', `evidence: ${c.evidence}`, ...(c.evidence.includes('<objects>') ? ['  (<objects>: the objects implementing it; the report lists the filled-in commands per namespace)'] : []), `implemented by: ${constructsOf(c.id).join(', ') || '-'}`, ...nativeLines(c), '', 'CIS Kubernetes Benchmark (per version):'];
  for (const r of c.cis) {
    L.push(`  ${CIS_VERSIONS.map((v) => `${v}: ${cisIdIn(r, v) ?? '-'}`).join('  ')}  ${r.why}`);
  }
  L.push('', 'SOC 2 (2017 TSC):');
  for (const s of c.soc2) L.push(`  ${s.id}: ${s.why}`);
  L.push('', 'hardline supports these recommendations and criteria; it is not certified by CIS or the AICPA.');
  return `${L.join('\n')}\n`;
}

function explainSoc2(id: string, area: string): string {
  const behind = CONTROLS.flatMap((c) => c.soc2.filter((s) => s.id === id).map((s) => `  ${c.id}: ${s.why}`));
  const L = [`SOC 2 ${id} (${area}, 2017 Trust Services Criteria)`, ''];
  if (behind.length > 0) L.push('supported by:', ...behind);
  else L.push('no hardline control supports this criterion.');
  L.push('', `process evidence an auditor also asks for: ${processEvidence(id)}`);
  return `${L.join('\n')}\n`;
}

function explainCis(id: string, only?: CisVersion): string {
  const versions = only ? [only] : CIS_VERSIONS;
  const L: string[] = [];
  for (const v of versions) {
    const rec = CIS_RECOMMENDATIONS[v].find((r) => r.id === id);
    if (!rec) continue;
    if (L.length > 0) L.push('');
    L.push(`CIS ${id} in ${benchmarkInfo(v).label}: ${rec.title} (${rec.type}; ${rec.section})`);
    const behind = CONTROLS.flatMap((c) => c.cis.filter((r) => cisIdIn(r, v) === id).map((r) => `  ${c.id}: ${r.why}`));
    if (behind.length > 0) L.push('supported by:', ...behind);
    else {
      const gap = gapReason(rec);
      L.push('no hardline control supports it (a gap).');
      if (gap) L.push(`  why: ${gap.why}`, `  instead: ${gap.action}`);
    }
  }
  if (L.length === 0) {
    const elsewhere = CIS_VERSIONS.filter((v) => CIS_RECOMMENDATIONS[v].some((r) => r.id === id));
    throw new UnknownIdError(
      only ? `CIS ${id} is not a recommendation of ${benchmarkInfo(only).label}` : `CIS ${id} is not a recommendation of ${CIS_VERSIONS.map((v) => benchmarkInfo(v).label).join(', ')}`,
      elsewhere.length > 0 ? `it exists in ${elsewhere.map((v) => (isProviderBenchmark(v) ? v : `v${v}`)).join(', ')}: drop --cis-version or pick one of those` : 'CIS IDs look like 5.2.1; the benchmark renumbers Section 5 between versions',
    );
  }
  return `${L.join('\n')}\n`;
}
