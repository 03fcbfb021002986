import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { projectDir } from './dockerShared';
import { PROJECT_MODES, ProjectMode } from '../../core/project';
import { SpecError } from '../../core/generate';
import { KubeOptionsError } from '../../core/kubernetes';
import { isValidTag } from '../../core/docker/tag';
import { ProjectKube, projectManifests } from '../../node/kubernetes/projectManifests';
import { applyManifests, currentContext, followJob, KubectlError } from '../../node/kubernetes/kubectl';

const modes = ['auto', ...PROJECT_MODES];

export const k8sCommand: CliCommand = {
  name: 'k8s',
  usage:
    'k8s DIR --image IMAGE [--gpu] [--namespace NS] [--mode MODE] [--cpu Q] [--cpu-limit Q] [--memory Q] ' +
    '[--memory-limit Q] [--storage Q] [--apply]',
  summary: 'print Kubernetes manifests (script: Job; Jupyter/app: Deployment + Service); --apply runs kubectl apply',
  async run(argv, io) {
    const a = parseArgs(
      argv,
      ['gpu', 'apply'],
      ['image', 'namespace', 'mode', 'cpu', 'cpu-limit', 'memory', 'memory-limit', 'storage', 'name'],
    );
    const dir = projectDir(io, a.positional);
    const image = str(a.flags.get('image'));
    if (!image)
      throw new CliError(
        '--image IMAGE is required: the reference the cluster pulls, e.g. registry.example.com/team/project:1.0',
      );
    if (!isValidTag(image.split('@')[0]))
      throw new CliError(`--image "${image}" is not an image reference such as registry.example.com/team/project:1.0`);
    const mode = str(a.flags.get('mode')) ?? 'auto';
    if (!modes.includes(mode)) throw new CliError(`--mode must be one of ${modes.join(', ')}, not "${mode}"`);
    let r: ProjectKube;
    try {
      r = await projectManifests({
        dir,
        mode: mode as ProjectMode | 'auto',
        gpu: a.flags.has('gpu'),
        image,
        name: str(a.flags.get('name')),
        namespace: str(a.flags.get('namespace')),
        cpuRequest: str(a.flags.get('cpu')),
        cpuLimit: str(a.flags.get('cpu-limit')),
        memoryRequest: str(a.flags.get('memory')),
        memoryLimit: str(a.flags.get('memory-limit')),
        storage: str(a.flags.get('storage')),
        signal: io.signal,
      });
    } catch (e) {
      if (e instanceof KubeOptionsError || e instanceof SpecError) throw new CliError(e.message);
      throw e;
    }
    for (const w of r.warnings) io.err(`warning: ${w}`);
    const { text, workload, options: opts } = r;
    if (!a.flags.has('apply')) {
      io.out(text.replace(/\n$/, ''));
      return 0;
    }
    try {
      const context = await currentContext(io.env);
      io.err(`applying to context ${context}${opts.namespace ? `, namespace ${opts.namespace}` : ''}`);
      for (const l of await applyManifests(text, { env: io.env, signal: io.signal })) io.err(l);
      if (workload.kind !== 'Job') return 0;
      const ok = await followJob(workload.name, opts.namespace, io.out, { env: io.env, signal: io.signal });
      io.err(ok ? `job ${workload.name} completed` : `job ${workload.name} failed`);
      return ok ? 0 : 1;
    } catch (e) {
      if (e instanceof KubectlError) throw new CliError(e.message, 1);
      throw e;
    }
  },
};

function str(v: string | true | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
