// One parse per Dockerfile text. The syntax validator (dockerfile-utils), our rules and ShellCheck's
// script extraction each parse the text they are given; parsing was a third of a full lint of a
// 200-line file, so the last text's tree is kept and handed to whoever asks for that text again.
// The tree is read-only to all of them (a unit test compares findings with and without sharing).
import type { Dockerfile } from 'dockerfile-ast';

type Ast = typeof import('dockerfile-ast');

let shared: Ast | undefined;

/** dockerfile-ast, its parser remembering the last text it parsed (dockerfile-utils calls the same parser). */
export function sharedParser(): Ast {
  if (shared) return shared;
  // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
  const ast = require('dockerfile-ast') as Ast;
  const parse = ast.DockerfileParser.parse.bind(ast.DockerfileParser);
  let lastText: string | undefined;
  let lastTree: Dockerfile | undefined;
  ast.DockerfileParser.parse = (text: string): Dockerfile => {
    if (text !== lastText || !lastTree) {
      lastTree = parse(text);
      lastText = text;
    }
    return lastTree;
  };
  return (shared = ast);
}

/** The parsed Dockerfile of `text` (the same tree as the validator's for the same text). */
export function parseDockerfile(text: string): Dockerfile {
  return sharedParser().DockerfileParser.parse(text);
}
