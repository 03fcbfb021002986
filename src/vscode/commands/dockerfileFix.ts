import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import type * as lsp from 'vscode-languageserver-types';
import { CommandSpec } from './register';
import { Services } from '../services';
import { applyFix, fixCommandIds } from '../language/dockerfile/codeActions';

/** The library's quick fixes (convert to uppercase, remove extra argument, ...), under our ids; code actions call them. */
export const dockerfileFixCommands: CommandSpec[] = fixCommandIds.map((id) => ({
  id,
  title: 'Dockerfile quick fix',
  handler: (_s: Services, uri: string, range: lsp.Range) => applyFix(DockerfileLanguageServiceFactory.createLanguageService(), id, uri, range),
}));
