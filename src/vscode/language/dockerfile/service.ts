import { DockerfileLanguageService, DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { limitRegistryLookups } from '../../../node/dockerfile/registry';

/** Creates the in-process language service with the capabilities vscode has (snippets, markdown, tags). */
export function createDockerfileService(imageTagLookups: boolean): DockerfileLanguageService {
  limitRegistryLookups({ enabled: imageTagLookups });
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setCapabilities({
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], deprecatedSupport: true, tagSupport: { valueSet: [1] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    foldingRange: { lineFoldingOnly: true },
  });
  return service;
}
