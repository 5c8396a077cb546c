#!/usr/bin/env node
/**
 * The naive baseline the benchmark compares against: the same profile loader and the same
 * composition (addBaseline), but one cdk8s App synthesized with `app.synth()` (which validates and resolves the
 * whole app once per chart). Usage: node bench/naive.js <profile.yaml> <outdir>
 */
'use strict';
const path = require('path');
const { App } = require('cdk8s');
const lib = path.join(__dirname, '..', 'lib');
const { loadProfile } = require(path.join(lib, 'src', 'profile', 'load-profile'));
const { addBaseline } = require(path.join(lib, 'src', 'compose', 'compose-profile'));

const [profileFile, outdir] = process.argv.slice(2);
const profile = loadProfile(profileFile, { today: '2026-01-01' });
const app = new App({ outdir });
// The very charts the CLI composes (namespaces, cluster RBAC, control plane, backups, admission).
addBaseline(app, profile);
app.synth();
