import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describeError, numberedAsShown } from '../errors';

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

  it('names a list item as the forms number it, from 1, not by its 0-based index', () => {
    const said = (message: string) => describeError(refused(message)).message;
    expect(said('steps[2].daysPastDue must be a whole number from 0 to 3650; got -1')).toBe(
      'Step 3: daysPastDue must be a whole number from 0 to 3650; got -1',
    );
    expect(said('steps[0]: a LETTER step needs a template (the text sent)')).toBe('Step 1: a LETTER step needs a template (the text sent)');
    expect(said('Rate tiers[0].unitPrice must not be negative')).toBe('Rate tier 1: unitPrice must not be negative');
    expect(said('Rate tiers[1]: only the last tier may leave upTo out')).toBe('Rate tier 2: only the last tier may leave upTo out');
    expect(said('Rate registerPrices[1].unitPrice must not be negative')).toBe('Rate register 2: unitPrice must not be negative');
    expect(said('protections[0].until 2020-01-01 is before today (2026-03-01)')).toBe(
      'Protection 1: until 2020-01-01 is before today (2026-03-01)',
    );
    expect(said('items[0] invoice line id "x" is not an id this API gave out')).toBe(
      'Credited line 1: invoice line id "x" is not an id this API gave out',
    );
    expect(said('items[1]: the amount must not be 0 (line "Energy")')).toBe('Credited line 2: the amount must not be 0 (line "Energy")');
    // Where a value the hub could not read is: the argument's name goes, each list of the path is numbered.
    expect(said('input.rates[1].tiers[0].unitPrice: "abc" is not a decimal')).toBe('Rate 2, tier 1, unitPrice: "abc" is not a decimal');
  });

  it('keeps paths into lists the console does not number as sent, and messages without a path', () => {
    expect(numberedAsShown('Line 4: reference T-1 is already recorded')).toBe('Line 4: reference T-1 is already recorded');
    expect(numberedAsShown('lines[3].amount: "1.234" has more than two decimals')).toBe(
      'lines[3].amount: "1.234" has more than two decimals',
    );
    expect(numberedAsShown('Rate tiers: at most 20 tiers')).toBe('Rate tiers: at most 20 tiers');
    expect(numberedAsShown('openingBalance[3]: dueDate 2026-01-01 is before issueDate 2026-02-01')).toBe(
      'Open invoice 4: dueDate 2026-01-01 is before issueDate 2026-02-01',
    );
  });
});
