/** Brief confirmations ("已复制"), optionally with one action (撤销). Announced to screen readers. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface ToastAction {
  label: string;
  run(): void;
}
interface ToastItem {
  id: number;
  message: string;
  action?: ToastAction;
}
type Show = (message: string, action?: ToastAction, ms?: number) => void;

const ToastContext = createContext<Show>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const close = useCallback((id: number) => {
    setItems((all) => all.filter((i) => i.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);
  const show = useCallback<Show>(
    (message, action, ms) => {
      const id = next.current++;
      // A plain confirmation replaces the plain ones before it (copying cell after cell must not
      // pile notes over the table); one with an action (撤销) stays until it times out.
      setItems((all) => [...all.filter((i) => action || i.action).slice(-3), { id, message, action }]);
      timers.current.set(id, setTimeout(() => close(id), ms ?? (action ? 8000 : 2500)));
    },
    [close],
  );
  useEffect(() => () => timers.current.forEach((t) => clearTimeout(t)), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((item) => (
          <div className="toast" key={item.id}>
            <span>{item.message}</span>
            {item.action && (
              <button
                type="button"
                onClick={() => {
                  item.action!.run();
                  close(item.id);
                }}
              >
                {item.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="×" onClick={() => close(item.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Show {
  return useContext(ToastContext);
}
