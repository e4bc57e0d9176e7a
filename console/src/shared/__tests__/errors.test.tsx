import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeError } from '../errors';

const refused = (message: string) => new CombinedGraphQLErrors({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });

describe('describeError', () => {
  it("says the GraphQL layer's refusals of a value as the operator typed it", () => {
    expect(
      describeError(
        refused(
          'Variable "$input" got invalid value "FOO_BAR" at "input.eventTypes[0]"; Value "FOO_BAR" does not exist in "EventType" enum.',
        ),
      ),
    ).toEqual({ message: '"FOO_BAR" is not a known event type: check its spelling', code: 'BAD_USER_INPUT' });
    expect(
      describeError(
        refused('Variable "$sla" got invalid value 99999999999; Int cannot represent non 32-bit signed integer value: 99999999999'),
      ),
    ).toEqual({ message: '99999999999 is too large a whole number', code: 'BAD_USER_INPUT' });
  });

  it("keeps the hub's own messages as they are", () => {
    expect(describeError(refused('Account name must not be empty'))).toEqual({
      message: 'Account name must not be empty',
      code: 'BAD_USER_INPUT',
    });
  });
});
