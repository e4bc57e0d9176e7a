import { checkSignInPassword, hashPassword } from '../auth/passwords';

// Wraps the real Argon2 verify to count its calls; hashing and verifying stay real.
const verifyCalls: string[] = [];
jest.mock('@node-rs/argon2', () => {
  const actual = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');
  return {
    ...actual,
    verify: (stored: string, password: string) => {
      verifyCalls.push(stored);
      return actual.verify(stored, password);
    },
  };
});

describe('checkSignInPassword', () => {
  beforeEach(() => {
    verifyCalls.length = 0;
  });

  it('runs an Argon2 verify for a username nobody has, as for a wrong password, and refuses it', async () => {
    expect(await checkSignInPassword(undefined, 'guess-1')).toBe(false);
    expect(await checkSignInPassword(undefined, 'guess-2')).toBe(false);
    expect(verifyCalls).toHaveLength(2);
    // The decoy is a real Argon2id hash with the parameters real passwords get.
    const real = await hashPassword('correct horse');
    expect(verifyCalls[0]!.split('$').slice(0, 4)).toEqual(real.split('$').slice(0, 4));
  });

  it("checks a known user's password against that user's hash", async () => {
    const stored = await hashPassword('correct horse');
    expect(await checkSignInPassword(stored, 'correct horse')).toBe(true);
    expect(await checkSignInPassword(stored, 'wrong horse')).toBe(false);
    expect(verifyCalls).toEqual([stored, stored]);
  });
});
