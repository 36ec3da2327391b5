/**
 * A modal confirmation for actions on many reports (删除 2,011 份报告？): says what and how many,
 * focuses Cancel first (Enter must not delete by accident), Escape cancels.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The confirm button in the danger colour. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ message, confirmLabel, cancelLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <div
        className="modal confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={message}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <p>{message}</p>
        <div className="modal-actions">
          <button type="button" ref={cancelRef} onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="button" className={danger ? 'danger' : undefined} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** A bulk action running: one line and an indeterminate bar (one request, no count to show until it answers). */
export function BusyLine({ message }: { message: string }) {
  return (
    <div className="busy-line" role="status">
      <progress aria-label={message} />
      <span>{message}</span>
    </div>
  );
}
