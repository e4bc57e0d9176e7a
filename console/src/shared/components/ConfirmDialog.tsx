import type { ReactNode } from 'react';
import { ActionFooter, Modal } from './Modal';

/** Asks before an action an operator should not take by a stray click: Back, or the action named on its button. */
export function ConfirmDialog({
  title,
  children,
  action,
  busy,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  /** The button's label: what happens, e.g. "Cancel the plan". */
  action: string;
  busy: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={<ActionFooter back="Back" action={action} busy={busy} danger onBack={onClose} onAction={onConfirm} />}
    >
      {children}
    </Modal>
  );
}
