// The suite that code-server runs with workspace trust on and the folder untrusted (restricted mode).
import { runMocha } from '../suite/index';

export function run(): Promise<void> {
  return runMocha(__dirname);
}
