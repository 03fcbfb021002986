import type * as lsp from 'vscode-languageserver-types';
import type { CommandSpec } from '../../services';
import { fixCommandIds } from '../../../core/dockerfile/fixIds';
import { applyFix } from './codeActions';
import { dockerfileService } from './service';

/**
 * The library's quick fixes (convert to uppercase, remove extra argument, ...), under our ids; code actions call
 * them.
 */
export const dockerfileFixCommands: CommandSpec[] = fixCommandIds.map((id) => ({
  id,
  title: 'Dockerfile quick fix',
  kind: 'internal',
  handler: (_s, uri: string, range: lsp.Range) => applyFix(dockerfileService(), id, uri, range),
}));
