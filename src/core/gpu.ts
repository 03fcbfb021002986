/**
 * What `--gpu` means, in one place, for every artefact that can ask for a GPU: the Dockerfile, compose,
 * the dev container and Kubernetes. All of them mean "NVIDIA GPUs through the NVIDIA container
 * toolkit / device plugin"; change the vendor or the count here and every generator follows.
 */

/** The Kubernetes extended resource the NVIDIA device plugin advertises. */
export const gpuResourceName = 'nvidia.com/gpu';

/** GPUs one Kubernetes workload asks for (extended resources go in limits; requests default to them). */
export const gpuCount = 1;

/** ENV lines for the Dockerfile: make every GPU visible to CUDA inside the container. */
export const gpuEnv: readonly [string, string][] = [
  ['NVIDIA_VISIBLE_DEVICES', 'all'],
  ['NVIDIA_DRIVER_CAPABILITIES', 'compute,utility'],
];

/** compose.yaml's `deploy.resources.reservations.devices` entry (the Compose specification's GPU form). */
export function composeGpuDevices(): Record<string, unknown>[] {
  return [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }];
}

/**
 * GPU settings of the dev container. `hostRequirements.gpu: "optional"` makes Dev Containers and its CLI
 * add `--gpus all` when the host has a GPU and still start without one (the generated images fall back to
 * the CPU). PyTorch's DataLoader workers share tensors through /dev/shm, whose 64 MB default kills them:
 * a larger one is a run argument.
 */
export function devcontainerGpu(spec: { gpu: boolean }): { hostRequirements?: object; runArgs: string[] } {
  if (!spec.gpu) return { runArgs: [] };
  return { hostRequirements: { gpu: 'optional' }, runArgs: ['--shm-size=1g'] };
}

/** Kubernetes container `resources.limits` entries. */
export function kubernetesGpuLimits(): Record<string, string> {
  return { [gpuResourceName]: String(gpuCount) };
}
