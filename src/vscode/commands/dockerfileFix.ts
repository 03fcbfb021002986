import type * as lsp from 'vscode-languageserver-types';
import { CommandSpec } from './register';
import { Services } from '../services';
import { applyFix } from '../language/dockerfile/codeActions';
import { dockerfileService } from '../language/dockerfile/service';
import { fixCommandIds } from '../../core/dockerfile/fixIds';

/** The library's quick fixes (convert to uppercase, remove extra argument, ...), under our ids; code actions call them. */
export const dockerfileFixCommands: CommandSpec[] = fixCommandIds.map((id) => ({
  id,
  title: 'Dockerfile quick fix',
  handler: (_s: Services, uri: string, range: lsp.Range) => applyFix(dockerfileService(), id, uri, range),
}));
