// A team's own cdk8s app: the hardline baseline of its profile plus its own workload.
// `new HardlineBaseline` also checks every workload of the app against the profile, so a
// Deployment that production's restricted Pod Security would reject fails `app.synth()`.
const { App, Chart, Size, YamlOutputType } = require('cdk8s');
const kplus = require('cdk8s-plus-28');
const { HardlineBaseline } = require('cdk8s-hardline');

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
new HardlineBaseline(app, 'hardline', { profileFile: 'hardline-profile.yaml' });

const shop = new Chart(app, 'shop', { namespace: 'shop', disableResourceNameHashes: true });
const serviceAccount = new kplus.ServiceAccount(shop, 'web-sa', { metadata: { name: 'web' }, automountToken: false });
new kplus.Deployment(shop, 'web', {
  metadata: { name: 'web' },
  serviceAccount,
  automountServiceAccountToken: false,
  securityContext: { ensureNonRoot: true },
  containers: [
    {
      name: 'web',
      image: 'registry.example/shop/web:1.8.0',
      portNumber: 8080,
      securityContext: {
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        capabilities: { drop: [kplus.Capability.ALL] },
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
    },
  ],
});

app.synth();
