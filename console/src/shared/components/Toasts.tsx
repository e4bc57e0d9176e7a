import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from '../../app/router';

export type ToastTone = 'info' | 'success' | 'warning' | 'danger';

export interface ToastInput {
  title: string;
  detail?: string;
  tone?: ToastTone;
  link?: { to: string; label: string };
  /** Milliseconds before it leaves on its own; errors stay until dismissed. */
  timeout?: number;
}

interface Toast extends ToastInput {
  id: number;
}

interface ToastContextValue {
  toast(input: ToastInput): void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

const MAX_VISIBLE = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = useCallback(
    (input: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all, { ...input, id }].slice(-MAX_VISIBLE));
      const timeout = input.timeout ?? (input.tone === 'danger' ? 0 : 6000);
      if (timeout > 0) setTimeout(() => dismiss(id), timeout);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone ?? 'info'}`} role="status">
            <div className="toast-body">
              <strong className="toast-title">{t.title}</strong>
              {t.detail && <span className="toast-detail">{t.detail}</span>}
              {t.link && (
                <Link to={t.link.to} className="toast-link" onClick={() => dismiss(t.id)}>
                  {t.link.label}
                </Link>
              )}
            </div>
            <button type="button" className="icon-button" aria-label={`Dismiss: ${t.title}`} onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastContextValue {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast outside ToastProvider');
  return value;
}
