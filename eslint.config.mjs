// Layering is enforced here (docs/architecture.md, Layers): core/ is pure, node/ never sees vscode, dockerode lives in one file.
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'core/ and node/ must not import vscode (see docs/architecture.md, Layers).' };
const noDockerode = { name: 'dockerode', message: 'dockerode is imported only in src/node/docker/engine.ts.' };
const noVscodeLayer = { group: ['**/vscode/**'], message: 'node/ and cli/ never import the vscode layer.' };
// require() is checked too: no-restricted-imports only sees import statements.
const requireOf = (re, message) => ({ selector: `CallExpression[callee.name='require'][arguments.0.value=${re}]`, message });
const coreRequire = requireOf('/^(node:)?(fs|fs\\u002Fpromises|child_process|net|http|https|os)$|^(vscode|dockerode)$/', 'core/ is pure: no I/O, vscode or dockerode, even through require().');
const nodeRequire = requireOf('/^(vscode|dockerode)$/', 'node/ and cli/ require neither vscode nor dockerode (dockerode only in node/docker/engine.ts).');
const engineRequire = requireOf('/^vscode$/', 'node/ never requires vscode.');
const io = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'os', 'dockerode']
  .flatMap((n) => [n, `node:${n}`])
  .map((name) => ({ name, message: 'core/ is pure: no I/O imports.' }));

// Bundled as lazy chunks (scripts/bundle.mjs): a static import would load them at activation.
const lazyModules = ['dockerfile-language-service', 'dockerfile-language-service/lib/dockerRegistryClient', 'dockerfile-ast', 'dockerfile-utils', 'yaml', 'pip-requirements-js', 'smol-toml', 'tar-fs', 'ignore', 'jsonc-parser']
  .map((name) => ({ name, allowTypeImports: true, message: 'require() it where it is used (a lazy chunk, see scripts/bundle.mjs); `import type` is fine.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '**/*.mjs', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...io], patterns: [{ group: ['**/node/**', '**/vscode/**'], message: 'core/ imports only core/.' }] }],
      'no-restricted-syntax': ['error', coreRequire],
    },
  },
  {
    files: ['src/node/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, noDockerode], patterns: [noVscodeLayer] }], 'no-restricted-syntax': ['error', nodeRequire] },
  },
  {
    files: ['src/node/docker/engine.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [noVscodeLayer] }], 'no-restricted-syntax': ['error', engineRequire] },
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noDockerode] }] },
  },
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: lazyModules }] },
  },
);
