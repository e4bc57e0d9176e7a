import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeMyPasswordMutation, MyAccountPage, passwordFormProblem } from '../MyAccountPage';
import { hubError, renderScreen } from '../../../test/render';

describe('MyAccountPage', () => {
  it('checks the form before sending it', () => {
    expect(passwordFormProblem('', 'new-password', 'new-password')).toMatch(/current/);
    expect(passwordFormProblem('old-password', 'short', 'short')).toMatch(/8 to 256/);
    expect(passwordFormProblem('old-password', 'new-password', 'new-passwort')).toMatch(/differ/);
    expect(passwordFormProblem('same-password', 'same-password', 'same-password')).toMatch(/must differ/);
    expect(passwordFormProblem('old-password', 'new-password', 'new-password')).toBeNull();
  });

  it("shows the hub's refusal of a wrong current password, then changes it", async () => {
    const vars = { currentPassword: 'old-password', newPassword: 'new-password' };
    renderScreen(<MyAccountPage />, {
      mocks: [
        {
          request: { query: ChangeMyPasswordMutation, variables: vars },
          result: hubError('currentPassword is not your current password', 'BAD_USER_INPUT'),
        },
        {
          request: { query: ChangeMyPasswordMutation, variables: vars },
          result: { data: { changeMyPassword: { __typename: 'User', id: '7' } } },
        },
      ],
    });
    await userEvent.type(screen.getByLabelText('Current password'), 'old-password');
    await userEvent.type(screen.getByLabelText('New password'), 'new-password');
    await userEvent.type(screen.getByLabelText('New password again'), 'new-password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('currentPassword is not your current password');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
  });
});
