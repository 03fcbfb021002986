import * as vscode from 'vscode';
import { Services } from '../../services';
import { dockerfileService } from './service';
import { registerProviders } from './providers';
import { DockerfileCodeActions } from './codeActions';

const selector: vscode.DocumentSelector = { language: 'dockerfile' };

/**
 * Dockerfile language features, in-process over dockerfile-language-service (no server process); diagnostics are
 * in lint/.
 */
export function registerDockerfileLanguage(s: Services): void {
  s.context.subscriptions.push(
    ...registerProviders(selector, dockerfileService),
    vscode.languages.registerCodeActionsProvider(selector, new DockerfileCodeActions(dockerfileService), {
      providedCodeActionKinds: DockerfileCodeActions.kinds,
    }),
  );
}
