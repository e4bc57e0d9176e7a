import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { Principal } from '../common/auth/roles';
import { credentialExpired, principalKey } from '../modules/identity/identity.service';
import type { Logger } from '../common/logger';

/**
 * How often each process re-checks the credentials of its open sockets. The
 * README promises a revoked key's sockets close within 5 seconds on every
 * process, whether or not the PubSub message of the revocation arrives.
 */
export const RECHECK_MS = 2_000;

/** What decides whether credentials still hold: the database's answer (revoked keys, deleted users...), by principalKey. */
export type CredentialCheck = (principals: readonly Principal[]) => Promise<Map<string, string>>;

/**
 * The open sockets of a process and the credentials each was opened with. A
 * socket is closed with 4403 as soon as its credentials no longer hold: when
 * a revocation message arrives (closeFor), when its session token expires,
 * and at the latest at the next periodic re-check against the database,
 * which does not depend on the PubSub. A new reason to refuse a credential
 * (a user made inactive, say) belongs in the CredentialCheck, and reaches
 * open sockets through the same re-check.
 */
export class CredentialWatch {
  private readonly sockets = new Map<WebSocket, Principal>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly check: CredentialCheck,
    private readonly log: Logger,
    private readonly intervalMs = RECHECK_MS,
  ) {}

  add(socket: WebSocket, principal: Principal): void {
    this.sockets.set(socket, principal);
    this.timer ??= setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  remove(socket: WebSocket): void {
    this.sockets.delete(socket);
    if (this.sockets.size === 0) this.stop();
  }

  /** Closes at once the sockets of a credential revoked anywhere (the PubSub's message). */
  closeFor(kind: Principal['kind'], id: string, reason: string): void {
    for (const [socket, principal] of this.sockets) if (principal.kind === kind && principal.id === id) this.close(socket, reason);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One re-check of every open socket: expiry here, the rest against the database. One at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const now = Date.now();
    for (const [socket, principal] of this.sockets) {
      const expired = credentialExpired(principal, now);
      if (expired) this.close(socket, expired);
    }
    if (this.sockets.size === 0) return;
    let problems: Map<string, string>;
    try {
      problems = await this.check([...this.sockets.values()]);
      this.failing = false;
    } catch (error) {
      // The database is away: nothing can be revoked meanwhile either; the next sweep checks again (logged once per outage).
      if (!this.failing) this.log.error('re-checking the credentials of open sockets failed; retrying every sweep', error);
      this.failing = true;
      return;
    }
    for (const [socket, principal] of this.sockets) {
      const problem = problems.get(principalKey(principal));
      if (problem) this.close(socket, problem);
    }
  }

  private close(socket: WebSocket, reason: string): void {
    this.sockets.delete(socket);
    // A close reason is at most 123 bytes.
    socket.close(CloseCode.Forbidden, reason.slice(0, 120));
  }
}
