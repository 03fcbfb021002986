/** Facts about base images, read from their names only (the generators never touch Docker). */

/** The repository part of an image reference: no registry port confusion, no tag, no digest. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  return (colon >= 0 ? noDigest.slice(0, colon) : noDigest).toLowerCase();
}

/**
 * Jupyter images (jupyter/*, quay.io/jupyter/*, anything named *jupyter*) already ship the server and
 * usually switch to a non-root user (jovyan, UID 1000): we install nothing Jupyter there.
 */
export function isJupyterImage(image: string): boolean {
  return imageRepository(image).includes('jupyter');
}

/** NVIDIA CUDA images have no Python: the Dockerfile installs one in a virtual environment. */
export function isCudaImage(image: string): boolean {
  return /(^|\/)nvidia\/cuda$/.test(imageRepository(image)) || /(^|\/)cuda$/.test(imageRepository(image));
}

/** The default base image for a Python version: the official slim Debian image, tag pinned. */
export function defaultBaseImage(pythonVersion: string): string {
  return `python:${pythonVersion}-slim`;
}

/** A CUDA runtime image for the --gpu option when the user wants CUDA libraries from the OS. */
export const defaultCudaImage = 'nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04';

/**
 * The name of the image's non-root user: the Dockerfile reuses a user that already has UID 1000 (jovyan in
 * the Jupyter Docker Stacks, jupyter/* and quay.io/jupyter/*) and otherwise creates `app`.
 */
export function imageUserName(image: string): string {
  return /^(quay\.io\/)?jupyter\//.test(imageRepository(image)) ? 'jovyan' : 'app';
}

/** Which flavour of NVIDIA CUDA image: `devel` has the compilers and headers (GBs more), `runtime` only libraries. */
export function cudaFlavor(image: string): 'devel' | 'runtime' | 'base' | undefined {
  if (!isCudaImage(image)) return undefined;
  const tag =
    image
      .split('@')[0]
      .slice(image.lastIndexOf('/') + 1)
      .split(':')[1] ?? '';
  return /(^|-)devel(-|$)/.test(tag) ? 'devel' : /(^|-)runtime(-|$)/.test(tag) ? 'runtime' : 'base';
}

/** The runtime image of a devel CUDA tag (`12.4.1-cudnn-devel-ubuntu22.04` → `…-cudnn-runtime-…`). */
export function runtimeCudaImage(image: string): string | undefined {
  if (cudaFlavor(image) !== 'devel') return undefined;
  const at = image.lastIndexOf(':');
  return image.slice(0, at) + image.slice(at).replace(/(^|-)devel(?=-|$)/, '$1runtime');
}
