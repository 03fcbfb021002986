// Our TextMate grammars, run by the real engine (vscode-textmate + vscode-oniguruma) over fixture
// files, compared with golden scope dumps. `UPDATE_GOLDEN=1 npm run test:unit` rewrites the goldens
// (review the diff before committing).
//
// Base grammar: the injection needs a `source.dockerfile` to inject into. We use a small stub written
// for this test (test/fixtures/grammars/dockerfile-base.stub.tmLanguage.json) holding the two rules
// the injection competes with (the instruction keyword at line start, comments), so the unit tier
// runs in a fresh clone before code-server is installed and the goldens do not change when VS Code
// updates its grammar. When code-server's real grammar is present (always in CI), a second test
// checks the heredoc scopes against it too, so a change of the real base grammar is still caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = path.join(ROOT, 'test/fixtures/grammars');
const REAL_DOCKER =
  '/var/cache/ds-containers/code-server-4.100.3/node_modules/code-server/lib/vscode/extensions/docker/syntaxes/docker.tmLanguage.json';

let onig: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

async function registry(files: Record<string, string>): Promise<vsctm.Registry> {
  return new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scope) =>
      files[scope] ? vsctm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null,
    getInjections: (scope) => (scope === 'source.dockerfile' ? ['dockerfile.heredoc.injection'] : undefined),
  });
}

async function dump(reg: vsctm.Registry, scope: string, text: string): Promise<string> {
  const grammar = await reg.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  let stack = vsctm.INITIAL;
  const out: string[] = [];
  text.split('\n').forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (!piece.trim()) continue;
      out.push(`${n + 1}:${t.startIndex} ${JSON.stringify(piece)} ${t.scopes.slice(1).join(' ')}`);
    }
    stack = r.ruleStack;
  });
  return out.join('\n') + '\n';
}

function golden(fixture: string, actual: string): void {
  const file = `${fixture}.scopes.txt`;
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.ok(fs.existsSync(file), `no golden ${path.relative(ROOT, file)}: run with UPDATE_GOLDEN=1 and review it`);
  assert.equal(
    actual,
    fs.readFileSync(file, 'utf8'),
    `scopes of ${path.relative(ROOT, fixture)} differ from the golden`,
  );
}

// source.shell and source.python are only referenced by the injection; vscode-textmate drops a rule
// whose include cannot load, so the tests give it two tiny stand-ins.
const dockerGrammars = (base: string) => ({
  'source.dockerfile': base,
  'dockerfile.heredoc.injection': path.join(ROOT, 'syntaxes/dockerfile-heredoc.injection.json'),
  'source.shell': path.join(FIX, 'shell.stub.tmLanguage.json'),
  'source.python': path.join(FIX, 'python.stub.tmLanguage.json'),
});

for (const name of ['shell.Dockerfile', 'python.Dockerfile']) {
  test(`heredoc injection: ${name} matches its golden scopes`, async () => {
    const fixture = path.join(FIX, 'heredoc', name);
    const reg = await registry(dockerGrammars(path.join(FIX, 'dockerfile-base.stub.tmLanguage.json')));
    golden(fixture, await dump(reg, 'source.dockerfile', fs.readFileSync(fixture, 'utf8')));
  });
}

test('heredoc injection: bodies are shell or Python, delimiters close them, comments stay comments', async () => {
  const reg = await registry(dockerGrammars(path.join(FIX, 'dockerfile-base.stub.tmLanguage.json')));
  const shell = await dump(
    reg,
    'source.dockerfile',
    fs.readFileSync(path.join(FIX, 'heredoc/shell.Dockerfile'), 'utf8'),
  );
  assert.match(
    shell,
    /^3:0 "apt-get" meta\.heredoc\.shell\.dockerfile meta\.embedded\.block\.shell support\.function\.builtin\.shell$/m,
  );
  assert.match(
    shell,
    /^5:0 "EOF" meta\.heredoc\.shell\.dockerfile entity\.name\.tag\.heredoc\.delimiter\.dockerfile$/m,
  );
  assert.match(shell, /^8:1 "SCRIPT" .*entity\.name\.tag\.heredoc\.delimiter/m, '<<- allows a tab-indented delimiter');
  assert.match(shell, /^9:0 .*comment\.line/m);
  assert.doesNotMatch(shell, /^10:.*heredoc/m, 'USER after the heredoc is plain Dockerfile again');
  const py = await dump(reg, 'source.dockerfile', fs.readFileSync(path.join(FIX, 'heredoc/python.Dockerfile'), 'utf8'));
  assert.match(
    py,
    /^3:0 "import" meta\.heredoc\.python\.dockerfile meta\.embedded\.block\.python keyword\.control\.import\.python$/m,
  );
  assert.match(
    py,
    /^7:0 "x = 1" meta\.heredoc\.python\.dockerfile meta\.embedded\.block\.python$/m,
    'quoted delimiter "EOF"',
  );
});

test(
  'heredoc injection over the real VS Code Dockerfile grammar',
  {
    skip: fs.existsSync(REAL_DOCKER)
      ? false
      : `no code-server grammar at ${REAL_DOCKER} (installed by test/editor/setup-editor.sh)`,
  },
  async () => {
    const reg = await registry(dockerGrammars(REAL_DOCKER));
    const py = await dump(
      reg,
      'source.dockerfile',
      fs.readFileSync(path.join(FIX, 'heredoc/python.Dockerfile'), 'utf8'),
    );
    assert.match(py, /^2:0 "RUN" meta\.heredoc\.python\.dockerfile keyword\.other\.special-method\.dockerfile$/m);
    assert.match(py, /^4:5 "\(sys\.version\)" meta\.heredoc\.python\.dockerfile meta\.embedded\.block\.python$/m);
    assert.match(py, /^9:0 "CMD" keyword\.other\.special-method\.dockerfile$/m);
  },
);

test('pip-requirements grammar: requirements.txt matches its golden scopes', async () => {
  const fixture = path.join(FIX, 'requirements/requirements.txt');
  const reg = await registry({
    'source.pip-requirements': path.join(ROOT, 'syntaxes/pip-requirements.tmLanguage.json'),
  });
  golden(fixture, await dump(reg, 'source.pip-requirements', fs.readFileSync(fixture, 'utf8')));
});
