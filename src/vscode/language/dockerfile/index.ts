import * as vscode from 'vscode';
import { Services } from '../../services';
import { onConfigChange, section } from '../../platform/config';
import { limitRegistryLookups } from '../../../node/dockerfile/registry';
import { createDockerfileService } from './service';
import { registerProviders } from './providers';
import { DockerfileDiagnostics } from './diagnostics';
import { DockerfileCodeActions } from './codeActions';

const selector: vscode.DocumentSelector = { language: 'dockerfile' };
const tagLookups = () => section().get<boolean>('dockerfile.imageTagCompletion', true);

/** Dockerfile language features, in-process over dockerfile-language-service (no server process). */
export function registerDockerfileLanguage(s: Services): void {
  const service = createDockerfileService(tagLookups());
  s.context.subscriptions.push(
    ...registerProviders(selector, service),
    new DockerfileDiagnostics(),
    vscode.languages.registerCodeActionsProvider(selector, new DockerfileCodeActions(service), { providedCodeActionKinds: DockerfileCodeActions.kinds }),
    onConfigChange('dockerfile.imageTagCompletion', () => limitRegistryLookups({ enabled: tagLookups() })),
  );
}
