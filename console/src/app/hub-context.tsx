import { createContext, useContext } from 'react';
import type { HubConnection } from './apollo/client';

export const HubContext = createContext<HubConnection | null>(null);

/** The signed-in session's connection (Apollo client and WebSocket). */
export function useHub(): HubConnection {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useHub outside a signed-in session');
  return hub;
}
