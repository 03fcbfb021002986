// The same mocha suite on a desktop VS Code via @vscode/test-electron, wherever it can be downloaded
// (not on the CI machines here: they have no internet; test/editor/run.mjs uses code-server instead).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/editor/{suite,untrusted}/**/*.test.js',
  version: '1.100.3',
  workspaceFolder: 'test/fixtures/editor-workspace',
  mocha: { ui: 'bdd', timeout: 60000 },
});
