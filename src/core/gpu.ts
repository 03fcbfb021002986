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

/** `docker run` arguments for the same request (the dev container's runArgs). */
export const dockerRunGpuArgs: readonly string[] = ['--gpus', 'all'];

/** Kubernetes container `resources.limits` entries. */
export function kubernetesGpuLimits(): Record<string, string> {
  return { [gpuResourceName]: String(gpuCount) };
}
