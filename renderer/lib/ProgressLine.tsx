/** A determinate progress line (a bar, "N / M" in words, a 取消 button) for a long bulk action that can be stopped. */
export function ProgressLine({ message, done, total, cancelLabel, onCancel }: { message: string; done: number; total: number; cancelLabel: string; onCancel(): void }) {
  return (
    <div className="busy-line" role="status">
      <progress aria-label={message} max={Math.max(1, total)} value={Math.min(done, total)} />
      <span>{message}</span>
      <button type="button" className="small" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
