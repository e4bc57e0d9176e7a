import type { Principal } from '../../common/auth/roles';

/** How long a process trusts a key it looked up, should the revocation notice never reach it (PubSub down). */
const TRUST_MS = 5_000;
const MAX_KEYS = 10_000;

/**
 * The principals of recently used API keys, by secret digest, so a partner's
 * request costs no lookup. A revocation evicts its key at once in the process
 * that revoked it and, through the PubSub, in every other process; a lookup
 * that was under way while a key was revoked is not kept.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private generation = 0;

  get(digest: string): Principal | null {
    const entry = this.entries.get(digest);
    if (!entry) return null;
    if (entry.until < Date.now()) {
      this.entries.delete(digest);
      return null;
    }
    return entry.principal;
  }

  /** Looks the key up with `load` on a miss and keeps what it found, unless a revocation happened meanwhile. */
  async through(digest: string, load: () => Promise<Principal>): Promise<Principal> {
    const hit = this.get(digest);
    if (hit) return hit;
    const generation = this.generation;
    const principal = await load();
    if (generation === this.generation) {
      if (this.entries.size >= MAX_KEYS) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(digest, { principal, until: Date.now() + TRUST_MS });
    }
    return principal;
  }

  evict(keyId: string): void {
    this.generation++;
    for (const [digest, entry] of this.entries) if (entry.principal.id === keyId) this.entries.delete(digest);
  }
}
