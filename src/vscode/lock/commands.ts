import type { CommandSpec } from '../services';
import { lockEnvironment } from './lockEnvironment';

/** Lock Environment: palette, the Project view (title and its lock row), the CodeLens on requirements.txt. */
export const lockCommands: CommandSpec[] = [
  {
    // Builds the image when there is none, so it runs the project's Dockerfile: trusted workspaces only.
    id: 'dsContainers.project.lock',
    title: 'Lock Environment',
    needsTrust: true,
    handler: (s, arg?: unknown, opts?: { force?: boolean }) => lockEnvironment(s, arg, opts),
  },
];
