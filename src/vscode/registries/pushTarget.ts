// The target of Push to Registry…: a quick pick of the image's name under each known registry, where
// typing gives any other reference.
import * as vscode from 'vscode';
import { pushSuggestions } from '../../core/registry/reference';
import { badReference } from '../platform/pickers';
import { UserCancelled } from '../platform/errors';

export function pushTarget(localRef: string | undefined, registries: string[]): Promise<string> {
  const qp = vscode.window.createQuickPick();
  const suggestions = pushSuggestions(localRef, registries).map((label) => ({ label }));
  qp.title = `Push ${localRef ?? 'image'}`;
  qp.placeholder = 'Target reference, REGISTRY/NAME:TAG (type to change it)';
  qp.items = suggestions;
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    const bad = typed ? badReference(typed) : undefined;
    qp.items = typed
      ? [{ label: typed, description: bad ?? 'push under this reference' }, ...suggestions]
      : suggestions;
  });
  return new Promise<string>((resolve, reject) => {
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0]?.label ?? qp.value.trim();
      qp.hide();
      if (picked) resolve(picked);
      else reject(new UserCancelled());
    });
    qp.onDidHide(() => {
      reject(new UserCancelled());
      qp.dispose();
    });
    qp.show();
  });
}
