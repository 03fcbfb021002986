import * as vscode from 'vscode';
import { Services } from '../services';
import { containerize, ContainerizeOptions, ContainerizeResult } from '../build/containerize';

/** "Containerize Project…": from the palette (no argument), a folder in the explorer, or tests (options). */
export function containerizeProject(s: Services, arg?: vscode.Uri | ContainerizeOptions): Promise<ContainerizeResult> {
  return containerize(s, arg instanceof vscode.Uri ? { folder: arg } : arg ?? {});
}
