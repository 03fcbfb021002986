// Run on Kubernetes… inside the real extension host. No cluster can run on these machines: kubectl is
// our fake (test/fixtures/fake-kubectl) on the extension host's PATH, which is this process's, and it
// records its arguments and the manifests it is given.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

interface KubeRunResult {
  document: string;
  context?: string;
  applied?: string[];
  problem?: string;
}
const ROOT = path.resolve(__dirname, '../../../..');
const project = vscode.Uri.file(path.join(ROOT, 'test/fixtures/projects/linear-classifier-script'));
const run = (preset: object) =>
  vscode.commands.executeCommand<KubeRunResult>('dsContainers.project.runOnKubernetes', project, preset);
const docOf = (r: KubeRunResult) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.document)!;

describe('Run on Kubernetes (fake kubectl)', () => {
  const saved = { PATH: process.env.PATH, FAKE_LOG: process.env.FAKE_LOG, FAKE_CONTEXT: process.env.FAKE_CONTEXT };
  let bin = '';
  const argv = () => (fs.existsSync(path.join(bin, 'argv')) ? fs.readFileSync(path.join(bin, 'argv'), 'utf8') : '');
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-share14b-kubectl-'));
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/fake-kubectl/kubectl'), path.join(bin, 'kubectl'));
    fs.chmodSync(path.join(bin, 'kubectl'), 0o755);
    process.env.PATH = `${bin}:${saved.PATH}`;
    process.env.FAKE_LOG = bin;
  });
  beforeEach(() => {
    fs.rmSync(path.join(bin, 'argv'), { force: true });
    fs.rmSync(path.join(bin, 'stdin.yaml'), { force: true });
    process.env.FAKE_CONTEXT = 'share14b-cluster';
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('opens the manifests as an untitled YAML document and applies that document once confirmed', async () => {
    const r = await run({ image: '127.0.0.1:5000/team/churn:1', namespace: 'ml', apply: true });
    assert.ok(r, 'the command returned');
    const doc = docOf(r);
    assert.strictEqual(doc.isUntitled, true);
    assert.strictEqual(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^kind: Job$/m);
    assert.match(doc.getText(), /^ {2}namespace: ml$/m);
    assert.doesNotMatch(doc.getText(), /nvidia\.com\/gpu/);
    assert.strictEqual(r.context, 'share14b-cluster');
    assert.deepStrictEqual(r.applied, ['applied']);
    assert.strictEqual(fs.readFileSync(path.join(bin, 'stdin.yaml'), 'utf8'), doc.getText());
    assert.deepStrictEqual(argv().trim().split('\n'), ['config current-context', 'apply -f -']);
  });

  it('with a GPU the limits ask for nvidia.com/gpu; declining applies nothing', async () => {
    const r = await run({ image: '127.0.0.1:5000/team/churn:1', gpu: true, apply: false });
    assert.match(docOf(r).getText(), /nvidia\.com\/gpu: "?1"?/);
    assert.strictEqual(r.applied, undefined);
    assert.doesNotMatch(argv(), /apply/);
  });

  it('no current context, and no kubectl at all: one line each, the manifests stay open, nothing applied', async () => {
    delete process.env.FAKE_CONTEXT;
    const noContext = await run({ image: '127.0.0.1:5000/team/churn:1', apply: true });
    assert.strictEqual(
      noContext.problem,
      'kubectl has no current context: choose a cluster with kubectl config use-context NAME',
    );
    assert.ok(docOf(noContext), 'the manifests are open');
    assert.doesNotMatch(argv(), /apply/);

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-share14b-nokubectl-'));
    process.env.PATH = empty;
    try {
      const noKubectl = await run({ image: '127.0.0.1:5000/team/churn:1', apply: true });
      assert.strictEqual(
        noKubectl.problem,
        'kubectl not found on PATH: install it (https://kubernetes.io/docs/tasks/tools/) to apply manifests',
      );
    } finally {
      process.env.PATH = `${bin}:${saved.PATH}`;
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
