import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { ApolloLink } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { MockLink } from '@apollo/client/testing';
import { createCache } from '../app/apollo/client';
import { SessionProvider, type Session } from '../app/session';
import { ToastProvider } from '../shared/components/Toasts';

export const OPERATOR: Session = {
  token: 'test-token',
  user: { id: '7', username: 'olga', displayName: 'Olga Operator', role: 'OPERATOR' },
};

/** A Storage in memory, so each test starts with the session it says. */
export function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

export interface RenderOptions {
  mocks?: ReadonlyArray<MockLink.MockedResponse>;
  /** Signed in as this session (default: an operator); null for signed out. */
  session?: Session | null;
  /** The browser path the screen starts at. */
  path?: string;
  storage?: Storage;
  /** Gets the name of every operation the screen sends, in order: what a screen reads again shows here. */
  sent?: string[];
}

/** Renders a screen the way the console does: session, toasts, and Apollo answering from `mocks`. */
export function renderScreen(ui: ReactElement, options: RenderOptions = {}): RenderResult & { storage: Storage } {
  const session = options.session === undefined ? OPERATOR : options.session;
  const storage = options.storage ?? memoryStorage(session ? { 'billing-hub.session': JSON.stringify(session) } : {});
  window.history.replaceState(null, '', options.path ?? '/');
  const { sent } = options;
  const mocked = new MockLink(options.mocks ?? []);
  const link = sent
    ? ApolloLink.from([
        new ApolloLink((operation, forward) => {
          sent.push(operation.operationName ?? '');
          return forward(operation);
        }),
        mocked,
      ])
    : mocked;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SessionProvider storage={storage}>
      <ToastProvider>
        <MockedProvider link={link} cache={createCache()}>
          {children}
        </MockedProvider>
      </ToastProvider>
    </SessionProvider>
  );
  return Object.assign(render(ui, { wrapper }), { storage });
}

/** A GraphQL error as the hub sends it, with the contract's code. */
export function hubError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}
