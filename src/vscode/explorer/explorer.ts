import { ExplorerModel } from '../../node/explorer/live';
import { NodeTreeProvider } from './nodeTree';
import { RefreshManager } from './refresh';
import { InspectDocuments } from './inspectDocs';

/** What the explorer's commands need: the live model, the trees, the refresh manager, inspect documents. */
export interface Explorer {
  model: ExplorerModel;
  images: NodeTreeProvider;
  containers: NodeTreeProvider;
  project: NodeTreeProvider;
  refresh: RefreshManager;
  inspect: InspectDocuments;
}
