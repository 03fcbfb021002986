import type { DockerfileLanguageService } from 'dockerfile-language-service';
import { limitRegistryLookups } from '../../../node/dockerfile/registry';
import { setting } from '../../platform/settings';

let service: DockerfileLanguageService | undefined;

/**
 * The in-process language service with the capabilities vscode has (snippets, markdown, tags),
 * created on first use so that activation does not load the library. It keeps no per-document
 * state, so one instance serves every provider and command.
 */
export function dockerfileService(): DockerfileLanguageService {
  if (!service) {
    const { DockerfileLanguageServiceFactory } =
      require('dockerfile-language-service') as typeof import('dockerfile-language-service');
    // Tag completion asks Docker Hub: bounded always, and off when the setting says so (read fresh).
    limitRegistryLookups({ enabled: () => setting('dockerfile.imageTagCompletion') });
    service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setCapabilities({
      completion: {
        completionItem: {
          snippetSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          deprecatedSupport: true,
          tagSupport: { valueSet: [1] },
        },
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      foldingRange: { lineFoldingOnly: true },
    });
  }
  return service;
}
