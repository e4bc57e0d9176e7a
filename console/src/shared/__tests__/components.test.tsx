import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Field } from '../components/Field';
import { Modal } from '../components/Modal';
import { Tabs } from '../components/Tabs';
import { ToastProvider, useToast } from '../components/Toasts';
import { matchPath } from '../../app/router';

function TabsHarness() {
  const [active, setActive] = useState('a');
  return (
    <Tabs
      label="Sections"
      active={active}
      onChange={setActive}
      tabs={[
        { id: 'a', label: 'Invoices', badge: 3 },
        { id: 'b', label: 'Payments' },
        { id: 'c', label: 'Audit' },
      ]}
    >
      <p>panel {active}</p>
    </Tabs>
  );
}

describe('shared components', () => {
  it('moves between tabs with the arrow keys', async () => {
    render(<TabsHarness />);
    const first = screen.getByRole('tab', { name: /Invoices/ });
    first.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Payments' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: 'Payments' })).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Audit' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveTextContent('panel c');
  });

  it('names a field by its label only; the hint and the error describe it', () => {
    render(
      <>
        <Field label="Code" hint="How partners name it.">
          <input />
        </Field>
        <Field label="Amount" error="Digits only.">
          <input />
        </Field>
      </>,
    );
    expect(screen.getByRole('textbox', { name: 'Code' })).toHaveAccessibleDescription('How partners name it.');
    const amount = screen.getByRole('textbox', { name: 'Amount' });
    expect(amount).toHaveAccessibleDescription('Digits only.');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
  });

  it('closes a dialog with Escape and puts focus inside it while open', async () => {
    const onClose = jest.fn();
    render(
      <Modal title="Void invoice" onClose={onClose}>
        <input aria-label="Reason" />
      </Modal>,
    );
    expect(screen.getByRole('dialog', { name: 'Void invoice' })).toBeInTheDocument();
    expect(screen.getByLabelText('Reason')).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });

  it('matches the console routes', () => {
    expect(matchPath('/accounts/:id', '/accounts/42')).toEqual({ id: '42' });
    expect(matchPath('/accounts/by-number/:number', '/accounts/by-number/A-1%2F2')).toEqual({ number: 'A-1/2' });
    expect(matchPath('/accounts/:id', '/accounts')).toBeNull();
  });
});

function ToastButtons() {
  const { toast } = useToast();
  return (
    <>
      <button type="button" onClick={() => toast({ title: 'Payment recorded', tone: 'success' })}>
        ok
      </button>
      <button type="button" onClick={() => toast({ title: 'Could not save', tone: 'danger' })}>
        fail
      </button>
    </>
  );
}

describe('toasts', () => {
  it('leave on their own after a few seconds, errors stay until dismissed', () => {
    jest.useFakeTimers();
    render(
      <ToastProvider>
        <ToastButtons />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'ok' }));
    fireEvent.click(screen.getByRole('button', { name: 'fail' }));
    expect(screen.getByText('Payment recorded')).toBeInTheDocument();
    act(() => jest.advanceTimersByTime(6100));
    expect(screen.queryByText('Payment recorded')).not.toBeInTheDocument();
    expect(screen.getByText('Could not save')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Could not save' }));
    expect(screen.queryByText('Could not save')).not.toBeInTheDocument();
    jest.useRealTimers();
  });
});
