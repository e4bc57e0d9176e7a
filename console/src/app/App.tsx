import { useEffect, useMemo } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { SignIn } from '../features/auth/SignIn';
import { ToastProvider } from '../shared/components/Toasts';
import { createAnonymousClient, createHubConnection, retainConnection } from './apollo/client';
import { Layout } from './Layout';
import { LiveProvider } from './live/LiveProvider';
import { Routes } from './Routes';
import { SessionProvider, useSession, type Session } from './session';

function SignedIn({ session }: { session: Session }) {
  const { signOut } = useSession();
  // One connection per token: signing in again (or as someone else) starts clean, with an empty cache.
  const hub = useMemo(
    () =>
      createHubConnection({ token: session.token, onUnauthenticated: () => signOut('Your session has ended. Sign in again to continue.') }),
    [session.token, signOut],
  );
  useEffect(() => retainConnection(hub), [hub]);
  return (
    <ApolloProvider client={hub.apollo}>
      <LiveProvider hub={hub}>
        <Layout>
          <Routes />
        </Layout>
      </LiveProvider>
    </ApolloProvider>
  );
}

function Gate() {
  const { session } = useSession();
  const anonymous = useMemo(() => createAnonymousClient(), []);
  if (session) return <SignedIn session={session} />;
  return (
    <ApolloProvider client={anonymous}>
      <SignIn />
    </ApolloProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <ToastProvider>
        <Gate />
      </ToastProvider>
    </SessionProvider>
  );
}
