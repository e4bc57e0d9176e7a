import { screen, within } from '@testing-library/react';
import { RefundDialog } from '../../features/credits/RefundDialog';
import { enumWords, humanizeStatus } from '../labels';
import { renderScreen } from '../../test/render';

describe('labels of enum values', () => {
  it('keeps acronyms in capitals and writes the other words plainly', () => {
    expect(humanizeStatus('ACH')).toBe('ACH');
    expect(humanizeStatus('CARD')).toBe('Card');
    expect(humanizeStatus('DROP_PENDING')).toBe('Drop pending');
    expect(humanizeStatus('SLA_BREACHED')).toBe('SLA breached');
    expect(enumWords('LATE_FEE')).toBe('late fee');
    expect(enumWords('ACH')).toBe('ACH');
  });

  it('offers the refund channels by their names', () => {
    renderScreen(<RefundDialog accountNumber="A-100120" unapplied="40.00" onClose={() => undefined} />);
    const options = within(screen.getByLabelText('Channel')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Card', 'ACH', 'Wire', 'Check', 'Cash', 'Online', 'Other']);
  });
});
