import * as vscode from 'vscode';
import type { Services } from '../services';
import { devContainersInstalled, reopenInContainer } from './commands';

/** Containerize's last word about the dev container: "Reopen in Container" with Dev Containers, else how. */
export function offerDevContainer(s: Services, dir?: string): void {
  const action = devContainersInstalled() ? 'Reopen in Container' : 'Develop in the Container…';
  s.log.info(`.devcontainer/devcontainer.json written; offering "${action}"`);
  void vscode.window
    .showInformationMessage('Wrote .devcontainer/devcontainer.json: develop inside the same image.', action)
    .then((pick) => pick && reopenInContainer(dir));
}
