// Non-modal offers: a notification with a few buttons, shown without waiting for the answer. The
// editor suite cannot click a notification, so in the Test mode each offer is also kept, by name,
// until it is answered; the test command dsContainers.test.answerOffer clicks one of its buttons.
import * as vscode from 'vscode';
import type { BaseServices, CommandSpec } from '../services';
import { inTestMode } from './testMode';

interface Pending {
  message: string;
  actions: string[];
  answer(action: string | undefined): void;
}

// Per extension instance (keyed by its context: the views get the services before the commands' are complete),
// only ever filled in the Test mode.
const pendingOffers = new WeakMap<vscode.ExtensionContext, Map<string, Pending>>();

/** Shows `message` with `actions` as an information notification; resolves to the button clicked. */
export function offer(s: BaseServices, name: string, message: string, actions: string[]): Promise<string | undefined> {
  const shown = Promise.resolve(vscode.window.showInformationMessage(message, ...actions));
  if (!inTestMode(s)) return shown;
  const pending = pendingOffers.get(s.context) ?? new Map<string, Pending>();
  pendingOffers.set(s.context, pending);
  return new Promise((resolve) => {
    const p: Pending = {
      message,
      actions,
      answer: (a) => {
        if (pending.get(name) === p) pending.delete(name);
        resolve(a);
      },
    };
    pending.set(name, p);
    void shown.then((a) => p.answer(a));
  });
}

export const offerTestCommands: CommandSpec[] = [
  {
    // Clicks `action` on the offer `name` when one is showing; resolves to its message (undefined: none is).
    // Without an action it only reports the message.
    id: 'dsContainers.test.answerOffer',
    title: 'Answer Offer',
    kind: 'test',
    handler: (s, name: string, action?: string) => {
      const p = pendingOffers.get(s.context)?.get(name);
      if (!p) return undefined;
      if (action !== undefined) {
        if (!p.actions.includes(action)) throw new Error(`the offer has no "${action}" (${p.actions.join(', ')})`);
        p.answer(action);
      }
      return p.message;
    },
  },
];
