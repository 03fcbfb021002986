export { generateKubernetes, renderKubernetes, jupyterWorkDir, KubeManifests } from './manifests';
export {
  checkKubeOptions,
  hasRegistryHost,
  kubeDefaults,
  kubeName,
  KubeOptions,
  KubeOptionsError,
  quantityValue,
  resourcesOf,
} from './options';
