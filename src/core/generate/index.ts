import { ProjectSpec } from '../project';
import { renderRequirements } from '../requirements/render';
import { generateDockerfile } from './dockerfile';
import { generateCompose } from './compose';
import { generateDockerignore } from './dockerignore';
import { withTorchIndex } from './lean';
import { renderLockRequirements } from '../locks/fromLock';

export { generateDockerfile, baseImageOf, defaultUid, execForm, imageWorkdir } from './dockerfile';
export {
  generateDevcontainer,
  devcontainerFile,
  devcontainerGpu,
  composeDevService,
  composeDevServiceOf,
  DevcontainerOptions,
} from './devcontainer';
export { generateCompose, composeService } from './compose';
export { generateDockerignore } from './dockerignore';
export { specFromAnalysis, runtimeTools, hasCode, SpecError, SpecOptions } from './spec';
export { systemPackagesFor, aptPackages } from './system-packages';
export { validateSpec } from './validate';
export {
  isJupyterImage,
  isCudaImage,
  defaultBaseImage,
  defaultCudaImage,
  imageUserName,
  cudaFlavor,
  runtimeCudaImage,
} from './images';
export { containerPort, frameworkPorts, jupyterPort } from './modes';

/** The four files, in the order the user reads them, keyed by their name in the project root. */
export type GeneratedFiles = Record<'requirements.txt' | 'Dockerfile' | 'compose.yaml' | '.dockerignore', string>;

/** Every generated file for a spec (requirements.txt fresh; merging into an existing one is the caller's). */
export function generateAll(spec: ProjectSpec): GeneratedFiles {
  return {
    'requirements.txt': withTorchIndex(
      spec.lock
        ? renderLockRequirements({ ...spec, lock: spec.lock })
        : renderRequirements(spec.requirements, {
            versionSource: spec.versionSource,
            notInstallable: spec.notInstallable,
          }),
      spec,
    ),
    Dockerfile: generateDockerfile(spec),
    'compose.yaml': generateCompose(spec),
    '.dockerignore': generateDockerignore(spec),
  };
}
