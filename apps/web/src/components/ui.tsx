import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import ui from './ui.module.css';

export { ui };

type Common = { label: string; error?: string | null; hint?: string };

/** A labelled field whose error (and hint) is linked with aria-describedby. */
export function Field({
  label,
  error,
  hint,
  ...input
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={ui.field}>
      <label className={ui.label} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={ui.hint}>
          {hint}
        </span>
      )}
      <input
        id={id}
        className={ui.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className={ui.error}>
          {error}
        </span>
      )}
    </div>
  );
}

export function TextArea({
  label,
  error,
  hint,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const described =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div className={ui.field}>
      <label className={ui.label} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className={ui.hint}>
          {hint}
        </span>
      )}
      <textarea
        id={id}
        className={ui.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className={ui.error}>
          {error}
        </span>
      )}
    </div>
  );
}

export function Select({
  label,
  error,
  children,
  ...input
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  const id = useId();
  return (
    <div className={ui.field}>
      <label className={ui.label} htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={ui.input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      >
        {children}
      </select>
      {error && (
        <span id={`${id}-error`} className={ui.error}>
          {error}
        </span>
      )}
    </div>
  );
}
