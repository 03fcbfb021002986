import * as vscode from 'vscode';
import { Services } from '../services';
import { DockerfileCodeLens } from './codeLens';
import { LayerHints } from './inlayHints';
import { onSettingChange } from '../platform/settings';
import { DOCKERFILE_GLOB } from '../../core/projectFiles';

const DOCKERFILES: vscode.DocumentSelector = [
  { language: 'dockerfile', scheme: 'file' },
  { pattern: DOCKERFILE_GLOB, scheme: 'file' },
];

/** CodeLens and inlay hints on Dockerfiles; hints refresh after each build and on setting changes. */
export function registerBuildRun(s: Services): void {
  const hints = new LayerHints(s);
  s.context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(DOCKERFILES, new DockerfileCodeLens()),
    vscode.languages.registerInlayHintsProvider(DOCKERFILES, hints),
    s.buildRun.onDidBuild(() => hints.refresh()),
    onSettingChange('build.inlineHints', () => hints.refresh()),
    s.engine.onDidChange(() => hints.refresh()),
  );
}
