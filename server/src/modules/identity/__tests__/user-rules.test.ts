import { Role } from '../../../common/auth/roles';
import { endsSessions, lastAdminProblem, passwordProblem, selfChangeProblem, sessionProblem } from '../user-rules';

const at = (iso: string) => new Date(iso);

describe('sessionProblem', () => {
  it('refuses every session of a deactivated user', () => {
    expect(sessionProblem({ active: false, sessionsValidFrom: null }, at('2026-01-01T10:00:00Z'))).toMatch(/deactivated/);
  });

  it('refuses a token signed before the sessions were ended, and accepts one signed after', () => {
    const user = { active: true, sessionsValidFrom: at('2026-01-01T10:00:00.500Z') };
    expect(sessionProblem(user, at('2026-01-01T10:00:00.499Z'))).toMatch(/ended/);
    expect(sessionProblem(user, undefined)).toMatch(/ended/);
    expect(sessionProblem(user, at('2026-01-01T10:00:00.500Z'))).toBeNull();
  });

  it('accepts any token of an active user whose sessions were never ended', () => {
    expect(sessionProblem({ active: true, sessionsValidFrom: null }, undefined)).toBeNull();
  });
});

describe('passwordProblem', () => {
  it('wants 8 to 256 characters', () => {
    expect(passwordProblem('1234567')).toMatch(/8 to 256/);
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('x'.repeat(257), 'newPassword')).toMatch(/^newPassword/);
    expect(passwordProblem(' '.repeat(8))).toBe('password must not be only spaces');
    expect(passwordProblem('\t \u00a0 \n   ', 'newPassword')).toBe('newPassword must not be only spaces');
    expect(passwordProblem('  pass  word  ')).toBeNull();
  });
});

describe('lastAdminProblem', () => {
  const admin = { id: '1', username: 'admin', role: Role.ADMIN, active: true };

  it('refuses to deactivate or demote the last active admin', () => {
    expect(lastAdminProblem(admin, { active: false }, ['1'])).toMatch(/last active admin/);
    expect(lastAdminProblem(admin, { role: Role.OPERATOR }, ['1'])).toMatch(/last active admin/);
  });

  it('lets it go when another active admin remains, or the change keeps the admin', () => {
    expect(lastAdminProblem(admin, { active: false }, ['1', '2'])).toBeNull();
    expect(lastAdminProblem(admin, { displayName: 'Boss' }, ['1'])).toBeNull();
  });

  it('never stands in the way of changing a user who is not an active admin', () => {
    expect(lastAdminProblem({ ...admin, id: '3', role: Role.OPERATOR }, { active: false }, ['1'])).toBeNull();
  });
});

describe('endsSessions', () => {
  const user = { role: Role.OPERATOR, active: true };
  it('ends them on deactivation and on a new role only', () => {
    expect(endsSessions(user, { active: false })).toBe(true);
    expect(endsSessions(user, { role: Role.ADMIN })).toBe(true);
    expect(endsSessions(user, { role: Role.OPERATOR, active: true, displayName: 'x' })).toBe(false);
    expect(endsSessions({ ...user, active: false }, { active: false })).toBe(false);
  });
});

describe('selfChangeProblem', () => {
  it('keeps an admin from deactivating themselves or changing their own role', () => {
    expect(selfChangeProblem('1', '1', { active: false })).toMatch(/deactivate yourself/);
    expect(selfChangeProblem('1', '1', { role: Role.OPERATOR })).toMatch(/own role/);
  });

  it('lets them rename themselves, and change anyone else; an API key has no user', () => {
    expect(selfChangeProblem('1', '1', { displayName: 'Boss', active: true })).toBeNull();
    expect(selfChangeProblem('1', '2', { active: false, role: Role.ADMIN })).toBeNull();
    expect(selfChangeProblem(null, '1', { active: false })).toBeNull();
  });
});
