#!/usr/bin/env node
/**
 * The naive baseline the benchmark compares against: the same profile loader and namespace
 * charts, but one cdk8s App synthesized with `app.synth()` (which validates and resolves the
 * whole app once per chart). Usage: node bench/naive.js <profile.yaml> <outdir>
 */
'use strict';
const path = require('path');
const { App } = require('cdk8s');
const lib = path.join(__dirname, '..', 'lib');
const { ComplianceContext } = require(path.join(lib, 'constructs', 'compliance-context'));
const { loadProfile } = require(path.join(lib, 'src', 'profile', 'load-profile'));
const { NamespaceChart } = require(path.join(lib, 'src', 'compose', 'namespace-chart'));

const [profileFile, outdir] = process.argv.slice(2);
const profile = loadProfile(profileFile, { today: '2026-01-01' });
const app = new App({ outdir });
ComplianceContext.set(app, {
  profile: profile.name,
  kubernetesVersion: profile.cluster.kubernetesVersion,
  cisVersion: profile.cisVersion,
});
for (const ns of profile.namespaces) new NamespaceChart(app, profile, ns);
app.synth();
